import pytest
from openpyxl import load_workbook

from indicators.models import Feedback
from tests.browser.conftest import login


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_noivu_downloads_a_template_fills_it_and_sees_the_preview(page, noivu_user, tmp_path):
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/**")
    page.goto("/nhap-du-lieu/")
    with page.expect_download() as download:
        page.click('[data-template="feedback"]')
    path = tmp_path / "phan-anh.xlsx"
    download.value.save_as(path)

    workbook = load_workbook(path)
    sheet = workbook["Dữ liệu"]
    assert sheet["B1"].value == "Kênh tiếp nhận"
    sheet.append(["PA-1", "Cổng thông tin 1022", "P01", "01/02/2021", "15/02/2021", None, None])
    workbook.save(path)

    page.select_option("select[name=kind]", "feedback")
    page.set_input_files("input[name=file]", str(path))
    page.click("text=Kiểm tra và xem trước")
    assert page.locator('[data-count="created"]').inner_text() == "1"
    assert page.locator("td", has_text="Cổng thông tin 1022").count() == 1
    assert Feedback.objects.count() == 0
