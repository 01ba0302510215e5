import datetime as dt

from indicators.models import Target
from tests.browser.conftest import login
from tests.factories import compliance_result
from tests.indicators.report_helpers import approved_report
from units.models import Unit


def test_noivu_changes_the_as_of_date_and_filters_the_matrix(page, noivu_user, plan):
    sat = Target.objects.get(plan=plan, code="SAT-OVERALL")
    # Results stored for both dates the test opens: a date without results would queue a
    # recompute, and the recompute would replace these hand-made rows with the evidence's.
    for as_of, satisfied in ((dt.date(2021, 6, 30), 80), (plan.default_as_of(), 95)):
        compliance_result(plan=plan, as_of=as_of, target=sat, numerator=satisfied, denominator=100)
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/CCHC-2021/**")
    page.fill("#as_of", "30/06/2021")
    page.click("form.as-of button[type=submit]")
    page.wait_for_url("**as_of=30%2F06%2F2021**")
    assert page.locator("[data-as-of]").get_attribute("data-as-of") == "2021-06-30"
    row = page.locator('#target-lines tr[data-target="SAT-OVERALL"]')
    assert row.get_attribute("data-status") == "not_met"

    page.select_option("#matrix-kind", "agency")
    page.wait_for_selector('#matrix [data-matrix-kind="agency"]')
    assert page.locator('#matrix-table tr[data-unit="TP"]').count() == 1
    assert page.locator('#matrix-table tr[data-unit="P01"]').count() == 0
    page.select_option("#matrix-period", "2021-Q2")
    page.wait_for_selector('#matrix [data-matrix-period="2021-Q2"]')
    assert page.locator("#trend-chart").count() == 1  # the page was not replaced


def test_public_page_on_a_phone(page, plan, noivu_user):
    unit = Unit.objects.get(code="P01")
    land = {"responses": 100, "satisfied": 95, "resolved_on_time": 99, "resolved_late": 1}
    approved_report(plan, noivu_user, code="P01", land=land)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/cong-khai/")
    page.wait_for_url("**/cong-khai/CCHC-2021/")
    cards = page.locator("#public-cards .card")
    assert cards.first.is_visible() and unit.name in cards.first.inner_text()
    assert not page.locator("#public-units").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
