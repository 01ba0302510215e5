"""Minimal dispatcher (helper F's branch): `python -m bench dashboard`.

Helper A owns the full `bench/__main__.py`; on merge keep A's version (it dispatches
`bench.<name>.run()` the same way).
"""

import importlib
import os
import sys


def main(argv: list[str]) -> int:
    name = argv[0] if argv else "dashboard"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    importlib.import_module(f"bench.{name}").run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
