"""A job started off the request still runs when its process ends first (a management command
that queues a recompute and returns): the process waits for it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import time
import django
django.setup()
from django.conf import settings
from common.background import run_now

settings.BACKGROUND_SYNC = False

def job(path):
    time.sleep(0.5)
    open(path, "w").write("done")

run_now(job, {path!r})
"""


def test_a_process_ending_waits_for_the_background_job_it_started(tmp_path):
    done = tmp_path / "done"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    subprocess.run(
        [sys.executable, "-c", SCRIPT.format(path=str(done))],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )
    assert done.read_text() == "done"
