"""Issue 14: a unit head's one home, on a phone and on a desktop.

The head lands on "Đơn vị của tôi", acts on the first thing listed (a task, then a report) and
sees its new status on every page that shows it. On 20/10/2021 the plan is still running, so
the pages judge as of that day.
"""

import datetime as dt

import pytest

from plans.models import Assignment
from tests.browser.conftest import login

NOW = dt.datetime(2021, 10, 20, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hồ Chí Minh City
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def head_at_home(page, head_p01, time_machine):
    time_machine.move_to(NOW, tick=True)

    def open_home(viewport):
        page.set_viewport_size(viewport)
        login(page, "head-p01")
        page.wait_for_url("**/don-vi-cua-toi/")
        return page

    return open_home


def _status(page, selector: str) -> str:
    return page.locator(f"{selector} [data-status]").first.get_attribute("data-status")


def _no_sideways_scroll(page, viewport) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_mark_the_first_task_done_from_the_home(head_at_home, viewport):
    page = head_at_home(viewport)
    assert page.title().startswith("Đơn vị của tôi")
    first = page.locator("#todo li[data-item]").first
    key = first.get_attribute("data-item")
    assert first.get_attribute("data-kind") == "task" and _status(page, f'[data-item="{key}"]') == (
        "overdue"
    )
    pk = int(key.removeprefix("assignment-"))
    assignment = Assignment.objects.select_related("task").get(pk=pk)
    title = first.locator(".todo-title")
    line = float(
        page.evaluate(
            "getComputedStyle(document.querySelector('.todo-title')).lineHeight.replace('px', '')"
        )
    )
    assert title.bounding_box()["height"] <= 3 * line + 1  # wraps as text, not word by word
    assert _no_sideways_scroll(page, viewport)

    first.locator("[data-act]").click()
    page.wait_for_url(f"**/don-vi/P01/?mo={pk}*")
    assert page.title().startswith("Đơn vị: ")
    row = page.locator(f'tr[data-assignment="{pk}"]')
    if viewport is PHONE:  # the task's title takes the screen's width, not a narrow column
        assert row.locator("td").first.bounding_box()["width"] >= 300
    assert _no_sideways_scroll(page, viewport)
    row.locator('input[name$="-completed_on"]').fill("2021-10-15")
    row.locator('input[name$="-evidence_link"]').fill("https://p01.vn/minh-chung")
    row.locator("button[type=submit]").click()
    page.wait_for_selector("text=Đã ghi nhận hoàn thành")
    assert _status(page, f'tr[data-assignment="{pk}"]') == "done_late"  # due 31/03/2021

    page.goto("/don-vi-cua-toi/")
    assert page.locator(f'#todo [data-item="{key}"]').count() == 0
    page.goto(f"/ke-hoach/CCHC-2021/nhiem-vu/{assignment.task.code}/")
    assert _status(page, f'tr[data-assignment="{pk}"]') == "done_late"
    assert "15/10/2021" in page.locator(f'tr[data-assignment="{pk}"]').inner_text()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_submit_the_overdue_report_from_the_home(head_at_home, viewport):
    page = head_at_home(viewport)
    item = page.locator('#todo [data-item="report-2021-Q3"]')
    assert _status(page, '[data-item="report-2021-Q3"]') == "overdue"  # due 05/10/2021
    item.locator("[data-act]").click()
    page.wait_for_url("**/don-vi/P01/bao-cao/2021-Q3/")
    assert _no_sideways_scroll(page, viewport)
    card = page.locator('#figures tr[data-field="civil-status"]')
    label = card.locator('label:has-text("Số phiếu")')
    # each number under its own label on a phone; on a desktop the table's header says it
    assert (label.bounding_box()["width"] > 20) == (viewport is PHONE)
    card.locator('input[name$="-responses"]').fill("40")
    card.locator('input[name$="-satisfied"]').fill("38")
    page.click("#save-draft")
    page.wait_for_selector("text=Đã lưu báo cáo")
    assert _no_sideways_scroll(page, viewport)
    page.click("#submit-link")
    page.click("#confirm-submit")
    page.wait_for_selector('#report-status [data-status="submitted"]')

    page.goto("/don-vi-cua-toi/")
    assert page.locator('#todo [data-item="report-2021-Q3"]').count() == 0
    page.goto("/don-vi/P01/")
    assert _status(page, 'tr[data-period="2021-Q3"]') == "submitted"


def test_the_report_figures_are_cards_on_a_phone(head_at_home):
    page = head_at_home(PHONE)
    page.goto("/don-vi/P01/bao-cao/2021-Q3/")
    assert page.locator("#figures thead").is_hidden()
    card = page.locator('#figures tr[data-field="land"]')
    labels = card.locator("label.cell-label")
    assert labels.count() == 10
    for i in range(labels.count()):
        assert labels.nth(i).is_visible()
    box, page_width = card.bounding_box(), PHONE["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= page_width
    assert _no_sideways_scroll(page, PHONE)


def test_the_report_figures_stay_a_table_on_a_desktop(head_at_home):
    page = head_at_home(DESKTOP)
    page.goto("/don-vi/P01/bao-cao/2021-Q3/")
    assert page.locator("#figures thead").is_visible()
    assert page.locator("#figures label.cell-label").first.bounding_box()["width"] <= 1
