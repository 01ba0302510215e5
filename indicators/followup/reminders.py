"""Morning reminders: in-app notifications plus one e-mail digest per person per day.

Every reminder has a key (recipient, item, offset, date) protected by the unique constraint
`reminder_exactly_once`, so creating them twice creates nothing new. E-mail goes through an
outbox, the `Digest` rows (one per person per day, `digest_exactly_once`): reminders are put in
their digest in one transaction, then a sender claims it with a conditional update (as
healthchecks' `sendalerts` does), sends it and marks it sent. Only the process whose update wins
sends, so a job run twice, or by two workers at once, sends each e-mail once. When the SMTP
server fails the claim is released, so the retry sends it; when the process dies between the
claim and the mark, the claim times out and the sweeper (`digests_resend`) sends it.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from common.links import portal_base_url
from indicators.followup.lateness import REPORT_HANDED_IN, report_quarters
from indicators.reports.models import QuarterlyReport
from indicators.reports.notices import DECISION_OFFSETS
from inspections.models import CorrectiveAction
from plans.models import Assignment, Digest, Plan, Reminder
from units.models import Role, Unit, User

logger = logging.getLogger(__name__)

# Days before the due date a reminder goes out, and the offset code it is kept under.
BEFORE_DUE = {14: "d14", 7: "d7", 3: "d3", 1: "d1"}
OVERDUE = "overdue"
REMINDER_OFFSETS = [*BEFORE_DUE.values(), OVERDUE]
# A digest carries the reminders and the decisions on the unit's reports made since the last one.
DIGEST_OFFSETS = [*REMINDER_OFFSETS, *DECISION_OFFSETS]
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
    return portal_base_url() + link


def email_send(
    *, recipient, subject: str, template: str, context: dict, headers: dict | None = None
) -> None:
    """Send one Vietnamese e-mail, plain text with an HTML alternative."""
    context = {
        "recipient": recipient,
        "base_url": portal_base_url(),
        "portal_name": settings.PORTAL_NAME,
        **context,
    }
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[recipient.email], headers=headers)
    message.attach_alternative(html, "text/html")
    message.send()


def claimed_email_send(*, recipient, ids: list[int], subject: str, template: str, context) -> None:
    """Send a claimed e-mail; on failure release the claim and re-raise."""
    try:
        email_send(recipient=recipient, subject=subject, template=template, context=context)
    except Exception:
        reminders_release(ids=ids)
        raise


def digest_outbox(*, recipient, today: dt.date) -> Digest | None:
    """Put one person's unsent reminders of today (and missed days) in today's digest, the
    outbox row, in one transaction; returns the digest when it has anything left to send.

    Reminders go into a digest once (`digest` set under a row lock). A digest already sent
    today gets no more: later reminders wait for tomorrow's (CATCH_UP_DAYS).
    """
    with transaction.atomic():
        ids = list(
            Reminder.objects.filter(
                recipient=recipient,
                offset__in=DIGEST_OFFSETS,
                on_date__range=(today - dt.timedelta(days=CATCH_UP_DAYS), today),
                digest__isnull=True,
                emailed_at__isnull=True,
            )
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if ids:
            digest, _ = Digest.objects.get_or_create(recipient=recipient, on_date=today)
            digest = Digest.objects.select_for_update().get(pk=digest.pk)
            if digest.sent_at is None:
                Reminder.objects.filter(
                    pk__in=ids, digest__isnull=True, emailed_at__isnull=True
                ).update(digest=digest)
    return (
        Digest.objects.filter(recipient=recipient, on_date=today, sent_at__isnull=True)
        .filter(reminders__isnull=False)
        .select_related("recipient")
        .first()
    )


def digest_deliver(*, digest: Digest, now=None) -> bool:
    """Claim an unsent digest, send it and mark it sent. True if this call sent it.

    The claim is a conditional update: it wins only if the digest is unsent and unclaimed, or
    its claim is older than `Digest.CLAIM_TIMEOUT` (the process that made it died before
    marking it). An SMTP failure releases the claim and is raised, so a retry sends it.
    """
    now = now or timezone.now()
    won = (
        Digest.objects.filter(pk=digest.pk, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - Digest.CLAIM_TIMEOUT))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if won != 1:  # another worker process holds it, or it went out already
        return False
    reminders = list(digest.reminders.order_by("due_on", "item_key"))
    for r in reminders:
        r.url = absolute_url(r.link)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[CCHC] Nhắc việc ngày %(day)s: %(n)s việc cần chú ý") % {
            "day": f"{digest.on_date:%d/%m/%Y}",
            "n": len(reminders),
        }
    try:
        email_send(
            recipient=digest.recipient,
            subject=subject,
            template="reminder_digest",
            context={
                "today": digest.on_date,
                "decisions": [r for r in reminders if r.offset in DECISION_OFFSETS],
                "upcoming": [r for r in reminders if r.offset in BEFORE_DUE.values()],
                "overdue": [r for r in reminders if r.offset == OVERDUE],
                "notifications_url": absolute_url(reverse("notifications")),
            },
            headers={"Message-ID": digest.message_id},
        )
    except Exception:
        Digest.objects.filter(pk=digest.pk, claimed_at=now).update(claimed_at=None)
        raise
    sent = timezone.now()
    with transaction.atomic():
        Digest.objects.filter(pk=digest.pk).update(sent_at=sent)
        digest.reminders.update(emailed_at=sent)
    return True


def digest_send(*, recipient, today: dt.date) -> bool:
    """E-mail one person's digest of today's (and missed) reminders, once. True if sent."""
    digest = digest_outbox(recipient=recipient, today=today)
    return digest is not None and digest_deliver(digest=digest)


def _deliver_all(digests) -> int:
    """Deliver each digest; an SMTP failure is raised after the others went out."""
    sent, failure = 0, None
    for digest in digests:
        try:
            sent += digest_deliver(digest=digest)
        except (SMTPException, OSError) as exc:
            logger.warning("reminder digest to %s failed: %s", digest.recipient.email, exc)
            failure = exc
    if failure is not None:
        raise failure
    return sent


def digests_send(*, today: dt.date) -> int:
    """Put every pending reminder in its digest, then send every digest not yet sent (today's,
    and those of the last days a crashed run left claimed or unsent)."""
    recipient_ids = (
        Reminder.objects.filter(
            offset__in=DIGEST_OFFSETS,
            on_date__range=(today - dt.timedelta(days=CATCH_UP_DAYS), today),
            digest__isnull=True,
            emailed_at__isnull=True,
        )
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    recipients = User.objects.filter(pk__in=list(recipient_ids), is_active=True).exclude(email="")
    for recipient in recipients.order_by("pk"):
        digest_outbox(recipient=recipient, today=today)
    return _deliver_all(
        _unsent_digests().filter(on_date__range=(today - dt.timedelta(days=CATCH_UP_DAYS), today))
    )


def _unsent_digests():
    return (
        Digest.objects.filter(
            sent_at__isnull=True, recipient__is_active=True, reminders__isnull=False
        )
        .exclude(recipient__email="")
        .distinct()
        .select_related("recipient")
        .order_by("on_date", "recipient_id")
    )


def digests_resend(*, now=None) -> int:
    """The sweeper's part (every minute): send again the digests of the last CATCH_UP_DAYS
    claimed and never marked sent for longer than `Digest.CLAIM_TIMEOUT`. Returns e-mails sent;
    SMTP failures are logged (the next sweep tries again)."""
    now = now or timezone.now()
    stale = _unsent_digests().filter(
        claimed_at__lt=now - Digest.CLAIM_TIMEOUT,
        on_date__gte=timezone.localdate(now) - dt.timedelta(days=CATCH_UP_DAYS),
    )
    try:
        return _deliver_all(stale)
    except (SMTPException, OSError):
        return 0


def report_decision_emails_send(*, reminder_ids: list[int]) -> int:
    """E-mail the notifications of decisions on reports now (NOTIFY_REPORT_DECISIONS_IMMEDIATELY),
    one e-mail per recipient. Each is claimed first, so it goes out once, and never in a digest
    too; an SMTP failure releases the claim, and the next morning digest carries it instead.
    Returns e-mails sent."""
    pending = Reminder.objects.filter(
        pk__in=reminder_ids, offset__in=DECISION_OFFSETS, digest__isnull=True
    )
    recipients = User.objects.filter(pk__in=pending.values("recipient_id"), is_active=True).exclude(
        email=""
    )
    sent = 0
    for recipient in recipients.order_by("pk"):
        ids = reminders_claim(reminders=pending.filter(recipient=recipient))
        if not ids:  # another process sent it, or the digest took it
            continue
        reminders = list(Reminder.objects.filter(pk__in=ids).order_by("pk"))
        for r in reminders:
            r.url = absolute_url(r.link)
        subject = f"[CCHC] {reminders[0].subject}" if len(reminders) == 1 else None
        with translation.override(settings.LANGUAGE_CODE):
            subject = _subject(
                subject or _("[CCHC] Kết quả xét duyệt %(n)s báo cáo quý") % {"n": len(reminders)}
            )
        try:
            claimed_email_send(
                recipient=recipient,
                ids=ids,
                subject=subject,
                template="report_decision",
                context={
                    "decisions": reminders,
                    "notifications_url": absolute_url(reverse("notifications")),
                },
            )
        except (SMTPException, OSError) as exc:
            logger.warning("report decision e-mail to %s failed: %s", recipient.email, exc)
            continue
        sent += 1
    return sent


def reminders_send(*, today: dt.date | None = None) -> int:
    """The morning run: create today's reminders, then e-mail the digests. Returns e-mails sent."""
    today = today or timezone.localdate()
    reminders_create(today=today)
    return digests_send(today=today)
