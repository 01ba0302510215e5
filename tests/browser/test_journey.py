"""Issue 6: the whole journey of a quarterly satisfaction figure, from the ward to the public.

A ward head fills and submits the 2021-Q3 report, Phòng Nội vụ approves and publishes it, the
recompute (eager: right after the commit) puts the figure on the staff dashboard and, only
once published, on the no-login public page. The ward head never reaches another unit's pages.
"""

import re

import pytest

from indicators.models import ComplianceResult, QuarterlyReport
from tests.browser.conftest import browser_page, login

PUBLIC_URL = "/cong-khai/CCHC-2021/"
P01_Q3_CIVIL = '#public-units tr[data-row="P01:2021-Q3:civil-status"]'
P01_Q3_ALL = '#public-units tr[data-row="P01:2021-Q3:"]'


def _logged_in(url: str) -> bool:
    return "/dang-nhap/" not in url


def _as(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)
    page.wait_for_url(_logged_in)


@pytest.fixture
def public_page(browser, request, live_server):
    """An anonymous visitor in a browser context of their own (no cookies shared)."""
    with browser_page(browser, request, live_server) as page:
        yield page


def _public_rows(public_page):
    public_page.goto(PUBLIC_URL)
    public_page.wait_for_selector("h1")
    assert "/dang-nhap/" not in public_page.url
    return public_page.locator(P01_Q3_CIVIL)


def test_satisfaction_figure_from_the_ward_to_the_public_page(
    page, public_page, plan, noivu_user, head_p01
):
    # Nothing about P01 is public yet.
    assert _public_rows(public_page).count() == 0

    # 1. The ward head fills the 2021-Q3 report from their home and submits it.
    _as(page, "head-p01")
    page.click('nav a:has-text("Báo cáo quý")')
    page.wait_for_url("**/don-vi/P01/")
    page.locator('tr[data-period="2021-Q3"] a').click()
    page.wait_for_url("**/don-vi/P01/bao-cao/2021-Q3/")
    row = page.locator('tr[data-field="civil-status"]')
    row.locator('input[name$="-responses"]').fill("200")
    row.locator('input[name$="-satisfied"]').fill("190")
    page.fill("#id_publication_url", "https://p01.quan3.hochiminhcity.gov.vn/khao-sat-quy-3")
    page.fill("#id_published_on", "2021-09-30")
    page.click("#save-draft")
    page.wait_for_selector("text=Đã lưu báo cáo")
    page.click("#submit-link")
    page.wait_for_url("**/2021-Q3/nop/")
    assert "190" in page.locator("table").inner_text()
    page.click("#confirm-submit")
    # its stage now: the plan ended on 25/10/2021, and its status as of then is overdue
    page.wait_for_selector('#report-status[data-report-now="submitted"]')

    # 2. Phòng Nội vụ finds it in “Báo cáo quý” and approves it.
    _as(page, "noivu")
    page.click('nav a:has-text("Báo cáo quý")')
    page.wait_for_url("**/bao-cao-quy/")
    page.locator('tr[data-report="P01-2021-Q3"] a').click()
    page.wait_for_url("**/don-vi/P01/bao-cao/2021-Q3/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#approve")
    page.wait_for_selector('#report-status[data-report-now="approved"]')

    # 4a. Approved but not yet published: still not on the public page.
    assert _public_rows(public_page).count() == 0
    assert public_page.locator(P01_Q3_ALL).count() == 0

    page.click("#publish")
    page.wait_for_selector("text=Đã công khai số liệu")
    report = QuarterlyReport.objects.get(unit__code="P01", period="2021-Q3")
    assert report.status == "approved" and report.published

    # 3. The recompute ran on commit: the dashboard and the evidence page show 95.
    as_of = plan.default_as_of()
    result = ComplianceResult.objects.get(
        plan=plan,
        as_of=as_of,
        target__code="SAT-FIELD",
        unit__code="P01",
        field__code="civil-status",
        period="2021-Q3",
    )
    assert (result.numerator, result.denominator, result.status) == (190, 200, "met")

    page.goto("/tong-quan/CCHC-2021/?period=2021-Q3")
    page.select_option("#matrix-period", "2021-Q3")
    page.wait_for_selector('#matrix [data-matrix-period="2021-Q3"]')
    cell = page.locator('#matrix-table a[data-cell="P01:SAT-OVERALL"]')
    assert re.search(r"\b95\b", cell.inner_text())
    cell.click()
    page.wait_for_url("**/bang-chung/**")
    assert "P01" in page.locator("main, body").first.inner_text()

    page.goto(
        "/tong-quan/CCHC-2021/bang-chung/?target=SAT-FIELD&unit=P01&field=civil-status"
        "&period=2021-Q3"
    )
    results = page.locator("#evidence-results tbody")
    assert re.search(r"95[.,]00", results.inner_text())
    assert page.locator('#evidence-records tr[data-record="P01:civil-status:2021-Q3"]').count()

    # 4b. Published: the anonymous visitor sees P01's 2021-Q3 satisfaction.
    civil = _public_rows(public_page)
    assert civil.count() == 1
    assert re.search(r"95[.,]00", civil.inner_text())
    assert re.search(r"95[.,]00", public_page.locator(P01_Q3_ALL).inner_text())

    # 5. The ward head gets 404 on another unit's pages.
    _as(page, "head-p01")
    for url in ("/don-vi/P02/", "/don-vi/P02/bao-cao/2021-Q3/", "/don-vi/P02/bao-cao/2021-Q3/nop/"):
        response = page.goto(url)
        assert response.status == 404, url
