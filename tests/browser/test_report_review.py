"""Phòng Nội vụ's review in the browser: a returned report reaches the unit head's bell; the
queue's bulk approval asks first and names the reports without a publication link."""

from indicators.models import QuarterlyReport
from indicators.reports.services import report_get_or_create, report_submit
from tests.browser.conftest import login
from tests.factories import SatisfactionPublicationFactory, unit_head
from units.models import Unit


def _logged_in(url: str) -> bool:
    return "/dang-nhap/" not in url


def _submitted(plan, code: str, period: str = "2021-Q2") -> QuarterlyReport:
    unit = Unit.objects.get(code=code)
    report = report_get_or_create(plan=plan, unit=unit, period=period)
    return report_submit(report=report, user=unit_head(unit))


def test_noivu_returns_a_report_and_the_unit_head_sees_it_in_the_bell(page, plan, noivu_user):
    _submitted(plan, "P01")

    login(page, "noivu")
    page.wait_for_url(_logged_in)
    page.click('nav a:has-text("Báo cáo quý")')
    page.wait_for_url("**/bao-cao-quy/")
    page.locator('tr[data-report="P01-2021-Q2"] a').click()
    page.wait_for_url("**/don-vi/P01/bao-cao/2021-Q2/")
    page.fill("#id_comment", "Thiếu số liệu lĩnh vực đất đai")
    page.click('#return-form button[type="submit"]')
    page.wait_for_selector("text=Đã trả lại báo cáo cho đơn vị")

    page.context.clear_cookies()
    login(page, "head-p01")
    page.wait_for_url(_logged_in)
    bell = page.locator('nav a[data-nav="notifications"]')
    assert bell.locator("[data-unread]").inner_text() == "1"
    bell.click()
    page.wait_for_url("**/thong-bao/")
    notice = page.locator("a:has-text('bị Phòng Nội vụ trả lại: Thiếu số liệu lĩnh vực đất đai')")
    assert "Quý 2/2021 (P01)" in notice.inner_text()
    notice.click()
    page.wait_for_url("**/don-vi/P01/bao-cao/2021-Q2/")
    assert "Thiếu số liệu lĩnh vực đất đai" in page.locator("#review-comment").inner_text()


def test_bulk_approval_asks_first_naming_the_reports_without_a_publication_link(
    page, plan, noivu_user
):
    _submitted(plan, "P01")
    _submitted(plan, "P02")
    SatisfactionPublicationFactory(unit=Unit.objects.get(code="P01"), period="2021-Q2")

    login(page, "noivu")
    page.wait_for_url(_logged_in)
    page.goto("/bao-cao-quy/")
    assert page.locator('tr[data-report="P02-2021-Q2"] [data-no-publication]').count() == 1
    page.check("[data-check-all]")
    assert page.locator('input[name="report"]:checked').count() == 2

    asked = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("#approve-selected")
    assert "P02 Quý 2/2021" in asked[0] and "P01 Quý 2/2021" not in asked[0]
    assert QuarterlyReport.objects.filter(status="submitted").count() == 2  # dismissed: nothing

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#approve-selected")
    page.wait_for_selector("text=Đã duyệt 2 báo cáo.")
    assert page.locator("#queue-empty").count() == 1
    assert QuarterlyReport.objects.filter(status="approved").count() == 2
