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


def plan_current() -> Plan | None:
    """The plan to open by default: this year's, else the latest one."""
    today = timezone.localdate()
    return Plan.objects.filter(year=today.year).first() or Plan.objects.order_by("-year").first()


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
    """A task's assignments for the units a user may see, with their unit."""
    return (
        Assignment.objects.filter(task=task, unit__in=units)
        .select_related("unit")
        .order_by("period", "unit__kind", "unit__code")
    )


def task_get(*, plan: Plan, code: str) -> Task:
    return get_object_or_404(plan.tasks.select_related("clause", "lead_unit"), code=code)
