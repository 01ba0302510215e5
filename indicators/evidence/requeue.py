"""The sweeper's step shared by import and export jobs: a job pending (never started) for longer
than its model's `REQUEUE_AFTER` since it was last queued (a broker that lost the message, or
was down) is queued again. Each job is claimed with a conditional update, so two sweepers act
once."""

import datetime as dt
import logging
from collections.abc import Callable

from django.db.models import Q

logger = logging.getLogger(__name__)


def requeue_never_started(*, model, enqueue: Callable, now: dt.datetime, label: str) -> int:
    """Queue again `model`'s stale pending jobs with `enqueue(job=…)`; returns how many."""
    handled = 0
    stale = Q(queued_at__lt=now - model.REQUEUE_AFTER) | Q(
        queued_at__isnull=True, created_at__lt=now - model.REQUEUE_AFTER
    )
    for job in model.objects.filter(stale, status=model.Status.PENDING):
        won = model.objects.filter(
            pk=job.pk, status=model.Status.PENDING, queued_at=job.queued_at
        ).update(queued_at=now)
        if won:
            logger.warning("%s job %s was never started: queued again", label, job.pk)
            enqueue(job=job)
            handled += 1
    return handled
