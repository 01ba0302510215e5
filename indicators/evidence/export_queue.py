"""Handing export jobs to the workers, durably, and the sweeper's part for them: a job the broker
could not take is queued again, one whose worker died is run again (an export only reads), and
files older than `ExportJob.KEEP_FOR` are deleted."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.background import run_now
from indicators.evidence.export_jobs import export_job_create
from indicators.evidence.models import ExportJob
from indicators.evidence.requeue import requeue_never_started
from indicators.evidence.tasks import export_job_run_task

logger = logging.getLogger(__name__)


def export_job_start(*, kind: str, fmt: str, user, rows_total: int) -> ExportJob:
    """A pending job for the user, handed to a worker once the request's transaction commits."""
    job = export_job_create(kind=kind, fmt=fmt, user=user, rows_total=rows_total)
    export_job_enqueue(job=job)
    return job


def export_job_enqueue(*, job: ExportJob, in_request: bool = True) -> None:
    ExportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now())
    transaction.on_commit(partial(_hand_off, job.pk, in_request=in_request), robust=True)


def _hand_off(job_id: int, *, in_request: bool) -> bool:
    """Give the job to the broker; never raises. Returns whether it was taken.

    Without a broker Celery would run the task inline, inside the request: it runs in a thread
    instead (`common.background`), as recomputes do. The sweeper's command runs it inline, since
    a daemon thread dies with the command's process. With the broker unreachable the job stays
    pending (its page says it waits) and `export_jobs_sweep` queues it again.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        if in_request:
            run_now(export_job_run_task, job_id)
        else:
            export_job_run_task(job_id)
        return True
    try:
        export_job_run_task.delay(job_id)
    except Exception as exc:  # noqa: BLE001 - kombu's OperationalError, a DNS error, a timeout…
        logger.warning(
            "Export job %s not queued (broker unreachable: %s); kept pending", job_id, exc
        )
        return False
    return True


def export_jobs_sweep(*, now: dt.datetime | None = None) -> int:
    """The sweeper's part (every minute); each step is claimed with a conditional update, so two
    sweepers act once. Returns the jobs handled."""
    now = now or timezone.now()
    return (
        requeue_never_started(
            model=ExportJob,
            enqueue=partial(export_job_enqueue, in_request=False),
            now=now,
            label="Export",
        )
        + _restart_or_fail_died(now=now)
        + _delete_old_files(now=now)
    )


def _restart_or_fail_died(*, now: dt.datetime) -> int:
    """A job running longer than `RUNNING_TIMEOUT` died with its worker: pending again (and
    queued) while it has had fewer than `MAX_ATTEMPTS` runs, else failed with a message."""
    handled = 0
    died = ExportJob.objects.filter(
        status=ExportJob.Status.RUNNING, started_at__lt=now - ExportJob.RUNNING_TIMEOUT
    )
    message = _(
        "Lượt xuất bị gián đoạn nhiều lần (máy chủ xử lý dừng giữa chừng). Hãy thử xuất lại "
        "sau; nếu vẫn lỗi, hãy báo quản trị hệ thống."
    )
    for job in died:
        claim = ExportJob.objects.filter(
            pk=job.pk, status=ExportJob.Status.RUNNING, started_at=job.started_at
        )
        if job.attempts < ExportJob.MAX_ATTEMPTS:
            if claim.update(status=ExportJob.Status.PENDING, queued_at=now, rows_done=0):
                logger.warning("Export job %s ran too long (worker killed?): run again", job.pk)
                export_job_enqueue(job=job, in_request=False)
                handled += 1
        elif claim.update(status=ExportJob.Status.FAILED, error=message, finished_at=now):
            logger.warning("Export job %s died %s times: failed", job.pk, job.attempts)
            handled += 1
    return handled


def _delete_old_files(*, now: dt.datetime) -> int:
    """Files of jobs finished more than `KEEP_FOR` ago; the job stays, its page says so."""
    handled = 0
    old = ExportJob.objects.filter(finished_at__lt=now - ExportJob.KEEP_FOR).exclude(file="")
    for job in old:
        if ExportJob.objects.filter(pk=job.pk, file=job.file.name).update(file=""):
            job.file.delete(save=False)
            handled += 1
    return handled
