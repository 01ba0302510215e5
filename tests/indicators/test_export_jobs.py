"""Large exports run as background jobs: progress page, download for the requester only."""

import csv
import io
from unittest import mock
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from indicators.evidence import exports
from indicators.evidence.export_jobs import export_job_run
from indicators.evidence.models import ExportJob
from indicators.evidence.validators import VALIDATORS
from indicators.models import ProcedureField
from tests.factories import DossierFactory
from units.models import Unit

ROWS = 8


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dossiers(plan):
    DossierFactory.create_batch(
        ROWS, unit=Unit.objects.get(code="P01"), field=ProcedureField.objects.get(code="land")
    )


@pytest.fixture
def small_threshold(settings):
    settings.EXPORT_BACKGROUND_ROWS = 5


def _export(client, django_capture_on_commit_callbacks, fmt="xlsx"):
    """Ask for a large export and let the job run after the request, as after its commit."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("export_data", args=["dossiers", fmt]))
    return response, ExportJob.objects.get()


def _running(user, **fields) -> ExportJob:
    defaults = {"kind": "dossiers", "format": "xlsx", "requested_by": user}
    return ExportJob.objects.create(**(defaults | fields))


def test_large_export_redirects_and_writes_nothing_in_the_request(
    client, leader_user, dossiers, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(leader_user)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.get(reverse("export_data", args=["dossiers", "xlsx"]))

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("export_job", args=[job.pk])
    assert (job.status, job.rows_total, job.file.name) == ("pending", ROWS, "")
    assert job.requested_by == leader_user
    assert len(callbacks) == 1  # the job is handed over after the commit


def test_job_writes_the_xlsx_with_every_row(
    client, noivu_user, dossiers, small_threshold, django_capture_on_commit_callbacks, settings
):
    client.force_login(noivu_user)

    _response, job = _export(client, django_capture_on_commit_callbacks)

    assert (job.status, job.rows_done, job.rows_total) == ("done", ROWS, ROWS)
    assert job.file.path.startswith(str(settings.MEDIA_ROOT))
    sheet = load_workbook(job.file.path, read_only=True).active
    rows = list(sheet.values)
    assert list(rows[0]) == list(VALIDATORS["dossiers"].columns)
    assert len(rows) == ROWS + 1


def test_download_sends_the_csv_with_a_vietnamese_name(
    client, noivu_user, dossiers, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(noivu_user)
    _response, job = _export(client, django_capture_on_commit_callbacks, fmt="csv")

    response = client.get(reverse("export_job_download", args=[job.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "Hồ sơ TTHC" in unquote(response["Content-Disposition"])
    assert unquote(response["Content-Disposition"]).endswith(".csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == list(VALIDATORS["dossiers"].columns)
    assert len(rows) == ROWS + 1


def test_xlsx_download_has_the_spreadsheet_type(
    client, noivu_user, dossiers, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(noivu_user)
    _response, job = _export(client, django_capture_on_commit_callbacks)

    response = client.get(reverse("export_job_download", args=[job.pk]))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "private, no-store"


def test_progress_page_polls_and_shows_rows(client, noivu_user):
    client.force_login(noivu_user)
    job = _running(noivu_user, status="running", rows_total=105_840, rows_done=12_000)

    body = client.get(reverse("export_job", args=[job.pk])).content.decode()
    fragment = client.get(reverse("export_job_progress", args=[job.pk])).content.decode()

    assert f'hx-get="{reverse("export_job_progress", args=[job.pk])}"' in body
    assert "Đang xuất dữ liệu… 12.000/105.840 dòng" in body
    assert "Đang xuất dữ liệu… 12.000/105.840 dòng" in fragment
    assert "Tải tệp" not in fragment


def test_finished_fragment_offers_the_file_and_stops_polling(
    client, noivu_user, dossiers, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(noivu_user)
    _response, job = _export(client, django_capture_on_commit_callbacks)

    fragment = client.get(reverse("export_job_progress", args=[job.pk])).content.decode()

    assert "Tải tệp" in fragment
    assert reverse("export_job_download", args=[job.pk]) in fragment
    assert "hx-get" not in fragment


def test_another_user_gets_404(
    client, noivu_user, leader_user, dossiers, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(noivu_user)
    _response, job = _export(client, django_capture_on_commit_callbacks)

    client.force_login(leader_user)
    for name in ("export_job", "export_job_progress", "export_job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_an_administrator_may_download(
    client, leader_user, admin_user_, dossiers, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(leader_user)
    _response, job = _export(client, django_capture_on_commit_callbacks)

    client.force_login(admin_user_)
    assert client.get(reverse("export_job_download", args=[job.pk])).status_code == 200


def test_download_before_the_end_goes_to_the_progress_page(client, noivu_user):
    client.force_login(noivu_user)
    job = _running(noivu_user, status="running", rows_total=100)

    response = client.get(reverse("export_job_download", args=[job.pk]))

    assert response["Location"] == reverse("export_job", args=[job.pk])


def test_a_failure_shows_a_message_not_a_500(
    client, noivu_user, dossiers, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(noivu_user)
    with mock.patch("indicators.evidence.export_jobs.write_xlsx", side_effect=OSError("disk full")):
        _response, job = _export(client, django_capture_on_commit_callbacks)

    response = client.get(reverse("export_job", args=[job.pk]))

    assert job.status == "failed" and job.finished_at and not job.file
    assert response.status_code == 200
    assert 'id="export-failed"' in response.content.decode()
    assert "Không xuất được dữ liệu" in response.content.decode()


def test_a_job_runs_once(noivu_user, dossiers):
    job = _running(noivu_user)
    assert export_job_run(job_id=job.pk).status == "done"
    name = ExportJob.objects.get().file.name

    assert export_job_run(job_id=job.pk).file.name == name


def test_small_export_streams_as_before(client, noivu_user, dossiers):
    client.force_login(noivu_user)

    response = client.get(reverse("export_data", args=["dossiers", "csv"]))

    assert response.status_code == 200 and response.streaming
    assert len(b"".join(response.streaming_content).decode("utf-8-sig").splitlines()) == ROWS + 1
    assert not ExportJob.objects.exists()


def test_progress_is_reported_every_few_rows(dossiers, monkeypatch):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 3)
    seen = []

    rows = list(exports.export_rows("dossiers", progress=seen.append))

    assert len(rows) == ROWS
    assert seen == [3, 6, ROWS]


def test_export_page_lists_only_my_jobs(client, noivu_user, leader_user):
    mine = _running(leader_user, status="done", rows_total=42)
    theirs = _running(noivu_user)
    client.force_login(leader_user)

    body = client.get(reverse("export_index")).content.decode()

    assert reverse("export_job", args=[mine.pk]) in body
    assert reverse("export_job", args=[theirs.pk]) not in body
    assert f'href="{reverse("export_index")}"' in body  # the menu entry


def test_export_page_queries_do_not_grow_with_jobs(client, leader_user):
    client.force_login(leader_user)
    _running(leader_user)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("export_index"))
    for _ in range(5):
        _running(leader_user)
    with CaptureQueriesContext(connection) as six:
        client.get(reverse("export_index"))

    assert len(six) == len(one)


def test_unit_head_gets_404_on_the_export_page(client, head_p01):
    client.force_login(head_p01)
    assert client.get(reverse("export_index")).status_code == 404
