import datetime as dt
from smtplib import SMTPException

from celery import shared_task

from .escalation import escalations_send
from .models import Plan
from .reminders import reminders_send
from .services import plan_expand_assignments


@shared_task
def expand_assignments_task(plan_code: str) -> int:
    return plan_expand_assignments(plan=Plan.objects.get(code=plan_code))


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def send_reminders_task(on: str | None = None) -> int:
    """Every morning: reminders and one digest per person (see plans.reminders)."""
    return reminders_send(today=dt.date.fromisoformat(on) if on else None)


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def send_escalations_task(on: str | None = None) -> int:
    """Every Monday: the list of late units to Phòng Nội vụ and the Chairman (Plan V.3.3)."""
    return escalations_send(today=dt.date.fromisoformat(on) if on else None)
