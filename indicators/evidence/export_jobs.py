"""Large exports as jobs: a worker writes the file under MEDIA_ROOT, recording its progress on the
job, and the requester downloads it when done (docs/imports.md, "Large exports")."""

from __future__ import annotations

import datetime as dt
import io
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.evidence.exports import write_csv, write_xlsx
from indicators.evidence.models import ExportJob
from indicators.evidence.validators import KIND_LABELS

DEFAULT_BACKGROUND_ROWS = 20_000

CONTENT_TYPES = {
    ExportJob.Format.CSV: "text/csv; charset=utf-8",
    ExportJob.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

logger = logging.getLogger(__name__)


def export_in_background(*, rows: int) -> bool:
    """An export of more rows than settings.EXPORT_BACKGROUND_ROWS is written by a worker."""
    return rows > getattr(settings, "EXPORT_BACKGROUND_ROWS", DEFAULT_BACKGROUND_ROWS)


def export_job_create(*, kind: str, fmt: str, user, rows_total: int) -> ExportJob:
    return ExportJob.objects.create(kind=kind, format=fmt, requested_by=user, rows_total=rows_total)


def export_job_filename(*, job: ExportJob) -> str:
    """The download's name, in Vietnamese: "Hồ sơ TTHC 03-12-2026.xlsx"."""
    label = str(KIND_LABELS.get(job.kind, job.kind)).replace("/", "-")
    return f"{label} {timezone.localtime(job.created_at):%d-%m-%Y}.{job.format}"


def export_job_run(*, job_id: int) -> ExportJob:
    """Write a pending job's file, recording progress; claimed first, so a job queued twice runs
    once. Any failure ends the job "failed" with a message (the trace is logged)."""
    started_at = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.PENDING).update(
        status=ExportJob.Status.RUNNING,
        rows_done=0,
        started_at=started_at,
        attempts=F("attempts") + 1,
    )
    job = ExportJob.objects.get(pk=job_id)
    if claimed != 1:  # another worker got there first, or it already ran
        return job
    try:
        rows = _write_file(job=job)
    except Exception:  # noqa: BLE001 - a job must never stay "running": fail it, keep the trace
        logger.exception("Export job %s (%s.%s) failed", job.pk, job.kind, job.format)
        outcome = {
            "status": ExportJob.Status.FAILED,
            "error": _(
                "Không xuất được dữ liệu do lỗi không mong đợi. Hãy thử xuất lại; nếu vẫn lỗi, "
                "hãy báo quản trị hệ thống."
            ),
        }
    else:
        outcome = {
            "status": ExportJob.Status.DONE,
            "rows_total": rows,
            "rows_done": rows,
            "file": job.file.name,
        }
    won = _finish(job=job, started_at=started_at, **outcome)
    if not won and job.file:  # the sweeper gave the job to another run meanwhile
        job.file.delete(save=False)
    job.refresh_from_db()
    return job


def _write_file(*, job: ExportJob) -> int:
    """Write the export into a temporary file, then store it on the job (not saved); returns the
    rows written."""
    written = {"rows": 0}

    def progress(n: int) -> None:
        written["rows"] = n
        ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(rows_done=n)

    with tempfile.TemporaryFile() as target:
        if job.format == ExportJob.Format.XLSX:
            write_xlsx(job.kind, target, progress=progress)
        else:
            text = io.TextIOWrapper(target, encoding="utf-8", newline="")
            write_csv(job.kind, text, progress=progress)
            text.detach()  # flushed, and `target` stays open
        target.seek(0)
        job.file.save(f"{job.kind}-{job.pk}.{job.format}", File(target), save=False)
    return written["rows"]


def _finish(*, job: ExportJob, started_at: dt.datetime, **fields) -> bool:
    """Record the outcome if this run still owns the job (the sweeper did not restart it)."""
    return (
        ExportJob.objects.filter(
            pk=job.pk, status=ExportJob.Status.RUNNING, started_at=started_at
        ).update(finished_at=timezone.now(), **fields)
        == 1
    )
