"""plans.statuses: the one place a task's, a report's and a corrective action's status is
decided as of a day."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from plans.statuses import (
    STATUSES,
    action_status,
    assignment_status,
    report_status,
    task_status,
)

D = dt.date


def _assignment(due_on, completed_on=None):
    status = "done" if completed_on else "pending"
    return SimpleNamespace(status=status, due_on=due_on, completed_on=completed_on)


@pytest.mark.parametrize(
    ("completed_on", "as_of", "expected"),
    [
        (None, D(2021, 10, 25), "pending"),  # due on the day itself: not overdue yet
        (None, D(2021, 10, 26), "overdue"),
        (D(2021, 10, 20), D(2021, 10, 25), "done"),
        (D(2021, 10, 29), D(2021, 10, 30), "done_late"),
        (D(2021, 10, 29), D(2021, 10, 25), "pending"),  # completed after the day: not yet
        (D(2021, 10, 29), D(2021, 10, 27), "overdue"),
    ],
)
def test_assignment_status_as_of_a_day(completed_on, as_of, expected):
    assert assignment_status(_assignment(D(2021, 10, 25), completed_on), as_of=as_of) == expected


def test_a_done_assignment_without_a_date_is_not_done():
    assignment = SimpleNamespace(status="done", due_on=D(2021, 6, 30), completed_on=None)
    assert assignment_status(assignment, as_of=D(2021, 7, 1)) == "overdue"


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9))


def _report(status, submitted=None, reviewed=None):
    return SimpleNamespace(
        pk=1,
        status=status,
        submitted_at=_at(submitted) if submitted else None,
        reviewed_at=_at(reviewed) if reviewed else None,
    )


DUE = D(2021, 10, 5)  # 2021-Q3: 30/09 plus five days


@pytest.mark.parametrize(
    ("report", "as_of", "expected"),
    [
        (None, D(2021, 10, 5), "not_started"),
        (None, D(2021, 10, 6), "overdue"),
        (_report("draft"), D(2021, 10, 1), "draft"),
        (_report("draft"), D(2021, 10, 25), "overdue"),
        (_report("submitted", D(2021, 10, 4)), D(2021, 10, 25), "submitted"),
        (_report("submitted", D(2021, 10, 27)), D(2021, 10, 25), "overdue"),  # submitted later
        (_report("approved", D(2021, 10, 4), D(2021, 10, 8)), D(2021, 10, 6), "submitted"),
        (_report("approved", D(2021, 10, 4), D(2021, 10, 8)), D(2021, 10, 8), "approved"),
        (_report("returned", D(2021, 10, 4), D(2021, 10, 8)), D(2021, 10, 9), "returned"),
        (_report("submitted", D(2021, 10, 12), D(2021, 10, 8)), D(2021, 10, 10), "returned"),
        (_report("approved"), D(2021, 10, 25), "approved"),  # set in the admin, no times
    ],
)
def test_report_status_as_of_a_day(report, as_of, expected):
    assert report_status(report, as_of=as_of, due_on=DUE) == expected


def test_an_unsaved_report_is_none_yet():
    unsaved = SimpleNamespace(pk=None, status="draft", submitted_at=None, reviewed_at=None)
    assert report_status(unsaved, as_of=D(2021, 10, 1), due_on=DUE) == "not_started"


@pytest.mark.parametrize(
    ("status", "closed_on", "as_of", "expected"),
    [
        ("open", None, D(2021, 10, 24), "open"),
        ("open", None, D(2021, 10, 25), "overdue"),  # due 24/10/2021
        ("closed", D(2021, 10, 27), D(2021, 10, 25), "overdue"),  # closed after the day
        ("closed", D(2021, 10, 20), D(2021, 10, 25), "closed"),
    ],
)
def test_action_status_as_of_a_day(status, closed_on, as_of, expected):
    action = SimpleNamespace(status=status, closed_on=closed_on, due_on=D(2021, 10, 24))
    assert action_status(action, as_of=as_of) == expected


@pytest.mark.parametrize(
    ("n_done", "n_overdue", "expected"), [(3, 0, "done"), (1, 1, "overdue"), (1, 0, "pending")]
)
def test_task_status_from_its_counts(n_done, n_overdue, expected):
    assert task_status(n_assignments=3, n_done=n_done, n_overdue=n_overdue) == expected


def test_every_status_decided_has_a_label():
    decided = {"done", "done_late", "overdue", "pending", "open", "closed"}
    decided |= {"not_started", "draft", "submitted", "returned", "approved"}
    assert decided <= STATUSES.keys()
