"""Administrators' plan files in the browser: download, upload with a preview, roll-over; the
plan picker on every page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from plans.models import Assignment, Plan


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _download(client, code="CCHC-2021"):
    response = client.get(reverse("plan_file", args=[code]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _upload(client, workbook, name="plan.xlsx"):
    out = io.BytesIO()
    workbook.save(out)
    return client.post(reverse("plan_files"), {"file": SimpleUploadedFile(name, out.getvalue())})


def test_only_administrators_see_plan_files(client, noivu_user, head_p01):
    for user in (noivu_user, head_p01):
        client.force_login(user)
        assert client.get(reverse("plan_files")).status_code == 404
        assert client.get(reverse("plan_file", args=["CCHC-2021"])).status_code == 404
        assert client.get(reverse("plan_roll", args=["CCHC-2021"])).status_code == 404


def test_an_edited_workbook_is_previewed_then_written_on_confirmation(client, admin_user_, media):
    client.force_login(admin_user_)
    workbook = _download(client)
    sheet = workbook["targets"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "SAT-OVERALL")
    row[5].value = 97

    preview = _upload(client, workbook)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'id="plan-preview"' in page and "SAT-OVERALL" in page and "threshold" in page
    plan = Plan.objects.get(code="CCHC-2021")
    assert plan.targets.get(code="SAT-OVERALL").threshold != 97

    done = client.post(reverse("plan_files_confirm"), follow=True)

    assert done.redirect_chain[-1][0] == reverse("plan_detail", args=["CCHC-2021"])
    assert plan.targets.get(code="SAT-OVERALL").threshold == 97
    assert "1 sửa" in done.content.decode()


def test_a_bad_workbook_lists_every_bad_row_and_cannot_be_confirmed(client, admin_user_, media):
    client.force_login(admin_user_)
    workbook = _download(client)
    workbook["targets"]["E2"] = "about"
    workbook["tasks"]["F3"] = "31/02/2021"

    response = _upload(client, workbook)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Trang “targets”, dòng 2: comparator “about”" in page
    assert "Trang “tasks”, dòng 3: due_on “31/02/2021”" in page
    assert 'id="plan-confirm"' not in page
    client.post(reverse("plan_files_confirm"))
    assert Plan.objects.get(code="CCHC-2021").targets.filter(comparator="about").count() == 0


def test_a_file_that_is_not_a_workbook_keeps_the_page_and_says_why(client, admin_user_, media):
    client.force_login(admin_user_)
    response = client.post(
        reverse("plan_files"), {"file": SimpleUploadedFile("plan.csv", b"code\nx\n")}
    )
    assert response.status_code == 400
    assert "Chỉ nhận tệp .xlsx" in response.content.decode()


def test_roll_over_in_the_browser_previews_then_creates(client, admin_user_, media):
    client.force_login(admin_user_)
    url = reverse("plan_roll", args=["CCHC-2021"])
    form = client.get(url).content.decode()
    assert 'value="2022"' in form and 'value="CCHC-2022"' in form

    preview = client.post(url, {"year": "2022", "code": "CCHC-2022", "action": "preview"})
    assert 'id="plan-preview"' in preview.content.decode()
    assert not Plan.objects.filter(code="CCHC-2022").exists()

    created = client.post(url, {"year": "2022", "code": "CCHC-2022", "action": "confirm"})
    assert created["Location"] == reverse("plan_detail", args=["CCHC-2022"])
    new = Plan.objects.get(code="CCHC-2022")
    assert new.baseline_year == 2021
    assert Assignment.objects.filter(task__plan=new).exists()


def test_roll_over_form_keeps_a_bad_year_with_its_message(client, admin_user_):
    client.force_login(admin_user_)
    response = client.post(reverse("plan_roll", args=["CCHC-2021"]), {"year": "20x", "code": "K"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="20x"' in page and 'value="K"' in page


def test_the_plan_picker_links_each_plan_to_the_same_page(client, admin_user_, media):
    client.force_login(admin_user_)
    client.post(
        reverse("plan_roll", args=["CCHC-2021"]),
        {"year": "2022", "code": "CCHC-2022", "action": "confirm"},
    )
    page = client.get(reverse("plan_detail", args=["CCHC-2021"])).content.decode()
    assert 'id="plan-picker"' in page
    assert f'href="{reverse("plan_detail", args=["CCHC-2022"])}"' in page
    dashboard = client.get(reverse("dashboard", args=["CCHC-2021"])).content.decode()
    assert f'href="{reverse("dashboard", args=["CCHC-2022"])}"' in dashboard
