"""In an English-locale browser (the portal then speaks English) dates still read and type as
dd/mm/yyyy; amber lights and threshold markers show; the favicon is there."""

import datetime as dt

import pytest

from indicators.models import Target
from inspections.models import Inspection
from tests.browser.conftest import browser_page, login
from tests.factories import compliance_result


@pytest.fixture
def en_page(browser, request, live_server):
    with browser_page(browser, request, live_server, locale="en-US") as page:
        yield page


def test_the_as_of_picker_shows_day_month_year_in_an_english_browser(en_page, noivu_user, plan):
    page = en_page
    sat = Target.objects.get(plan=plan, code="SAT-OVERALL")
    for as_of in (dt.date(2021, 6, 30), plan.default_as_of()):
        compliance_result(plan=plan, as_of=as_of, target=sat, numerator=92, denominator=100)
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/CCHC-2021/**")
    assert page.evaluate("navigator.language") == "en-US"
    field = page.locator("#as_of")
    assert field.get_attribute("type") == "text"
    assert field.input_value() == "25/10/2021"
    field.click()
    calendar = page.locator(".flatpickr-calendar.open")
    calendar.wait_for()
    calendar.locator(".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text="15").click()
    assert field.input_value() == "15/10/2021"  # picked in the calendar: still day first
    field.fill("30/06/2021")
    page.click("form.as-of button[type=submit]")
    page.wait_for_url("**as_of=30%2F06%2F2021**")
    assert page.locator("[data-as-of]").get_attribute("data-as-of") == "2021-06-30"
    assert page.locator("#as_of").input_value() == "30/06/2021"
    assert "30/06/2021" in page.locator("#countdown").inner_text()

    row = page.locator('#target-lines tr[data-target="SAT-OVERALL"]')
    assert row.get_attribute("data-level") == "near"
    assert row.locator(".traffic.traffic-near").count() == 1
    marker = row.locator(".threshold-marker")
    assert marker.get_attribute("title").endswith(" 91%")
    bar = row.locator(".progress").bounding_box()
    x = marker.bounding_box()["x"] - bar["x"]
    assert abs(x / bar["width"] - 0.91) < 0.03

    icon = page.evaluate("fetch('/favicon.ico').then(r => r.status)")
    assert icon == 200


def test_a_date_picked_in_the_calendar_is_stored(en_page, noivu_user, plan, head_p01):
    page = en_page
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/**")
    page.goto("/kiem-tra/moi/")
    page.select_option("#id_kind", "cchc_surprise")
    page.select_option("#id_unit", label=str(head_p01.unit))
    page.fill("#id_date", "15/09/2021")
    page.keyboard.press("Escape")
    page.fill("#id_lead", "Trần Thị B")
    assert page.locator("#id_date").input_value() == "15/09/2021"
    page.fill("#id_conclusion", "Cơ bản thực hiện tốt")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url("**/kiem-tra/*/")
    assert Inspection.objects.get().date == dt.date(2021, 9, 15)


def test_a_date_that_is_not_a_date_stays_as_typed(en_page, noivu_user, plan, head_p01):
    page = en_page
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/**")
    page.goto("/kiem-tra/moi/")
    page.fill("#id_date", "31/02/2021")
    page.fill("#id_lead", "Trần Thị B")  # the date field loses focus: the picker keeps the text
    assert page.locator("#id_date").input_value() == "31/02/2021"
    page.select_option("#id_kind", "cchc_surprise")
    page.select_option("#id_unit", label=str(head_p01.unit))
    page.fill("#id_conclusion", "Cơ bản thực hiện tốt")
    page.click("form button[type=submit].btn-primary")
    page.locator(".alert-danger").first.wait_for()
    assert page.locator("#id_date").input_value() == "31/02/2021"
    assert not Inspection.objects.exists()
