"""Morning reminders: in-app notifications plus one e-mail digest per person per day.

Every reminder has a key (recipient, item, offset, date) protected by the unique constraint
`reminder_exactly_once`, so creating them twice creates nothing new. A digest is then claimed
with a conditional update (as healthchecks' `sendalerts` does): only the process whose update
wins sends it, so a job run twice, or by two workers at once, sends each e-mail once. When the
SMTP server fails the claim is released, so the retry sends it.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from indicators.followup.lateness import REPORT_HANDED_IN, report_quarters
from indicators.reports.models import QuarterlyReport
from inspections.models import CorrectiveAction
from plans.models import Assignment, Plan, Reminder
from units.models import Role, Unit, User

logger = logging.getLogger(__name__)

# Days before the due date a reminder goes out, and the offset code it is kept under.
BEFORE_DUE = {14: "d14", 7: "d7", 3: "d3", 1: "d1"}
OVERDUE = "overdue"
REMINDER_OFFSETS = [*BEFORE_DUE.values(), OVERDUE]
# Overdue reminders go out on the first overdue day and then every week.
OVERDUE_EVERY_DAYS = 7
# A digest also carries reminders of the last days that were never e-mailed (a crashed run).
CATCH_UP_DAYS = 6


@dataclass(frozen=True)
class ReminderItem:
    """Something due, for the heads of one unit."""

    unit_id: int
    item_key: str
    offset: str
    subject: str
    link: str
    due_on: dt.date


def reminder_offset(*, due_on: dt.date, today: dt.date) -> str | None:
    """The offset of a reminder due today for an item due on a date, or None."""
    days = (due_on - today).days
    if days in BEFORE_DUE:
        return BEFORE_DUE[days]
    if days < 0 and (-days) % OVERDUE_EVERY_DAYS == 1:
        return OVERDUE
    return None


def _due_dates(*, today: dt.date, earliest: dt.date | None) -> list[dt.date]:
    """Every due date that gives a reminder today (so the database can filter on it)."""
    dates = [today + dt.timedelta(days=d) for d in BEFORE_DUE]
    day = today - dt.timedelta(days=1)
    while earliest is not None and day >= earliest:
        dates.append(day)
        day -= dt.timedelta(days=OVERDUE_EVERY_DAYS)
    return dates


def _when(*, due_on: dt.date, today: dt.date) -> str:
    days = (due_on - today).days
    if days > 0:
        return _("còn %(days)s ngày, hạn %(due)s") % {"days": days, "due": f"{due_on:%d/%m/%Y}"}
    return _("quá hạn %(days)s ngày (hạn %(due)s)") % {
        "days": -days,
        "due": f"{due_on:%d/%m/%Y}",
    }


def _subject(text: str) -> str:
    return Truncator(text).chars(300)


def _assignment_items(*, today: dt.date) -> list[ReminderItem]:
    """Plan III: open assignments due in 14, 7, 3, 1 days, or overdue (first day, then weekly)."""
    open_ = Assignment.objects.open()
    earliest = open_.aggregate(first=Min("due_on"))["first"]
    rows = open_.filter(due_on__in=_due_dates(today=today, earliest=earliest)).select_related(
        "task__plan", "unit"
    )
    items = []
    for a in rows:
        period = f", {a.period}" if a.period else ""
        items.append(
            ReminderItem(
                unit_id=a.unit_id,
                item_key=f"assignment:{a.pk}",
                offset=reminder_offset(due_on=a.due_on, today=today),
                subject=_subject(
                    _("Nhiệm vụ %(code)s (%(unit)s%(period)s): %(title)s — %(when)s")
                    % {
                        "code": a.task.code,
                        "unit": a.unit.code,
                        "period": period,
                        "title": Truncator(a.task.title).chars(150),
                        "when": _when(due_on=a.due_on, today=today),
                    }
                ),
                link=reverse("my_unit", args=[a.unit.code]),
                due_on=a.due_on,
            )
        )
    return items


def _report_items(*, today: dt.date) -> list[ReminderItem]:
    """Quarterly reports not yet submitted (or approved) before and after their due date."""
    units = list(Unit.objects.active_on(today).below_scope().only("pk", "code"))
    items = []
    for plan in Plan.objects.all():
        due = {}
        for quarter in report_quarters(plan=plan):
            due_on = plan.report_due_on(quarter)
            offset = reminder_offset(due_on=due_on, today=today)
            if offset:
                due[quarter.code] = (due_on, offset, quarter)
        if not due:
            continue
        done = set(
            QuarterlyReport.objects.filter(plan=plan, period__in=due, status__in=REPORT_HANDED_IN)
            .values_list("unit_id", "period")
            .distinct()
        )
        for code, (due_on, offset, quarter) in due.items():
            for unit in units:
                if (unit.pk, code) in done:
                    continue
                items.append(
                    ReminderItem(
                        unit_id=unit.pk,
                        item_key=f"report:{plan.code}:{unit.code}:{code}",
                        offset=offset,
                        subject=_subject(
                            _("Báo cáo CCHC %(quarter)s (%(unit)s) chưa nộp — %(when)s")
                            % {
                                "quarter": quarter.label,
                                "unit": unit.code,
                                "when": _when(due_on=due_on, today=today),
                            }
                        ),
                        link=reverse("report_detail", args=[unit.code, code]),
                        due_on=due_on,
                    )
                )
    return items


def _action_items(*, today: dt.date) -> list[ReminderItem]:
    """Open corrective actions after an inspection, the same as assignments."""
    open_ = CorrectiveAction.objects.filter(status=CorrectiveAction.Status.OPEN)
    earliest = open_.aggregate(first=Min("due_on"))["first"]
    rows = open_.filter(due_on__in=_due_dates(today=today, earliest=earliest)).select_related(
        "unit", "finding__inspection"
    )
    link = reverse("inspections:my_actions")
    return [
        ReminderItem(
            unit_id=action.unit_id,
            item_key=f"action:{action.pk}",
            offset=reminder_offset(due_on=action.due_on, today=today),
            subject=_subject(
                _("Khắc phục sau kiểm tra %(inspection)s (%(unit)s): %(title)s — %(when)s")
                % {
                    "inspection": action.finding.inspection.code,
                    "unit": action.unit.code,
                    "title": Truncator(action.title).chars(150),
                    "when": _when(due_on=action.due_on, today=today),
                }
            ),
            link=link,
            due_on=action.due_on,
        )
        for action in rows
    ]


def reminder_items(*, today: dt.date) -> list[ReminderItem]:
    """Everything that gives a reminder today, for the heads of its unit."""
    return _assignment_items(today=today) + _report_items(today=today) + _action_items(today=today)


def reminders_create(*, today: dt.date) -> int:
    """Create today's reminders (one per unit head and item); existing ones stay. Returns rows."""
    with translation.override(settings.LANGUAGE_CODE):
        items = reminder_items(today=today)
    heads: dict[int, list[int]] = {}
    for user_id, unit_id in User.objects.filter(
        role=Role.UNIT_HEAD, is_active=True, unit_id__in={i.unit_id for i in items}
    ).values_list("pk", "unit_id"):
        heads.setdefault(unit_id, []).append(user_id)
    rows = [
        Reminder(
            recipient_id=user_id,
            item_key=item.item_key,
            offset=item.offset,
            on_date=today,
            subject=item.subject,
            link=item.link,
            due_on=item.due_on,
        )
        for item in items
        for user_id in heads.get(item.unit_id, [])
    ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def reminders_claim(*, reminders, now=None) -> list[int]:
    """Claim unsent reminders for e-mailing; returns the ids this process won (maybe none).

    Rows another process holds are skipped; the conditional update then sets `emailed_at` only
    where it is still empty, and the claim counts only if it got every row it saw.
    """
    now = now or timezone.now()
    with transaction.atomic():
        pending = list(
            reminders.filter(emailed_at__isnull=True)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if not pending:
            return []
        won = Reminder.objects.filter(pk__in=pending, emailed_at__isnull=True).update(
            emailed_at=now
        )
        if won != len(pending):  # another worker process got there first
            transaction.set_rollback(True)
            return []
    return pending


def reminders_release(*, ids: list[int]) -> int:
    """Give back a claim after a failed send, so that the next try sends it."""
    return Reminder.objects.filter(pk__in=ids).update(emailed_at=None)


def absolute_url(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return settings.PORTAL_BASE_URL.rstrip("/") + link


def email_send(*, recipient, subject: str, template: str, context: dict) -> None:
    """Send one Vietnamese e-mail, plain text with an HTML alternative."""
    context = {
        "recipient": recipient,
        "base_url": settings.PORTAL_BASE_URL,
        "portal_name": settings.PORTAL_NAME,
        **context,
    }
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[recipient.email])
    message.attach_alternative(html, "text/html")
    message.send()


def claimed_email_send(*, recipient, ids: list[int], subject: str, template: str, context) -> None:
    """Send a claimed e-mail; on failure release the claim and re-raise."""
    try:
        email_send(recipient=recipient, subject=subject, template=template, context=context)
    except Exception:
        reminders_release(ids=ids)
        raise


def digest_send(*, recipient, today: dt.date) -> bool:
    """E-mail one person's digest of today's (and missed) reminders, once. True if sent."""
    mine = Reminder.objects.filter(
        recipient=recipient,
        offset__in=REMINDER_OFFSETS,
        on_date__range=(today - dt.timedelta(days=CATCH_UP_DAYS), today),
    )
    ids = reminders_claim(reminders=mine)
    if not ids:
        return False
    reminders = list(Reminder.objects.filter(pk__in=ids).order_by("due_on", "item_key"))
    for r in reminders:
        r.url = absolute_url(r.link)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[CCHC] Nhắc việc ngày %(day)s: %(n)s việc cần chú ý") % {
            "day": f"{today:%d/%m/%Y}",
            "n": len(reminders),
        }
    claimed_email_send(
        recipient=recipient,
        ids=ids,
        subject=subject,
        template="reminder_digest",
        context={
            "today": today,
            "upcoming": [r for r in reminders if r.offset != OVERDUE],
            "overdue": [r for r in reminders if r.offset == OVERDUE],
            "notifications_url": absolute_url(reverse("notifications")),
        },
    )
    return True


def digests_send(*, today: dt.date) -> int:
    """Send every pending digest; an SMTP failure is raised after the others went out."""
    recipient_ids = (
        Reminder.objects.filter(
            offset__in=REMINDER_OFFSETS,
            on_date__range=(today - dt.timedelta(days=CATCH_UP_DAYS), today),
            emailed_at__isnull=True,
        )
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    recipients = User.objects.filter(pk__in=list(recipient_ids), is_active=True).exclude(email="")
    sent, failure = 0, None
    for recipient in recipients.order_by("pk"):
        try:
            sent += digest_send(recipient=recipient, today=today)
        except (SMTPException, OSError) as exc:
            logger.warning("reminder digest to %s failed: %s", recipient.email, exc)
            failure = exc
    if failure is not None:
        raise failure
    return sent


def reminders_send(*, today: dt.date | None = None) -> int:
    """The morning run: create today's reminders, then e-mail the digests. Returns e-mails sent."""
    today = today or timezone.localdate()
    reminders_create(today=today)
    return digests_send(today=today)
