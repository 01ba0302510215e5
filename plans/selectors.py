import datetime as dt

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from plans.models import (
    Assignment,
    Plan,
    Task,
    assignment_done_by,
    assignment_done_on_time,
    assignment_overdue_on,
)


def _current_index(years: list[int]) -> int | None:
    """Which plan opens by default: this year's, else the newest (`years` newest first)."""
    if not years:
        return None
    this_year = timezone.localdate().year
    return years.index(this_year) if this_year in years else 0


def plan_current() -> Plan | None:
    plans = list(Plan.objects.select_related("scope").order_by("-year", "code"))
    index = _current_index([p.year for p in plans])
    return None if index is None else plans[index]


def as_of_default(*, plan: Plan | None = None) -> dt.date:
    """The day a page judges statuses on when none is asked (`?as_of=`): the plan's default
    as-of date (the current plan's when none is given), today when there is no plan. Every page
    showing a task's, report's or corrective action's status starts from it, so they agree."""
    plan = plan or plan_current()
    return plan.default_as_of() if plan else timezone.localdate()


def plans_for_picker() -> list[tuple[str, int, bool]]:
    """(code, year, is the current plan) of every plan, newest first, in one query."""
    plans = list(Plan.objects.order_by("-year", "code").values_list("code", "year"))
    index = _current_index([year for _code, year in plans])
    return [(code, year, i == index) for i, (code, year) in enumerate(plans)]


def plan_get(*, code: str) -> Plan:
    return get_object_or_404(Plan.objects.select_related("scope"), code=code)


def tasks_with_progress(*, plan: Plan, as_of: dt.date, unit=None):
    """Tasks annotated with their assignment counts as of a date, optionally for one unit."""
    scope = Q(assignments__unit=unit) if unit is not None else Q()
    done = assignment_done_by(as_of, prefix="assignments__") & scope
    return (
        plan.tasks.select_related("lead_unit", "clause")
        .annotate(
            n_assignments=Count("assignments", filter=scope),
            n_done=Count("assignments", filter=done),
            n_done_on_time=Count(
                "assignments",
                filter=done & assignment_done_on_time(prefix="assignments__"),
            ),
            n_overdue=Count(
                "assignments",
                filter=scope & assignment_overdue_on(as_of, prefix="assignments__"),
            ),
        )
        .filter(n_assignments__gt=0)
    )


def task_assignments(*, task: Task, units):
    """A task's assignments for the units a user may see, with their unit and who completed
    them."""
    return (
        Assignment.objects.filter(task=task, unit__in=units)
        .select_related("unit", "completed_by")
        .order_by("period", "unit__kind", "unit__code")
    )


def task_get(*, plan: Plan, code: str) -> Task:
    return get_object_or_404(plan.tasks.select_related("clause", "lead_unit"), code=code)
