import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Dossier, ImportJob
from tests.indicators.importfiles import GOOD, write_csv, write_xlsx

START = reverse("import_start")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(tmp_path, rows, kind="dossiers", fmt="csv"):
    writer = write_csv if fmt == "csv" else write_xlsx
    path = writer(tmp_path / f"up.{fmt}", rows)
    return {"kind": kind, "file": SimpleUploadedFile(f"up.{fmt}", path.read_bytes())}


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(START)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("fixture", ["head_p01", "leader_user"])
def test_unit_heads_and_leaders_get_404(client, request, fixture, tmp_path):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(START).status_code == 404
    assert client.post(START, upload(tmp_path, GOOD["dossiers"])).status_code == 404
    assert ImportJob.objects.count() == 0


def test_noivu_sees_the_form_and_nav_link(client, noivu_user):
    client.force_login(noivu_user)
    body = client.get(START).content.decode()
    assert "Nhập dữ liệu minh chứng" in body
    assert f'href="{START}"' in body


def test_unit_head_has_no_nav_link(client, head_p01):
    client.force_login(head_p01)
    body = client.get(reverse("home"), follow=True).content.decode()
    assert f'href="{START}"' not in body


def test_upload_shows_preview_and_writes_nothing(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    response = client.post(START, upload(tmp_path, GOOD["dossiers"]), follow=True)
    body = response.content.decode()
    assert 'id="import-preview"' in body
    assert '<strong data-count="created">3</strong>' in body
    assert "HS-2" in body  # first rows shown
    assert Dossier.objects.count() == 0


def test_confirm_writes_the_rows(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    client.post(START, upload(tmp_path, GOOD["dossiers"], fmt="xlsx"))
    job = ImportJob.objects.get()
    body = client.post(reverse("import_confirm", args=[job.pk]), follow=True).content.decode()
    assert 'id="import-written"' in body
    assert Dossier.objects.count() == 3
    job.refresh_from_db()
    assert (job.status, job.confirmed, job.created) == ("done", True, 3)


def test_confirm_twice_writes_once(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    client.post(START, upload(tmp_path, GOOD["dossiers"]))
    job = ImportJob.objects.get()
    client.post(reverse("import_confirm", args=[job.pk]))
    client.post(reverse("import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert (job.created, job.unchanged) == (3, 0)


def test_bad_file_lists_errors_inline_and_cannot_be_confirmed(client, noivu_user, tmp_path):
    rows = GOOD["dossiers"] + [["HS-9", "P99", "land", "31/02/2021", "2021-02-10", "", "0", "0"]]
    client.force_login(noivu_user)
    body = client.post(START, upload(tmp_path, rows), follow=True).content.decode()
    assert 'id="import-rejected"' in body
    assert "Dòng 5: Không có đơn vị mã &quot;P99&quot;" in body
    assert "Dòng 5: Ngày không hợp lệ" in body
    job = ImportJob.objects.get()
    client.post(reverse("import_confirm", args=[job.pk]))
    assert Dossier.objects.count() == 0


def test_wrong_extension_keeps_kind_and_changes_nothing(client, noivu_user):
    client.force_login(noivu_user)
    response = client.post(
        START, {"kind": "feedback", "file": SimpleUploadedFile("x.pdf", b"%PDF")}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in body
    assert '<option value="feedback" selected>' in body
    assert ImportJob.objects.count() == 0


def test_large_file_goes_to_background_job_with_progress(
    client, noivu_user, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_BACKGROUND_ROWS = 2
    client.force_login(noivu_user)
    with django_capture_on_commit_callbacks() as after_response:
        response = client.post(START, upload(tmp_path, GOOD["dossiers"]))
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("import_job", args=[job.pk])
    # the request returned before the file was read (no broker: a thread after the response)
    assert job.status == "pending" and len(after_response) == 1
    after_response[0]()
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.total_rows, job.created) == ("done", 3, 3, 3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("import_confirm", args=[job.pk]))
    assert Dossier.objects.count() == 3


def test_progress_page_polls_while_running(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    job = ImportJob.objects.create(kind="dossiers", file="imports/x.csv", total_rows=10)
    ImportJob.objects.filter(pk=job.pk).update(status="running", processed_rows=4)
    body = client.get(reverse("import_job", args=[job.pk])).content.decode()
    assert 'hx-get="' + reverse("import_job_progress", args=[job.pk]) in body
    fragment = client.get(reverse("import_job_progress", args=[job.pk])).content.decode()
    assert "4/10" in fragment and "40%" in fragment


def test_progress_fragment_redirects_when_finished(client, noivu_user):
    client.force_login(noivu_user)
    job = ImportJob.objects.create(kind="dossiers", file="imports/x.csv", status="done")
    response = client.get(reverse("import_job_progress", args=[job.pk]))
    assert response["HX-Redirect"] == reverse("import_preview", args=[job.pk])


def test_unit_head_gets_404_on_a_job(client, noivu_user, head_p01, tmp_path):
    client.force_login(noivu_user)
    client.post(START, upload(tmp_path, GOOD["dossiers"]))
    job = ImportJob.objects.get()
    client.force_login(head_p01)
    assert client.get(reverse("import_preview", args=[job.pk])).status_code == 404
    assert client.post(reverse("import_confirm", args=[job.pk])).status_code == 404
    assert Dossier.objects.count() == 0


def test_uploaded_file_is_stored_under_media_root(client, noivu_user, tmp_path, settings):
    client.force_login(noivu_user)
    client.post(START, upload(tmp_path, GOOD["dossiers"]))
    job = ImportJob.objects.get()
    assert job.file.path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("name", "content"),
    [("bad.csv", b"code,unit\n\xff\xfe\xfa,P01\n"), ("bad.xlsx", b"not a workbook")],
)
def test_unreadable_file_is_rejected_without_error_page(client, noivu_user, name, content):
    client.force_login(noivu_user)
    response = client.post(
        START, {"kind": "dossiers", "file": SimpleUploadedFile(name, content)}, follow=True
    )
    assert response.status_code == 200
    assert 'id="import-rejected"' in response.content.decode()
