import datetime as dt

import pytest

from inspections.models import CorrectiveAction, action_overdue_on
from plans.statuses import action_status, status_label

from .factories import ActionFactory

D = dt.date
DUE = D(2021, 6, 30)


@pytest.mark.parametrize(
    ("status", "closed_on", "day", "expected"),
    [
        ("open", None, D(2021, 6, 30), "open"),  # due on the day itself is not overdue yet
        ("open", None, D(2021, 7, 1), "overdue"),
        ("closed", D(2021, 6, 20), D(2021, 7, 1), "closed"),
        ("closed", D(2021, 7, 10), D(2021, 7, 1), "overdue"),  # closed later: overdue that day
        ("closed", D(2021, 7, 10), D(2021, 6, 1), "open"),
        ("closed", None, D(2021, 7, 1), "closed"),  # closed in the admin without a date
    ],
)
def test_action_status_and_the_overdue_query_agree(plan, status, closed_on, day, expected):
    action = ActionFactory(due_on=DUE, status=status, closed_on=closed_on)
    assert action_status(action, as_of=day) == expected
    overdue = CorrectiveAction.objects.filter(action_overdue_on(day)).filter(pk=action.pk)
    assert overdue.exists() == (expected == "overdue")


def test_status_label(plan):
    action = ActionFactory(due_on=DUE)
    assert status_label(action_status(action, as_of=D(2021, 7, 1))) == "Quá hạn"
    assert status_label(action_status(action, as_of=D(2021, 6, 1))) == "Đang khắc phục"
