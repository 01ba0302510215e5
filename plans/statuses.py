"""Every status a page shows, in one place: how it is decided as of a day, its label and its
badge colour.

A page never derives a status itself: it calls `assignment_status`, `report_status`,
`action_status` or `task_status` with the page's as-of date and displays the key through the
`status_badge` template tag (`templates/partials/status_badge.html`, which writes it as
`data-status`). The report history and the choices of `QuarterlyReport.Status` use the same
labels, so a status reads the same everywhere. The functions read the records' fields only (this
module sits below the apps whose records they judge).

The querysets' counterparts of the same rules are `assignment_done_by` / `assignment_overdue_on`
(`plans/models.py`) and `action_closed_by` / `action_overdue_on` (`inspections/models.py`).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StatusLook:
    label: str
    colour: str  # a Bootstrap colour: text-bg-<colour>


STATUSES: dict[str, StatusLook] = {
    # an assignment (or a whole task) as of a day (`assignment_status`, `task_status`)
    "done": StatusLook(_("Hoàn thành đúng hạn"), "success"),
    "done_late": StatusLook(_("Hoàn thành trễ hạn"), "warning"),
    "overdue": StatusLook(_("Quá hạn"), "danger"),
    "pending": StatusLook(_("Đang thực hiện"), "secondary"),
    # a corrective action as of a day (`action_status`; overdue as above)
    "open": StatusLook(_("Đang khắc phục"), "secondary"),
    "closed": StatusLook(_("Đã khắc phục"), "success"),
    # a target's result
    "met": StatusLook(_("Đạt"), "success"),
    "not_met": StatusLook(_("Chưa đạt"), "danger"),
    "near": StatusLook(_("Sát ngưỡng"), "warning"),  # met, but close: a display level only
    "no_data": StatusLook(_("Chưa có số liệu"), "secondary"),
    # a quarterly report (`report_status`: its workflow; overdue as above)
    "not_started": StatusLook(_("Chưa lập"), "light"),
    "draft": StatusLook(_("Nháp"), "secondary"),
    "submitted": StatusLook(_("Đã nộp"), "primary"),
    "returned": StatusLook(_("Trả lại"), "warning"),
    "approved": StatusLook(_("Đã duyệt"), "success"),
}

# What is still to do: the statuses a unit head's home lists.
TO_DO = frozenset({"overdue", "pending", "open", "not_started", "draft", "returned"})


def status_look(status) -> StatusLook:
    """The label and colour of a status; an unknown one shows as itself, in light grey."""
    return STATUSES.get(status) or StatusLook(str(status or ""), "light")


def status_label(status) -> str:
    return str(status_look(status).label)


def assignment_done_as_of(assignment, *, as_of: dt.date) -> bool:
    """Completed on or before the day: a completion dated later had not happened yet, so a page
    as of that day neither counts it nor shows its date as done (`assignment_done_by`)."""
    return (
        assignment.status == "done"
        and assignment.completed_on is not None
        and assignment.completed_on <= as_of
    )


def assignment_status(assignment, *, as_of: dt.date) -> str:
    """Plan I.1.1 (docs/counting-rules.md, Tasks): done (on or before its due date) or done_late
    once completed by the day; otherwise overdue when due before the day, else pending (due on
    the day itself is not overdue yet)."""
    if assignment_done_as_of(assignment, as_of=as_of):
        return "done" if assignment.completed_on <= assignment.due_on else "done_late"
    return "overdue" if assignment.due_on < as_of else "pending"


def task_status(*, n_assignments: int, n_done: int, n_overdue: int) -> str:
    """A whole task from its assignments' counts as of a day (`tasks_with_progress`): done when
    every assignment is, overdue when any is, else pending."""
    if n_done == n_assignments:
        return "done"
    return "overdue" if n_overdue else "pending"


def _by(moment: dt.datetime | None, as_of: dt.date) -> bool:
    """A review step taken at `moment` had happened by the end of the day; one without a time
    (set in the admin) counts as taken, as an action closed without a date counts as closed."""
    return moment is None or timezone.localdate(moment) <= as_of


def _report_stage_on(report, as_of: dt.date) -> str | None:
    """Where the report's review stood at the end of the day, from its submission and review
    times: submitted, approved or returned, or None when it had not been submitted yet.

    Only the latest submission and review are kept, so a report reopened after its approval
    reads as submitted before the reopening (its approval time is replaced by the reopening's).
    """
    if report is None or report.status == "draft":
        return None
    if report.status in ("approved", "returned") and _by(report.reviewed_at, as_of):
        return report.status
    if _by(report.submitted_at, as_of):
        return "submitted"
    if report.status == "submitted" and report.reviewed_at and _by(report.reviewed_at, as_of):
        return "returned"  # resubmitted after that day; returned (or reopened) before it
    return None


def report_status(report, *, as_of: dt.date, due_on: dt.date) -> str:
    """A unit's quarterly report as of a day: submitted, approved or returned as its review
    stood that day; otherwise (a draft, or no report yet) overdue once its due date has passed
    (due on the day itself is not late yet), else draft or not_started.

    `report` is the saved report or None (an unsaved one counts as none)."""
    if report is not None and report.pk is None:
        report = None
    stage = _report_stage_on(report, as_of)
    if stage is not None:
        return stage
    if due_on < as_of:
        return "overdue"
    return "not_started" if report is None else "draft"


def action_status(action, *, as_of: dt.date) -> str:
    """Plan V.2.1: a corrective action is closed once closed on or before the day (closed
    without a date, possible in the admin, counts as closed); otherwise overdue when due before
    the day, else open (`action_overdue_on`)."""
    closed_by = action.closed_on is None or action.closed_on <= as_of
    if action.status == "closed" and closed_by:
        return "closed"
    return "overdue" if action.due_on < as_of else "open"
