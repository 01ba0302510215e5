"""A throw-away PostgreSQL database for a benchmark: created, migrated, loaded with the plan,
and dropped afterwards (unless BENCH_KEEP=1)."""

import os
from contextlib import contextmanager
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cchc_bench"


def bench_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def _admin(url: str, statement: str) -> None:
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not name.startswith(("cchc_bench", "bench")):
        raise SystemExit(f"refusing to drop {name!r}: a bench database name starts with cchc_bench")
    conn = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(statement.format(name=name))
    conn.close()


def _use_database(url: str) -> None:
    """Point Django's default connection at the bench database (before or after setup, as
    `python -m bench all` runs several benchmarks in one process)."""
    import django
    import environ
    from django.apps import apps

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if not apps.ready:
        django.setup()
    from django.conf import settings
    from django.db import connections

    connections["default"].close()
    config = environ.Env.db_url_config(url)
    options = config.setdefault("OPTIONS", {})  # replaces the other backend's options
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options.update(settings.SQLITE_OPTIONS)  # as config/settings.py sets them
    other_backend = settings.DATABASES["default"].get("ENGINE") != config["ENGINE"]
    settings.DATABASES["default"].update(config)
    if other_backend:  # PostgreSQL → SQLite or back: a new connection of the other backend
        del connections["default"]
    else:
        connections["default"].settings_dict.update(config)


@contextmanager
def throwaway_database(url: str | None = None):
    """Yield with Django on a fresh, migrated bench database holding the CCHC-2021 plan."""
    url = url or bench_url()
    _admin(url, 'DROP DATABASE IF EXISTS "{name}"')
    _admin(url, 'CREATE DATABASE "{name}"')
    try:
        _use_database(url)
        from django.core.management import call_command
        from django.db import connection

        if connection.vendor != "postgresql":
            raise SystemExit("the benchmarks need PostgreSQL (BENCH_DATABASE_URL)")
        call_command("migrate", verbosity=0)
        call_command("load_plan", "CCHC-2021", stdout=open(os.devnull, "w"))
        yield url
    finally:
        from django.db import connections

        connections.close_all()
        if os.environ.get("BENCH_KEEP") != "1":
            _admin(url, 'DROP DATABASE IF EXISTS "{name}"')
