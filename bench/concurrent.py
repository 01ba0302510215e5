"""Concurrent benchmark, embedded default: the dashboard on the demo (SQLite, eager Celery)
served by gunicorn with 4 workers, requested by 8 users at once for a while; prints p50/p95 and
the rate. Goal: p95 < 300 ms.

Knobs: BENCH_DEMO_SCALE (1.0), BENCH_USERS (8), BENCH_WORKERS (4), BENCH_SECONDS (20).
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.database import _use_database

ROOT = Path(__file__).resolve().parent.parent
URL_PATH = "/tong-quan/CCHC-2021/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, cookie: str, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            _get(url, cookie)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {url}")


def _get(url: str, cookie: str) -> float:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        if response.status != 200 or response.geturl() != url or b'id="target-lines"' not in body:
            raise RuntimeError(f"{url}: HTTP {response.status} at {response.geturl()}")
    return time.perf_counter() - start


def _users_hit(url: str, cookie: str, users: int, seconds: float) -> list[float]:
    timings: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def user():
        mine = []
        while time.perf_counter() < stop:
            mine.append(_get(url, cookie))
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def _session_cookie() -> str:
    from django.conf import settings
    from django.test import Client

    from units.models import User

    client = Client()
    client.force_login(User.objects.get(username="noivu"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def run() -> None:
    scale = float(os.environ.get("BENCH_DEMO_SCALE", "1.0"))
    users = int(os.environ.get("BENCH_USERS", "8"))
    workers = int(os.environ.get("BENCH_WORKERS", "4"))
    seconds = float(os.environ.get("BENCH_SECONDS", "20"))
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["CELERY_BROKER_URL"] = ""
        _use_database(database_url)
        from django.core.management import call_command

        quiet = open(os.devnull, "w")
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_plan", "CCHC-2021", stdout=quiet)
        call_command("seed_demo", "--scale", str(scale), stdout=quiet)
        call_command("recompute_compliance", "CCHC-2021", stdout=quiet)
        cookie = _session_cookie()
        print(f"  setup: the demo (scale {scale}) in {time.perf_counter() - t0:.1f}s")
        port = _free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": "",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(workers)]
            + ["-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        try:
            url = f"http://127.0.0.1:{port}{URL_PATH}"
            _wait_until_up(url, cookie)
            _users_hit(url, cookie, users, 2.0)  # every worker warms its cache
            timings = _users_hit(url, cookie, users, seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    ms = sorted(t * 1000 for t in timings)
    p50 = statistics.median(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    verdict = "PASS" if p95 < 300 else "MISS"
    print(
        f"  dashboard on the demo, {users} users at once, gunicorn {workers} workers, "
        f"{seconds:.0f} s: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {len(ms) / seconds:.0f} req/s "
        f"(goal p95 < 300 ms) {verdict}"
    )
