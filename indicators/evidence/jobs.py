"""Browser imports as jobs: the uploaded file is stored, validated (a preview), and written once
confirmed; large files run in a Celery worker."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.evidence.errors import ImportRejected
from indicators.evidence.imports import import_file
from indicators.evidence.models import ImportJob
from indicators.evidence.reading import count_rows

MAX_STORED_ERRORS = 5000
DEFAULT_BROWSER_MAX_ROWS = 1_000_000

logger = logging.getLogger(__name__)


def import_job_create(*, kind: str, upload, user) -> ImportJob:
    job = ImportJob(kind=kind, created_by=user)
    job.file.save(Path(upload.name).name, upload, save=False)
    job.total_rows = count_rows(job.file.path)
    job.save()
    return job


def import_job_in_background(*, job: ImportJob) -> bool:
    """Large files go to a Celery worker (settings.IMPORT_BACKGROUND_ROWS / _BYTES)."""
    return (
        job.total_rows > settings.IMPORT_BACKGROUND_ROWS
        or job.file.size > settings.IMPORT_BACKGROUND_BYTES
    )


def import_job_run(*, job_id: int) -> ImportJob:
    """Validate (and, once confirmed, write) a job's file, recording progress on the job."""
    job = ImportJob.objects.get(pk=job_id)
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING, processed_rows=0, started_at=timezone.now()
    )
    if claimed != 1:  # another worker got there first, or it already ran
        return job

    def progress(n: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=n)

    try:
        result = import_file(
            kind=job.kind,
            source=job.file.path,
            dry_run=not job.confirmed,
            progress=progress,
            max_rows=getattr(settings, "IMPORT_BROWSER_MAX_ROWS", DEFAULT_BROWSER_MAX_ROWS),
        )
    except ImportRejected as exc:
        job.status = ImportJob.Status.FAILED
        job.errors = [e.as_dict() for e in exc.errors[:MAX_STORED_ERRORS]]
        if len(exc.errors) > MAX_STORED_ERRORS:
            job.errors.append(
                {
                    "line": 0,
                    "message": _("… và %(n)s lỗi khác (xem bằng lệnh import_data).")
                    % {"n": len(exc.errors) - MAX_STORED_ERRORS},
                }
            )
        job.total_rows = exc.total or job.total_rows
        job.processed_rows = job.total_rows
    except Exception:  # noqa: BLE001 - a job must never stay "running": fail it, keep the trace
        logger.exception("Import job %s (%s) failed unexpectedly", job.pk, job.kind)
        job.status = ImportJob.Status.FAILED
        job.errors = [
            {
                "line": 0,
                "message": _(
                    "Lỗi không mong đợi khi đọc tệp; không ghi dòng nào. Hãy kiểm tra tệp "
                    "hoặc báo quản trị hệ thống."
                ),
            }
        ]
    else:
        job.status = ImportJob.Status.DONE
        job.errors = []
        job.warnings = [w.as_dict() for w in result.warnings[:MAX_STORED_ERRORS]]
        job.total_rows = job.processed_rows = result.total
        job.created, job.updated, job.unchanged = result.created, result.updated, result.unchanged
    job.finished_at = timezone.now()
    job.save()
    return job


def import_job_confirm(*, job: ImportJob) -> bool:
    """Ask to write a previewed job; True if this call won (a job is confirmed once)."""
    return (
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.DONE, confirmed=False).update(
            confirmed=True,
            status=ImportJob.Status.PENDING,
            finished_at=None,
            queued_at=timezone.now(),
        )
        == 1
    )
