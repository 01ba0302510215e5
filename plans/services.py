import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.commit import after_commit_once
from common.files import evidence_errors
from plans.models import Assignment, Plan, Task
from plans.signals import evidence_changed_send
from plans.validators import assignment_completed_on_errors
from units.selectors import unit_scope_ids, units_in_scope


def task_assignees(*, task: Task, on: dt.date, scope_ids: set[int] | None = None):
    """The units a task is assigned to for a due date: those named, plus every unit of its kinds
    in the plan's scope, if active that day (a unit owes the tasks of the periods it is active
    at the end of: DESIGN "Plans and units through time")."""
    named = task.assigned_units.active_on(on)
    if not task.kinds:
        return named
    by_kind = units_in_scope(scope=task.plan.scope, on=on, scope_ids=scope_ids).filter(
        kind__in=task.kinds
    )
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
def task_expand_assignments(*, task: Task, scope_ids: set[int] | None = None) -> int:
    """Bring a task's assignments in line with its periods and the units active at each due date.

    Missing ones are created; open ones follow a changed due date; open ones no longer owed (the
    unit closed before the due date, or was taken off the task) go, unless someone has written
    in them. Done ones are history and stay. Returns how many were created.
    """
    if scope_ids is None and task.kinds:
        scope_ids = unit_scope_ids(scope=task.plan.scope)
    wanted = {
        (unit.pk, period): due_on
        for period, due_on in task_periods(task=task)
        for unit in task_assignees(task=task, on=due_on, scope_ids=scope_ids)
    }
    existing = {(a.unit_id, a.period): a for a in task.assignments.all()}
    new = [
        Assignment(task=task, unit_id=unit_id, period=period, due_on=due_on)
        for (unit_id, period), due_on in wanted.items()
        if (unit_id, period) not in existing
    ]
    open_ = {key: a for key, a in existing.items() if a.status != Assignment.Status.DONE}
    stale = [a.pk for key, a in open_.items() if key not in wanted and not _written_in(a)]
    moved = [a for key, a in open_.items() if key in wanted and a.due_on != wanted[key]]
    for assignment in moved:
        assignment.due_on = wanted[(assignment.unit_id, assignment.period)]
    Assignment.objects.bulk_create(new)
    Assignment.objects.filter(pk__in=stale).delete()
    Assignment.objects.bulk_update(moved, ["due_on"])
    return len(new)


def _written_in(assignment: Assignment) -> bool:
    return bool(assignment.evidence_file or assignment.evidence_link or assignment.note)


def plan_expand_assignments(*, plan: Plan) -> int:
    scope_ids = unit_scope_ids(scope=plan.scope)  # the map walked once, not per task and period
    return sum(task_expand_assignments(task=task, scope_ids=scope_ids) for task in plan.tasks.all())


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
    elif day_errors := assignment_completed_on_errors(
        completed_on=completed_on, plan_year=assignment.task.plan.year, today=timezone.localdate()
    ):
        errors["completed_on"] = day_errors
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
        evidence_changed_send(
            sender=Assignment,
            plan=assignment.task.plan,
            units=[assignment.unit_id],
            kinds=["assignments"],
        )
    return locked
