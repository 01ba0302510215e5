"""Rules on a task's fields, each in one place: `Task.clean` (the admin) and the plan workbook
import call the same functions. Each takes keyword arguments and returns the messages (empty:
valid)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from units.models import unit_kinds_errors


def task_assigned_kinds_errors(*, assigned_kinds: str) -> list[str]:
    """`assigned_kinds` is blank or unit kinds separated by "," without spaces, as `Task.kinds`
    reads them."""
    kinds = [k for k in (assigned_kinds or "").split(",") if k]
    return unit_kinds_errors(kinds=kinds)


def assignment_completed_on_errors(*, completed_on, plan_year: int, today) -> list[str]:
    """A completion date lies between the first day of the plan's year (an assignment exists no
    earlier: it stores no creation date) and today, both included."""
    first_day = dt.date(plan_year, 1, 1)
    if completed_on < first_day:
        return [
            _("Ngày hoàn thành không được trước ngày %(day)s, ngày bắt đầu kế hoạch năm %(year)s.")
            % {"day": first_day.strftime("%d/%m/%Y"), "year": plan_year}
        ]
    if completed_on > today:
        return [_("Ngày hoàn thành không được sau hôm nay.")]
    return []
