import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.commit import after_commit_once
from common.files import evidence_errors
from plans.models import Assignment, Plan, Task
from plans.signals import evidence_changed_send
from units.selectors import units_in_scope


def task_assignees(*, task: Task, on: dt.date):
    """The units a task is assigned to for a due date: those named, plus every unit of its kinds
    in the plan's scope, if active that day (a unit owes the tasks of the periods it is active
    at the end of: DESIGN "Plans and units through time")."""
    named = task.assigned_units.active_on(on)
    if not task.kinds:
        return named
    by_kind = units_in_scope(scope=task.plan.scope, on=on).filter(kind__in=task.kinds)
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
        for period, due_on in task_periods(task=task)
        for unit in task_assignees(task=task, on=due_on)
        if (unit.pk, period) not in existing
    ]
    Assignment.objects.bulk_create(new)
    return len(new)


def plan_expand_assignments(*, plan: Plan) -> int:
    return sum(task_expand_assignments(task=task) for task in plan.tasks.all())


def _tasks_expand(task_ids: list[int]) -> None:
    """After the commit: the missing assignments of the changed tasks (idempotent); a plan that
    got new ones announces it, so its results are recomputed with them."""
    plans = {}
    for task in Task.objects.filter(pk__in=task_ids).select_related("plan", "plan__scope"):
        if task_expand_assignments(task=task):
            plans[task.plan_id] = task.plan
    for plan in plans.values():
        evidence_changed_send(sender=Task, plan=plan)


def task_changed(*, task_id: int) -> None:
    """A task (its dates, recurrence, assigned units or kinds) changed: after the commit, create
    its missing assignments, once per transaction however many times it was saved."""
    after_commit_once(_tasks_expand, task_id)


def assignment_complete(
    *,
    assignment: Assignment,
    user,
    completed_on,
    evidence_file=None,
    evidence_link: str = "",
    note: str = "",
) -> Assignment:
    """Mark a unit's assignment done with its evidence (a file or a link), once.

    The row is locked and re-checked, so two clicks or two users cannot complete it twice.
    """
    if not user.can_edit_unit(assignment.unit):
        raise PermissionDenied(_("Bạn không có quyền cập nhật nhiệm vụ của đơn vị này."))
    errors: dict[str, list[str]] = {}
    if not isinstance(completed_on, dt.date):
        errors["completed_on"] = [_("Vui lòng nhập ngày hoàn thành.")]
    elif completed_on > timezone.localdate():
        errors["completed_on"] = [_("Ngày hoàn thành không được sau hôm nay.")]
    errors.update(evidence_errors(evidence_file=evidence_file, evidence_link=evidence_link))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.status == Assignment.Status.DONE:
            raise ValidationError(_("Nhiệm vụ này đã được đánh dấu hoàn thành."))
        locked.status = Assignment.Status.DONE
        locked.completed_on = completed_on
        locked.completed_by = user
        locked.evidence_link = evidence_link
        locked.note = note
        if evidence_file:
            locked.evidence_file = evidence_file
        locked.full_clean()
        locked.save()
        evidence_changed_send(sender=Assignment, plan=assignment.task.plan)
    return locked
