from indicators.models import QuarterlyReport, ReportFigure
from tests.browser.conftest import login


def _logged_in(url: str) -> bool:
    return "/dang-nhap/" not in url


def test_unit_head_submits_noivu_approves_head_can_no_longer_edit(page, head_p01, noivu_user):
    login(page, "head-p01")
    page.wait_for_url(_logged_in)
    page.click('nav a:has-text("Báo cáo quý")')
    page.wait_for_url("**/don-vi/P01/")
    page.locator('tr[data-period="2021-Q1"] a').click()
    page.wait_for_url("**/don-vi/P01/bao-cao/2021-Q1/")

    row = page.locator('tr[data-field="civil-status"]')
    row.locator('input[name$="-received_direct"]').fill("20")
    row.locator('input[name$="-resolved_early"]').fill("10")
    row.locator('input[name$="-resolved_on_time"]').fill("8")
    row.locator('input[name$="-responses"]').fill("50")
    row.locator('input[name$="-satisfied"]').fill("49")
    page.fill("#id_feedback_received", "2")
    page.fill("#id_feedback_handled", "2")
    page.click("#save-draft")
    page.wait_for_selector("text=Đã lưu báo cáo")

    page.click("#submit-link")
    page.click("#confirm-submit")
    # its stage now: the plan ended on 25/10/2021, and its status as of then is overdue
    page.wait_for_selector('#report-status[data-report-now="submitted"]')

    page.context.clear_cookies()
    login(page, "noivu")
    page.wait_for_url(_logged_in)
    page.click('nav a:has-text("Báo cáo quý")')
    page.locator('tr[data-report="P01-2021-Q1"] a').click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#approve")
    page.wait_for_selector('#report-status[data-report-now="approved"]')
    assert "noivu" in page.locator("#approved-by").inner_text()

    page.context.clear_cookies()
    login(page, "head-p01")
    page.wait_for_url(_logged_in)
    page.goto("/don-vi/P01/bao-cao/2021-Q1/")
    assert page.locator("#report-form").count() == 0
    assert page.locator("#submit-link").count() == 0
    assert "49" in page.locator('tr[data-field="civil-status"]').inner_text()
    report = QuarterlyReport.objects.get(unit__code="P01", period="2021-Q1")
    assert report.status == "approved"
    assert ReportFigure.objects.get(report=report, field__code="civil-status").satisfied == 49
