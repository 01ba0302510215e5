"""The unit is told at once of Phòng Nội vụ's decision on its report.

The decision's service writes one notification (`plans.Reminder`, the bell) per head of the unit
in its own transaction, so a decision rolled back notifies no one. Their e-mail goes out with
the next morning digest (`indicators.followup.reminders`), or right after the commit where
`NOTIFY_REPORT_DECISIONS_IMMEDIATELY` is set (`report_decided`, received by the follow-up).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from indicators.reports.models import QuarterlyReport
from indicators.reports.signals import report_decided_send
from plans.models import Reminder
from plans.periods import Period
from units.models import Role, User

# A decision's notification is kept under its decision as the reminder's offset.
RETURNED = "returned"
APPROVED = "approved"
REOPENED = "reopened"
DECISION_OFFSETS = (RETURNED, APPROVED, REOPENED)


def _subject(*, report: QuarterlyReport, decision: str) -> str:
    values = {
        "quarter": Period.parse(report.period).label,
        "unit": report.unit.code,
        "comment": Truncator(report.review_comment).chars(200),
    }
    if decision == APPROVED:
        text = _("Báo cáo CCHC %(quarter)s (%(unit)s) đã được Phòng Nội vụ duyệt") % values
    elif decision == RETURNED:
        text = (
            _("Báo cáo CCHC %(quarter)s (%(unit)s) bị Phòng Nội vụ trả lại: %(comment)s") % values
        )
    else:
        text = (
            _("Báo cáo CCHC %(quarter)s (%(unit)s) được Phòng Nội vụ mở lại để sửa: %(comment)s")
            % values
        )
    return Truncator(text).chars(300)


def unit_heads(*, unit_id: int):
    return User.objects.filter(role=Role.UNIT_HEAD, is_active=True, unit_id=unit_id)


def report_decision_notify(*, report: QuarterlyReport, decision: str) -> list[int]:
    """Notify the unit's heads of a decision just recorded on `report` (its `reviewed_at` names
    the decision, so a report returned twice in a day notifies twice). Returns the ids."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _subject(report=report, decision=decision)
    key = (
        f"report:{report.plan.code}:{report.unit.code}:{report.period}:"
        f"{report.reviewed_at:%Y%m%dT%H%M%S%f}"
    )
    link = reverse("report_detail", args=[report.unit.code, report.period])
    # get_or_create: two decisions stamped the same instant (a frozen clock) notify once
    ids = [
        Reminder.objects.get_or_create(
            recipient=head,
            item_key=key,
            offset=decision,
            on_date=timezone.localdate(report.reviewed_at),
            defaults={"subject": subject, "link": link},
        )[0].pk
        for head in unit_heads(unit_id=report.unit_id)
    ]
    if ids:
        report_decided_send(sender=QuarterlyReport, reminder_ids=ids)
    return ids
