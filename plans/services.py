from django.db import transaction

from units.models import Unit

from .models import Assignment, Plan, Task
from .periods import Period


def task_assignees(*, task: Task):
    """The units a task is assigned to: those named, plus every active unit of its kinds."""
    named = task.assigned_units.all()
    if not task.kinds:
        return named
    by_kind = Unit.objects.active().filter(kind__in=task.kinds)
    return (named | by_kind).distinct()


def task_periods(*, task: Task) -> list[tuple[str, object]]:
    """(period code, due date) pairs: one for a one-off task, one per quarter for a recurring one.

    A quarterly task is due at its quarter's end, or at the plan's deadline in its quarter.
    """
    if task.recurrence == Task.Recurrence.NONE:
        return [("", task.due_on)]
    plan = task.plan
    return [
        (quarter.code, min(quarter.last_day, plan.deadline))
        for quarter in plan.quarters()
        if quarter.start <= plan.deadline
    ]


@transaction.atomic
def task_expand_assignments(*, task: Task) -> int:
    """Create the missing assignments of a task; existing ones keep their status. Returns new."""
    existing = set(task.assignments.values_list("unit_id", "period"))
    new = [
        Assignment(task=task, unit=unit, period=period, due_on=due_on)
        for unit in task_assignees(task=task)
        for period, due_on in task_periods(task=task)
        if (unit.pk, period) not in existing
    ]
    Assignment.objects.bulk_create(new)
    return len(new)


def plan_expand_assignments(*, plan: Plan) -> int:
    return sum(task_expand_assignments(task=task) for task in plan.tasks.all())


def period_choices(*, plan: Plan) -> list[Period]:
    return plan.quarters() + [Period(plan.year)]
