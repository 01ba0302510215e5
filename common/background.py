"""Run a job after the current request's transaction commits, without making the request wait.

Used where Celery runs eagerly (no broker: the embedded default, `make run`), in which case
`.delay()` would run the job inline, inside the request. `run_after_response(fn, *args)` instead
starts a daemon thread once the transaction commits; the thread runs `fn(*args)` and closes its
database connection. With `settings.BACKGROUND_SYNC` (set by the test suite, so a test sees the
job's effect deterministically on one database connection) the job runs in the calling thread
right after the commit instead.

A process that ends while such a job runs (a management command: `seed_demo` queues the demo's
recompute, then returns) waits for it first, up to `EXIT_WAIT` seconds: a daemon thread would
otherwise die with the process, its job never run and its request left pending.
"""

import atexit
import logging
import threading
import time
from functools import partial

from django.conf import settings
from django.db import connections, transaction

log = logging.getLogger(__name__)

EXIT_WAIT = 300  # seconds a process waits at exit for the background jobs it started
_started: list[threading.Thread] = []


def background_jobs_wait(seconds: float = EXIT_WAIT) -> None:
    """Wait, up to `seconds` in all, for the background jobs this process started."""
    deadline = time.monotonic() + seconds
    for thread in list(_started):
        thread.join(max(deadline - time.monotonic(), 0))


atexit.register(background_jobs_wait)


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
    thread = threading.Thread(target=_run, args=(fn, args), daemon=True, name="background-job")
    _started[:] = [t for t in _started if t.is_alive()]
    _started.append(thread)
    thread.start()


def run_after_response(fn, *args) -> None:
    """After the current transaction commits (at once outside one), run `fn(*args)` off the
    request (see `run_now`)."""
    transaction.on_commit(partial(run_now, fn, *args), robust=True)
