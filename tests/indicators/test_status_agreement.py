"""Issue 14: every page that shows a task's, a quarterly report's or a corrective action's
status says the same for the same as-of date.

The plan CCHC-2021 ended on 25/10/2021; on 30/10/2021 its pages judge as of that deadline by
default. P01 did some things after it: a task completed on 29/10, an action closed on 27/10, the
2021-Q3 report submitted on 27/10 — none of them is done as of 25/10.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from indicators.reports.models import QuarterlyReport
from inspections.models import CorrectiveAction
from plans.models import Assignment
from tests.inspections.factories import ActionFactory, FindingFactory, InspectionFactory
from units.models import Unit


@pytest.fixture(autouse=True)
def after_the_deadline():
    with time_machine.travel("2021-10-30 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def records(plan, head_p01):
    p01 = Unit.objects.get(code="P01")
    task = Assignment.objects.get(unit=p01, task__code="II.1")  # due 25/10/2021
    Assignment.objects.filter(pk=task.pk).update(status="done", completed_on="2021-10-29")
    quarterly = Assignment.objects.get(unit=p01, task__code="II.7", period="2021-Q3")
    inspection = InspectionFactory(unit=p01, date=dt.date(2021, 9, 1))
    action = ActionFactory(
        finding=FindingFactory(inspection=inspection),
        unit=p01,
        due_on=dt.date(2021, 10, 24),
        status=CorrectiveAction.Status.CLOSED,
        closed_on=dt.date(2021, 10, 27),
    )
    report = QuarterlyReport.objects.create(
        plan=plan,
        unit=p01,
        period="2021-Q3",
        status=QuarterlyReport.Status.SUBMITTED,
        submitted_at=timezone.make_aware(dt.datetime(2021, 10, 27, 9)),
    )
    return {
        "task": task,
        "quarterly": quarterly,
        "action": action,
        "inspection": inspection,
        "report": report,
    }


def _status(body: str, marker: str) -> str | None:
    """The first data-status inside the element that carries `marker` (its row or item)."""
    if marker not in body:
        return None
    element = re.split(r"</tr>|</li>|</p>", body.split(marker, 1)[1], maxsplit=1)[0]
    found = re.search(r'data-status="([^"]+)"', element)
    return found.group(1) if found else None


def _statuses(client, records, query: str) -> dict[str, dict[str, str | None]]:
    """Each record's status on every page that shows it, as of the query's date."""
    task, quarterly, action = records["task"], records["quarterly"], records["action"]

    def page(url):
        response = client.get(url + (query.replace("?", "&") if "?" in url else query))
        assert response.status_code == 200, url
        return response.content.decode()

    home = page(reverse("unit_home"))
    unit = page(reverse("my_unit", args=["P01"]))
    pages = {
        "task": {
            "home": _status(home, f'data-item="assignment-{task.pk}"'),
            "unit": _status(unit, f'data-assignment="{task.pk}"'),
            "task page": _status(
                page(reverse("task_detail", args=["CCHC-2021", "II.1"])),
                f'data-assignment="{task.pk}"',
            ),
        },
        "quarterly": {
            "home": _status(home, f'data-item="assignment-{quarterly.pk}"'),
            "unit": _status(unit, f'data-assignment="{quarterly.pk}"'),
            "task page": _status(
                page(reverse("task_detail", args=["CCHC-2021", "II.7"])),
                f'data-assignment="{quarterly.pk}"',
            ),
        },
        "action": {
            "home": _status(home, f'data-item="action-{action.pk}"'),
            "inspection": _status(
                page(reverse("inspections:detail", args=[records["inspection"].pk])),
                f'data-action="{action.pk}"',
            ),
            "actions list": _status(
                page(reverse("inspections:my_actions") + "?status=all"),
                f'data-action="{action.pk}"',
            ),
        },
        "report": {
            "home": _status(home, 'data-item="report-2021-Q3"'),
            "unit": _status(unit, 'data-period="2021-Q3"'),
            "report page": _status(
                page(reverse("report_detail", args=["P01", "2021-Q3"])), 'id="report-status"'
            ),
        },
    }
    return pages


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"task": "pending", "quarterly": "overdue", "action": "overdue", "report": "overdue"}),
        (
            "?as_of=2021-10-25",
            {"task": "pending", "quarterly": "overdue", "action": "overdue", "report": "overdue"},
        ),
        (
            "?as_of=2021-10-30",
            {
                "task": "done_late",
                "quarterly": "overdue",
                "action": "closed",
                "report": "submitted",
            },
        ),
    ],
    ids=["default", "deadline", "today"],
)
def test_every_page_shows_the_same_status(client, head_p01, records, query, expected):
    client.force_login(head_p01)
    statuses = _statuses(client, records, query)
    for record, on_pages in statuses.items():
        shown = {name: status for name, status in on_pages.items() if status is not None}
        if expected[record] in ("done_late", "closed", "submitted"):
            assert "home" not in shown  # nothing left to do
        else:
            assert "home" in shown, record
        assert set(shown.values()) == {expected[record]}, (record, shown)


def test_a_completion_after_the_as_of_date_is_not_shown_as_done(client, head_p01, records):
    """As of 25/10/2021 the task completed on 29/10/2021 is still being done."""
    client.force_login(head_p01)
    url = reverse("task_detail", args=["CCHC-2021", "II.1"]) + "?as_of=2021-10-25"
    body = client.get(url).content.decode()
    row = body.split(f'data-assignment="{records["task"].pk}"')[1].split("</tr>")[0]
    assert 'data-status="pending"' in row and "Đang thực hiện" in row
    assert "data-completed-later" in row and "sau ngày đang xem" in row
    assert "Hoàn thành" not in row


def test_the_completion_date_shows_once_it_is_reached(client, head_p01, records):
    client.force_login(head_p01)
    url = reverse("task_detail", args=["CCHC-2021", "II.1"]) + "?as_of=2021-10-30"
    row = client.get(url).content.decode().split(f'data-assignment="{records["task"].pk}"')[1]
    row = row.split("</tr>")[0]
    assert '">29/10/2021' in row and "data-completed-later" not in row


def test_the_unit_page_marks_a_later_completion_too(client, head_p01, records):
    client.force_login(head_p01)
    body = client.get(reverse("my_unit", args=["P01"])).content.decode()
    row = body.split(f'data-assignment="{records["task"].pk}"')[1].split("</tr>")[0]
    assert "data-completed-later" in row and 'data-status="pending"' in row


def test_the_inspection_page_hides_a_later_closing(client, head_p01, records):
    client.force_login(head_p01)
    body = client.get(reverse("inspections:detail", args=[records["inspection"].pk]))
    row = body.content.decode().split(f'data-action="{records["action"].pk}"')[1]
    row = row.split("</tr>")[0]
    assert 'data-status="overdue"' in row and "27/10/2021" not in row


def test_the_report_page_says_it_was_submitted_after_the_day(client, head_p01, records):
    client.force_login(head_p01)
    body = client.get(reverse("report_detail", args=["P01", "2021-Q3"])).content.decode()
    assert 'data-report-now="submitted"' in body and 'id="report-later"' in body
