import datetime as dt
from smtplib import SMTPException

from celery import shared_task

from indicators.followup.escalation import escalations_send
from indicators.followup.reminders import reminders_send, report_decision_emails_send
from indicators.followup.sweep import pending_work_sweep

# Task names as before the move into packages: beat rows in existing databases name them.


@shared_task(
    name="plans.tasks.send_reminders_task",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def send_reminders_task(on: str | None = None) -> int:
    """Every morning: reminders and one digest per person (see indicators.followup.reminders)."""
    return reminders_send(today=dt.date.fromisoformat(on) if on else None)


@shared_task(
    name="plans.tasks.send_escalations_task",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def send_escalations_task(on: str | None = None) -> int:
    """Every Monday: the list of late units to Phòng Nội vụ and the Chairman (Plan V.3.3)."""
    return escalations_send(today=dt.date.fromisoformat(on) if on else None)


@shared_task(name="indicators.tasks.sweep_pending_work_task", ignore_result=True)
def sweep_pending_work_task() -> dict[str, int]:
    """Every minute: queue again the recomputes, imports and digests that were lost."""
    return pending_work_sweep()


@shared_task(name="indicators.tasks.send_report_decision_emails_task", ignore_result=True)
def send_report_decision_emails_task(reminder_ids: list[int]) -> int:
    """Right after a report is returned or approved (NOTIFY_REPORT_DECISIONS_IMMEDIATELY)."""
    return report_decision_emails_send(reminder_ids=reminder_ids)
