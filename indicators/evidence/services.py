"""Handing browser imports to the workers, durably: a job the broker could not take, or a worker
lost, is recorded in the database (`ImportJob.status`, `queued_at`, `started_at`) and the
sweeper (every minute) queues it again or fails it with a message."""

import logging
from functools import partial

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.background import run_after_response
from indicators.evidence.models import ImportJob
from indicators.evidence.requeue import requeue_never_started
from indicators.evidence.tasks import import_job_run_task

logger = logging.getLogger(__name__)


def import_job_enqueue(*, job: ImportJob, in_request: bool = True) -> bool:
    """Hand a pending job to a Celery worker; never raises into the request.

    Without a broker Celery would run the task inline, inside the request (its progress page
    would show only once the file is done): it runs in a thread after the response instead
    (`common.background`), as exports and recomputes do; the sweeper's command runs it inline,
    since a daemon thread dies with the command. With the broker unreachable the job stays
    pending (its page says it waits for the server) and `import_jobs_sweep` queues it again.
    Returns whether the job was handed over.
    """
    ImportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now(), attempts=F("attempts") + 1)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        if in_request:
            run_after_response(import_job_run_task, job.pk)
        else:
            import_job_run_task(job.pk)
        return True
    try:
        import_job_run_task.delay(job.pk)
    except Exception as exc:  # noqa: BLE001 - kombu's OperationalError, a DNS error, a timeout…
        logger.warning(
            "Import job %s not queued (broker unreachable: %s); kept pending", job.pk, exc
        )
        return False
    return True


def import_jobs_sweep(*, now=None) -> int:
    """The sweeper's part (every minute): jobs the broker or a worker lost.

    A job pending (never started) for longer than `ImportJob.REQUEUE_AFTER` since it was last
    queued is queued again; a job running for longer than `ImportJob.RUNNING_TIMEOUT` died with
    its worker (or the request that ran it) and is failed with a message saying so. Each is
    claimed with a conditional update, so two sweepers act once. Returns the jobs handled.
    """
    now = now or timezone.now()
    handled = requeue_never_started(
        model=ImportJob,
        enqueue=partial(import_job_enqueue, in_request=False),
        now=now,
        label="Import",
    )
    since = now - ImportJob.RUNNING_TIMEOUT
    died = Q(started_at__lt=since) | Q(started_at__isnull=True, created_at__lt=since)
    minutes = int(ImportJob.RUNNING_TIMEOUT.total_seconds() // 60)
    message = _(
        "Lượt nhập bị gián đoạn: máy chủ xử lý dừng giữa chừng và lượt nhập đã chạy quá "
        "%(n)s phút. Hãy tải tệp lên lại; nhập lại một tệp không tạo dòng trùng."
    ) % {"n": minutes}
    for job_id in ImportJob.objects.filter(died, status=ImportJob.Status.RUNNING).values_list(
        "pk", flat=True
    ):
        won = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).update(
            status=ImportJob.Status.FAILED,
            errors=[{"line": 0, "message": message}],
            finished_at=now,
        )
        if won:
            logger.warning("Import job %s ran too long (worker killed?): failed", job_id)
            handled += won
    return handled
