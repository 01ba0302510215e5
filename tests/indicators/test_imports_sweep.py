"""Browser imports the broker or a worker lost: recorded as pending, swept, never a 500."""

import datetime as dt
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from kombu.exceptions import OperationalError

from indicators.evidence.services import import_jobs_sweep
from indicators.evidence.tasks import import_job_run_task
from indicators.models import Dossier, ImportJob
from tests.indicators.importfiles import GOOD, write_csv
from tests.indicators.test_imports_views import START, upload

pytestmark = pytest.mark.django_db

BROKER_DOWN = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def broker_down(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker is configured, and unreachable
    with mock.patch.object(import_job_run_task, "delay", side_effect=BROKER_DOWN) as m:
        yield m


def _job(tmp_path, **fields) -> ImportJob:
    path = write_csv(tmp_path / "up.csv", GOOD["dossiers"])
    job = ImportJob(kind="dossiers", **fields)
    job.file.save("up.csv", ContentFile(path.read_bytes()), save=False)
    job.save()
    return job


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


def test_large_import_with_the_broker_down_waits_instead_of_500(
    client, noivu_user, tmp_path, settings, broker_down
):
    settings.IMPORT_BACKGROUND_ROWS = 2
    client.force_login(noivu_user)

    response = client.post(START, upload(tmp_path, GOOD["dossiers"]), follow=True)

    assert response.status_code == 200
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PENDING and job.queued_at and job.attempts == 1
    assert "đang chờ máy chủ xử lý" in response.content.decode()


def test_sweeper_requeues_an_import_never_started(tmp_path, broker_down):
    job = _job(tmp_path, queued_at=_ago(minutes=5))
    broker_down.side_effect = None

    assert import_jobs_sweep() == 1
    assert import_jobs_sweep() == 0

    broker_down.assert_called_once_with(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PENDING and job.attempts == 1


def test_requeued_import_runs(plan, tmp_path):
    job = _job(tmp_path, queued_at=_ago(minutes=5))

    assert import_jobs_sweep() == 1  # eager Celery runs it at once

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.total_rows == len(GOOD["dossiers"]) - 1


def test_sweeper_leaves_a_fresh_pending_import(tmp_path, broker_down):
    _job(tmp_path, queued_at=_ago(seconds=20))

    assert import_jobs_sweep() == 0
    assert not broker_down.called


def test_sweeper_fails_an_import_running_too_long(tmp_path, broker_down):
    job = _job(tmp_path, status=ImportJob.Status.RUNNING, started_at=_ago(hours=2))

    assert import_jobs_sweep() == 1

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.finished_at
    assert "gián đoạn" in job.errors[0]["message"]
    assert not broker_down.called
    assert not Dossier.objects.exists()


def test_sweeper_leaves_an_import_running_now(tmp_path):
    job = _job(tmp_path, status=ImportJob.Status.RUNNING, started_at=_ago(minutes=5))

    assert import_jobs_sweep() == 0
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING
