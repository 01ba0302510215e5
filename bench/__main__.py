"""`python -m bench [imports|compliance|dashboard|writes|concurrent|all]`: one or every bench.

Sub-benchmarks are modules of this package with a `run()` function, imported lazily; a missing
one is skipped with a note.
"""

import gc
import importlib
import os
import sys

BENCHMARKS = ("imports", "compliance", "dashboard", "writes", "concurrent")


def main(argv: list[str]) -> int:
    choice = argv[0] if argv else "all"
    if choice not in (*BENCHMARKS, "all"):
        print(f"usage: python -m bench [{'|'.join(BENCHMARKS)}|all]", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    for name in BENCHMARKS if choice == "all" else (choice,):
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench.{name}":
                raise
            print(f"[bench] {name}: not available yet, skipped")
            continue
        print(f"[bench] {name}")
        module.run()
        _forget()
    return 0


def _forget() -> None:
    """Leave the next bench what a new process would have: an empty cache (the database just
    dropped had a plan of the same id, whose cached pages must not be read in the next one) and
    none of this bench's garbage."""
    from django.apps import apps

    if apps.ready:
        from django.core.cache import cache

        cache.clear()
    gc.collect()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
