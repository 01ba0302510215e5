"""Receivers of the lower layers' signals: they schedule work after the commit, nothing else."""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from common.background import run_now
from indicators.followup.tasks import send_report_decision_emails_task
from indicators.reports.signals import report_decided

logger = logging.getLogger(__name__)


def _hand_off(reminder_ids: list[int]) -> None:
    """Queue the e-mails; never raises. What is not sent waits for the next morning digest."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # `.delay` would send inside the request: off it instead (common.background)
        run_now(send_report_decision_emails_task, reminder_ids)
        return
    try:
        send_report_decision_emails_task.delay(reminder_ids)
    except Exception as exc:  # noqa: BLE001 - kombu's OperationalError, a DNS error, a timeout…
        logger.warning("Report decision e-mails not queued (%s); the digest carries them", exc)


@receiver(report_decided, dispatch_uid="followup-email-report-decision")
def email_report_decision(sender, *, reminder_ids, **kwargs) -> None:
    if settings.NOTIFY_REPORT_DECISIONS_IMMEDIATELY:
        transaction.on_commit(partial(_hand_off, list(reminder_ids)), robust=True)
