"""Run a job after the current request's transaction commits, without making the request wait.

Used where Celery runs eagerly (no broker: the embedded default, `make run`), in which case
`.delay()` would run the job inline, inside the request. `run_after_response(fn, *args)` instead
starts a daemon thread once the transaction commits; the thread runs `fn(*args)` and closes its
database connection. With `settings.BACKGROUND_SYNC` (set by the test suite, so a test sees the
job's effect deterministically on one database connection) the job runs in the calling thread
right after the commit instead.
"""

import logging
import threading
from functools import partial

from django.conf import settings
from django.db import connections, transaction

log = logging.getLogger(__name__)


def _run(fn, args) -> None:
    try:
        fn(*args)
    except Exception:  # a thread has no caller to raise to
        log.exception("Background job %s failed", getattr(fn, "__name__", fn))
    finally:
        connections.close_all()


def run_now(fn, *args) -> None:
    """Start `fn(*args)` off the request now: in a daemon thread, or inline when BACKGROUND_SYNC."""
    if getattr(settings, "BACKGROUND_SYNC", False):
        fn(*args)
        return
    threading.Thread(target=_run, args=(fn, args), daemon=True, name="background-job").start()


def run_after_response(fn, *args) -> None:
    """After the current transaction commits (at once outside one), run `fn(*args)` off the
    request (see `run_now`)."""
    transaction.on_commit(partial(run_now, fn, *args), robust=True)
