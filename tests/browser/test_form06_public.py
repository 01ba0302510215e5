"""Biểu 06 uploaded as units fill it, and the public page filtered to one ward and one quarter
with that view downloaded as CSV."""

import csv
import io

import pytest

from indicators.evidence.form06_sheet import form06_sheet_workbook
from indicators.models import Form06Figure
from plans.periods import Period
from tests.browser.conftest import login
from tests.indicators.importfiles import FORM06_LAND as LAND
from tests.indicators.report_helpers import approved_report
from units.models import Unit


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_noivu_uploads_a_filled_bieu_06_and_sees_its_rows(page, noivu_user, tmp_path):
    path = tmp_path / "bieu-06-phuong-2.xlsx"
    unit = Unit.objects.get(code="P02")
    form06_sheet_workbook(unit=unit, period=Period(2021, 2), figures={"land": LAND}).save(path)

    login(page, "noivu")
    page.wait_for_url("**/tong-quan/**")
    page.click("text=Nhập dữ liệu")
    page.select_option("select[name=kind]", "form06")
    page.set_input_files("input[name=file]", str(path))
    page.click("text=Kiểm tra và xem trước")

    assert page.locator('[data-count="created"]').inner_text() == "1"
    preview = page.locator("table").first.inner_text()
    assert "P02" in preview and "land" in preview and "2021-Q2" in preview
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=Xác nhận ghi")
    page.locator("#import-written").wait_for()
    row = Form06Figure.objects.get()
    assert (row.unit.code, row.period, row.resolved_on_time) == ("P02", "2021-Q2", 14)


def test_a_visitor_filters_one_ward_and_quarter_and_downloads_that_csv(page, plan, noivu_user):
    land = {"responses": 100, "satisfied": 93, "resolved_on_time": 97, "resolved_late": 3}
    approved_report(plan, noivu_user, code="P01", land=land)
    approved_report(plan, noivu_user, code="P01", period="2021-Q2", land=land)
    approved_report(plan, noivu_user, code="P02", land=land)

    page.goto("/cong-khai/")
    page.fill("#public-q", "phuong 1")
    page.click("#public-filters button[type=submit]")
    page.wait_for_url("**q=phuong*")
    page.select_option("#public-period", "2021-Q1")  # submits itself
    page.wait_for_url("**period=2021-Q1*")

    rows = page.locator("#public-units tbody tr")
    assert rows.count() >= 1
    assert all(
        code.startswith("P01:2021-Q1:")
        for code in page.locator("#public-units tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.row)"
        )
    )
    with page.expect_download() as download:
        page.click("#public-downloads >> text=Tải CSV")
    text = open(download.value.path(), encoding="utf-8-sig").read()
    lines = list(csv.reader(io.StringIO(text)))
    unit_lines = [line for line in lines[1:] if line[0] not in ("", plan.scope.code)]
    assert unit_lines and {(line[0], line[2]) for line in unit_lines} == {("P01", "2021-Q1")}
    assert "93,00" in text
