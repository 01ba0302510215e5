"""Every status a page shows, in one place: its label and its badge colour.

Used by the `status_badge` template tag (`templates/partials/status_badge.html`), the report
history and the choices of `QuarterlyReport.Status`, so a status reads the same everywhere.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StatusLook:
    label: str
    colour: str  # a Bootstrap colour: text-bg-<colour>


STATUSES: dict[str, StatusLook] = {
    # an assignment as of a day (`Assignment.status_on`)
    "done": StatusLook(_("Hoàn thành đúng hạn"), "success"),
    "done_late": StatusLook(_("Hoàn thành trễ hạn"), "warning"),
    "overdue": StatusLook(_("Quá hạn"), "danger"),
    "pending": StatusLook(_("Đang thực hiện"), "secondary"),
    # a target's result
    "met": StatusLook(_("Đạt"), "success"),
    "not_met": StatusLook(_("Chưa đạt"), "danger"),
    "near": StatusLook(_("Sát ngưỡng"), "warning"),  # met, but close: a display level only
    "no_data": StatusLook(_("Chưa có số liệu"), "secondary"),
    # a quarterly report
    "draft": StatusLook(_("Nháp"), "secondary"),
    "submitted": StatusLook(_("Đã nộp"), "primary"),
    "returned": StatusLook(_("Trả lại"), "warning"),
    "approved": StatusLook(_("Đã duyệt"), "success"),
}


def status_look(status) -> StatusLook:
    """The label and colour of a status; an unknown one shows as itself, in light grey."""
    return STATUSES.get(status) or StatusLook(str(status or ""), "light")


def status_label(status) -> str:
    return str(status_look(status).label)
