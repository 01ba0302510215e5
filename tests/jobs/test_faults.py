"""Faults heal without anyone acting: a broker that goes down during a recompute request and a
browser import, and a sender that dies between claiming a digest and sending it.

Each test runs its own throw-away Redis (never the shared one) on a free port.
"""

import datetime as dt
import socket
import subprocess
import time

import pytest
from django.db.models import F
from django.urls import reverse

from config.celery import app
from indicators.compliance.services import compliance_recompute_soon
from indicators.followup import reminders
from indicators.followup.tasks import sweep_pending_work_task
from indicators.models import ComplianceResult, Dossier, ImportJob, RecomputeRequest
from plans.models import Digest, Plan
from tests.indicators.importfiles import GOOD
from tests.indicators.test_imports_views import upload
from tests.jobs.conftest import ROOT, wait_until

LONG_AGO = dt.timedelta(minutes=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _use_broker(url: str) -> None:
    """Point this process's Celery app at another broker (its connection pools rebuilt)."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


class ThrowawayRedis:
    def __init__(self, port: int):
        self.port, self.proc = port, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        pytest.fail(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


@pytest.fixture
def redis(settings, monkeypatch):
    """A Redis of this test's own, used by this process and by the workers it starts."""
    server = ThrowawayRedis(_free_port())
    server.start()
    previous = app.conf.broker_url
    settings.CELERY_BROKER_URL = server.url
    monkeypatch.setenv("CELERY_BROKER_URL", server.url)  # Celery reads it before its conf
    _use_broker(server.url)
    yield server
    server.stop()
    monkeypatch.undo()
    _use_broker(previous)


def test_recompute_and_import_finish_after_the_broker_comes_back(
    redis, start_worker, client, noivu_user, settings, tmp_path, monkeypatch
):
    plan = Plan.objects.get(code="CCHC-2021")
    media = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    settings.MEDIA_ROOT = media
    settings.IMPORT_BACKGROUND_ROWS = 2
    start_worker("fw1")
    # Loading the plan queued a recompute: let it finish first.
    assert wait_until(
        lambda: RecomputeRequest.objects.filter(
            plan=plan, pending=False, finished_at__isnull=False
        ).exists(),
        timeout=120,
    )
    ComplianceResult.objects.filter(plan=plan).delete()

    redis.stop()
    assert compliance_recompute_soon(plan=plan)  # after the commit: the broker refuses
    client.force_login(noivu_user)
    response = client.post(reverse("import_start"), upload(tmp_path, GOOD["dossiers"]))
    assert response.status_code == 302  # not a 500
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PENDING
    assert "đang chờ máy chủ xử lý" in client.get(response["Location"]).content.decode()
    assert RecomputeRequest.objects.get(plan=plan).pending

    redis.start()
    # The sweeper's timeouts have passed (instead of waiting two minutes).
    RecomputeRequest.objects.update(requested_at=F("requested_at") - LONG_AGO)
    ImportJob.objects.update(queued_at=F("queued_at") - LONG_AGO)
    sweep_pending_work_task.delay()  # what beat does every minute

    assert wait_until(
        lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE, timeout=120
    )
    assert wait_until(
        lambda: ComplianceResult.objects.filter(plan=plan, as_of=plan.default_as_of()).exists(),
        timeout=120,
    )
    request = RecomputeRequest.objects.get(plan=plan)
    assert not request.pending and request.finished_at
    assert not Dossier.objects.exists()  # a preview: nothing written until confirmed


def test_a_digest_whose_sender_died_after_the_claim_is_delivered_once(
    redis, start_worker, head_p01, tmp_path, monkeypatch
):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    monkeypatch.setenv("EMAIL_FILE_PATH", str(mail_dir))

    class Killed(BaseException):
        pass

    def die(**kwargs):
        raise Killed

    day = dt.date(2021, 10, 24)
    with monkeypatch.context() as m:
        m.setattr(reminders, "email_send", die)
        with pytest.raises(Killed):
            reminders.reminders_send(today=day)
    digest = Digest.objects.get(recipient=head_p01, on_date=day)
    assert digest.claimed_at and digest.sent_at is None

    # The claim timed out; the digest is of the last days (CATCH_UP_DAYS) as the sweeper sees it.
    Digest.objects.filter(pk=digest.pk).update(
        claimed_at=F("claimed_at") - Digest.CLAIM_TIMEOUT - dt.timedelta(minutes=1),
        on_date=dt.date.today(),
    )
    start_worker("fw2")
    sweep_pending_work_task.delay()
    sweep_pending_work_task.delay()

    assert wait_until(lambda: Digest.objects.get(pk=digest.pk).sent_at is not None, timeout=120)
    assert wait_until(
        lambda: "sweep_pending_work_task" in _log("fw2") and _log("fw2").count("succeeded") >= 2,
        timeout=60,
    )
    assert len(list(mail_dir.iterdir())) == 1
    assert Digest.objects.get(pk=digest.pk).attempts == 2


def _log(name: str) -> str:
    return (ROOT / "test-results" / f"celery-{name}.log").read_text()


def test_a_recompute_whose_worker_was_killed_is_run_again(redis, start_worker, plan):
    start_worker("fw3")
    assert wait_until(
        lambda: RecomputeRequest.objects.filter(
            plan=plan, pending=False, finished_at__isnull=False
        ).exists(),
        timeout=120,
    )
    # As a SIGKILL mid-run leaves it: started long ago, never finished, results not replaced.
    RecomputeRequest.objects.filter(plan=plan).update(
        started_at=F("finished_at") - LONG_AGO, finished_at=None
    )
    ComplianceResult.objects.filter(plan=plan).delete()

    sweep_pending_work_task.delay()

    assert wait_until(
        lambda: RecomputeRequest.objects.filter(plan=plan, finished_at__isnull=False).exists(),
        timeout=120,
    )
    assert ComplianceResult.objects.filter(plan=plan, as_of=plan.default_as_of()).exists()
