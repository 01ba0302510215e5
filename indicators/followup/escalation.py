"""The Monday escalation (Plan V.3.3): the late units of `indicators.followup.lateness` to Phòng
Nội vụ and the Chairman."""

import datetime as dt
from smtplib import SMTPException

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from indicators.followup.lateness import late_units
from indicators.followup.reminders import absolute_url, claimed_email_send, reminders_claim
from plans.models import Plan, Reminder
from units.models import Role, Unit, User

WEEKLY = "weekly"


def escalation_recipients():
    """Phòng Nội vụ staff and the Chairman (leaders of the district), who have an e-mail."""
    return User.objects.filter(is_active=True).filter(
        Q(role=Role.NOIVU) | Q(role=Role.LEADER, unit__kind=Unit.Kind.DISTRICT)
    )


def _escalation_send(*, plan: Plan, today: dt.date, recipients: list) -> int:
    """One plan's weekly escalation: a notification per recipient, and each e-mail once."""
    as_of = plan.default_as_of(today)
    year, week, _day = today.isocalendar()
    with translation.override(settings.LANGUAGE_CODE):
        rows = late_units(plan=plan, as_of=as_of)
        for row in rows:
            row.reason_list = row.reasons
        subject = _("[CCHC] Cảnh báo tuần %(week)s: %(n)s đơn vị chậm thực hiện %(plan)s") % {
            "week": f"{week:02d}/{year}",
            "n": len(rows),
            "plan": plan.code,
        }
    key = f"escalation:{plan.code}:{year}-W{week:02d}"
    query = f"?plan={plan.code}"
    link = reverse("escalation") + query
    Reminder.objects.bulk_create(
        [
            Reminder(
                recipient=user,
                item_key=key,
                offset=WEEKLY,
                on_date=dt.date.fromisocalendar(year, week, 1),
                subject=subject[:300],
                link=link,
            )
            for user in recipients
        ],
        ignore_conflicts=True,
    )
    context = {
        "plan": plan,
        "as_of": as_of,
        "rows": rows,
        "url": absolute_url(link),
        "recognition_url": absolute_url(
            reverse("inspections:proposals", args=[plan.code]) + f"?as_of={as_of:%Y-%m-%d}"
        ),
    }
    sent, failure = 0, None
    for user in recipients:
        mine = Reminder.objects.filter(recipient=user, item_key=key, offset=WEEKLY)
        if not user.email or not (ids := reminders_claim(reminders=mine)):
            continue
        try:
            claimed_email_send(
                recipient=user, ids=ids, subject=subject, template="escalation", context=context
            )
            sent += 1
        except (SMTPException, OSError) as exc:  # the others still go out; the retry sends it
            failure = exc
    if failure is not None:
        raise failure
    return sent


def escalations_send(*, today: dt.date | None = None) -> int:
    """Every Monday (Plan V.3.3): the late units of this year's plans to Phòng Nội vụ and the
    Chairman, once per recipient, plan and ISO week. Returns e-mails sent."""
    today = today or timezone.localdate()
    recipients = list(escalation_recipients())
    return sum(
        _escalation_send(plan=plan, today=today, recipients=recipients)
        for plan in Plan.objects.filter(year=today.year)
    )
