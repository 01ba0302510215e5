"""Export jobs the broker or a worker lost are swept; old files are deleted."""

import datetime as dt
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from indicators.evidence.export_queue import export_jobs_sweep
from indicators.evidence.models import ExportJob
from indicators.evidence.tasks import export_job_run_task
from indicators.followup.sweep import pending_work_sweep
from indicators.models import ProcedureField
from tests.factories import DossierFactory
from units.models import Unit

pytestmark = pytest.mark.django_db

BROKER_DOWN = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dossiers(plan):
    DossierFactory.create_batch(
        3, unit=Unit.objects.get(code="P01"), field=ProcedureField.objects.get(code="land")
    )


@pytest.fixture
def broker_down(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch.object(export_job_run_task, "delay", side_effect=BROKER_DOWN) as m:
        yield m


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


def _job(**fields) -> ExportJob:
    return ExportJob.objects.create(kind="dossiers", format="csv", **fields)


def test_large_export_with_the_broker_down_waits_instead_of_500(
    client, noivu_user, dossiers, settings, broker_down, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 2
    client.force_login(noivu_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("export_data", args=["dossiers", "csv"]), follow=True)

    assert response.status_code == 200
    assert ExportJob.objects.get().status == ExportJob.Status.PENDING
    assert 'id="export-waiting"' in response.content.decode()
    broker_down.assert_called_once()


def test_sweeper_requeues_an_export_never_started(broker_down, django_capture_on_commit_callbacks):
    job = _job(queued_at=_ago(minutes=5))
    broker_down.side_effect = None

    with django_capture_on_commit_callbacks(execute=True):
        assert export_jobs_sweep() == 1
        assert export_jobs_sweep() == 0

    broker_down.assert_called_once_with(job.pk)


def test_sweeper_leaves_a_fresh_pending_export(broker_down):
    _job(queued_at=_ago(seconds=20))

    assert export_jobs_sweep() == 0
    assert not broker_down.called


def test_an_export_whose_worker_died_runs_again(dossiers, django_capture_on_commit_callbacks):
    job = _job(status=ExportJob.Status.RUNNING, started_at=_ago(hours=1), attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert export_jobs_sweep() == 1  # eager: the sweeper runs it itself

    job.refresh_from_db()
    assert (job.status, job.rows_done, job.attempts) == ("done", 3, 2)


def test_an_export_that_died_too_often_fails_with_a_message(broker_down):
    job = _job(
        status=ExportJob.Status.RUNNING,
        started_at=_ago(hours=1),
        attempts=ExportJob.MAX_ATTEMPTS,
    )

    assert export_jobs_sweep() == 1

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and job.finished_at
    assert "gián đoạn" in job.error
    assert not broker_down.called


def test_sweeper_leaves_an_export_running_now():
    job = _job(status=ExportJob.Status.RUNNING, started_at=_ago(minutes=5), attempts=1)

    assert export_jobs_sweep() == 0
    job.refresh_from_db()
    assert job.status == ExportJob.Status.RUNNING


def _done_with_file(*, finished_at, user=None) -> ExportJob:
    job = _job(status=ExportJob.Status.DONE, finished_at=finished_at, requested_by=user)
    job.file.save("dossiers-1.csv", ContentFile(b"code\r\n"))
    return job


def test_old_files_are_deleted_and_the_page_says_so(client, noivu_user):
    old = _done_with_file(finished_at=_ago(days=8), user=noivu_user)
    fresh = _done_with_file(finished_at=_ago(days=1))
    path = old.file.path

    assert export_jobs_sweep() == 1

    old.refresh_from_db()
    assert not old.file and not (old.file.storage.exists(path))
    assert ExportJob.objects.get(pk=fresh.pk).file.storage.exists(fresh.file.name)
    client.force_login(noivu_user)
    body = client.get(reverse("export_job", args=[old.pk])).content.decode()
    assert 'id="export-expired"' in body
    response = client.get(reverse("export_job_download", args=[old.pk]))
    assert response["Location"] == reverse("export_job", args=[old.pk])


def test_the_sweeper_includes_exports():
    _job(status=ExportJob.Status.RUNNING, started_at=_ago(hours=1), attempts=9)

    assert pending_work_sweep()["exports"] == 1
