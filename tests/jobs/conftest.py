"""Real Celery workers for the job tests: they need CELERY_BROKER_URL (Redis) and PostgreSQL.

`.ci/run` runs these with `-m services`; the workers connect to the test database, so the tests
use committed transactions (`transactional_db`).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/jobs/" in str(item.fspath):
            item.add_marker(pytest.mark.services)
            item.add_marker(pytest.mark.django_db(transaction=True))


def _require_services():
    if not settings.CELERY_BROKER_URL or connection.vendor != "postgresql":
        pytest.fail("job tests need CELERY_BROKER_URL and a PostgreSQL DATABASE_URL (.ci/run)")


def _database_url() -> str:
    db = settings.DATABASES["default"]
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db.get('USER') or 'postgres'}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(transactional_db, request):
    """Start a real Celery worker process (call it twice for two workers); purge the queue."""
    _require_services()
    from config.celery import app

    app.control.purge()
    workers = []

    def start(name: str = "w1", concurrency: int = 1):
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        }
        log = open(ROOT / "test-results" / f"celery-{name}.log", "w")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-n",
                f"{name}@%h",
                "-c",
                str(concurrency),
                "-P",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers.append(proc)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            replies = app.control.ping(destination=[f"{name}@{os.uname().nodename}"], timeout=1)
            if replies:
                return proc
            if proc.poll() is not None:
                pytest.fail(f"celery worker {name} exited; see test-results/celery-{name}.log")
        pytest.fail(f"celery worker {name} did not start in 60 s")

    (ROOT / "test-results").mkdir(exist_ok=True)
    yield start
    for proc in workers:
        proc.terminate()
    for proc in workers:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_until(predicate, timeout: float = 60.0, every: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False
