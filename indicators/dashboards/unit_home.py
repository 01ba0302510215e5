"""A unit head's home: what the unit must do now, in one list by due date.

Three kinds of work, each with its status as of the page's day from `plans.statuses` (the same
function every other page calls, so the home never says otherwise than the task, report or
inspection page):

* tasks: the unit's assignments not completed by the day, overdue or due within `HORIZON`;
* quarterly reports: a draft or returned report, or a quarter's report not submitted and
  overdue or due within `HORIZON` (a quarter not yet begun is left out);
* corrective actions: the unit's actions not closed by the day, from inspections held by then.
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.reports.models import QuarterlyReport
from inspections.models import CorrectiveAction, action_closed_by
from plans.models import Assignment, Plan, assignment_done_by
from plans.statuses import (
    TO_DO,
    action_status,
    assignment_status,
    report_status,
)
from units.models import Unit

HORIZON = dt.timedelta(days=30)  # "coming": due within a month of the day
KIND_ORDER = {"report": 0, "task": 1, "action": 2}


@dataclass(frozen=True)
class ToDo:
    kind: str  # task, report or action
    key: str  # the row's data-item: "assignment-12", "report-2021-Q3", "action-5"
    kind_label: str
    title: str
    note: str  # the period or the inspection
    due_on: dt.date
    status: str  # a key of plans.statuses.STATUSES
    url: str  # where to read it
    act_url: str  # where to act on it
    act_label: str


def _task_items(*, plan: Plan, unit: Unit, as_of: dt.date) -> list[ToDo]:
    assignments = (
        Assignment.objects.for_plan(plan)
        .filter(unit=unit, due_on__lte=as_of + HORIZON)
        .exclude(assignment_done_by(as_of))
        .select_related("task")
    )
    page = reverse("my_unit", args=[unit.code])
    return [
        ToDo(
            kind="task",
            key=f"assignment-{a.pk}",
            kind_label=_("Nhiệm vụ"),
            title=a.task.title,
            note=a.task.code,
            due_on=a.due_on,
            status=assignment_status(a, as_of=as_of),
            url=reverse("task_detail", args=[plan.code, a.task.code]),
            act_url=f"{page}?mo={a.pk}#a{a.pk}",
            act_label=_("Báo hoàn thành"),
        )
        for a in assignments
    ]


def _report_items(*, plan: Plan, unit: Unit, as_of: dt.date) -> list[ToDo]:
    reports = {r.period: r for r in QuarterlyReport.objects.filter(plan=plan, unit=unit)}
    items = []
    for quarter in plan.quarters():
        report, due_on = reports.get(quarter.code), plan.report_due_on(quarter)
        status = report_status(report, as_of=as_of, due_on=due_on)
        started = report is not None or (quarter.start <= as_of and due_on <= as_of + HORIZON)
        if status not in TO_DO or not started:
            continue
        url = reverse("report_detail", args=[unit.code, quarter.code])
        items.append(
            ToDo(
                kind="report",
                key=f"report-{quarter.code}",
                kind_label=_("Báo cáo quý"),
                title=_("Báo cáo CCHC %(quarter)s") % {"quarter": quarter.label},
                note="",
                due_on=due_on,
                status=status,
                url=url,
                act_url=url,
                act_label=_("Sửa và nộp lại") if status == "returned" else _("Lập, nộp báo cáo"),
            )
        )
    return items


def _action_items(*, unit: Unit, as_of: dt.date) -> list[ToDo]:
    actions = (
        CorrectiveAction.objects.filter(unit=unit, finding__inspection__date__lte=as_of)
        .exclude(action_closed_by(as_of))
        .select_related("finding__inspection")
    )
    listed = reverse("inspections:my_actions")
    items = []
    for action in actions:
        inspection = action.finding.inspection
        # a unit head sees only their own unit's inspections, not another's that named them
        own = inspection.unit_id == unit.pk
        items.append(
            ToDo(
                kind="action",
                key=f"action-{action.pk}",
                kind_label=_("Khắc phục sau kiểm tra"),
                title=action.title,
                note=_("Kiểm tra %(code)s ngày %(date)s")
                % {"code": inspection.code, "date": inspection.date.strftime("%d/%m/%Y")},
                due_on=action.due_on,
                status=action_status(action, as_of=as_of),
                url=reverse("inspections:detail", args=[inspection.pk]) if own else listed,
                act_url=reverse("inspections:action_close", args=[action.pk]),
                act_label=_("Báo cáo hoàn thành"),
            )
        )
    return items


def unit_todo(*, plan: Plan | None, unit: Unit, as_of: dt.date) -> list[ToDo]:
    """Everything the unit must still do as of the day, earliest due first (a plan's tasks and
    reports only when there is a plan)."""
    items = _action_items(unit=unit, as_of=as_of)
    if plan is not None:
        items += _task_items(plan=plan, unit=unit, as_of=as_of)
        items += _report_items(plan=plan, unit=unit, as_of=as_of)
    return sorted(items, key=lambda i: (i.due_on, KIND_ORDER[i.kind], i.title))
