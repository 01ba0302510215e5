"""Large exports' pages: the export page with the user's recent jobs, a job's progress (polled by
htmx) and its download, for the user who asked or an administrator."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from common.downloads import protected_file_response
from indicators.evidence.export_jobs import CONTENT_TYPES, export_job_filename
from indicators.evidence.models import ExportJob
from indicators.evidence.validators import KIND_LABELS, KINDS

RECENT_JOBS = 10


def _own_job(request, pk) -> ExportJob:
    """The job if the user asked for it or administers the portal; 404 otherwise."""
    job = get_object_or_404(ExportJob, pk=pk)
    if job.requested_by_id != request.user.pk and not request.user.is_administrator:
        raise Http404
    return job


def _file_available(job: ExportJob) -> bool:
    return (
        job.status == ExportJob.Status.DONE
        and bool(job.file)
        and job.file.storage.exists(job.file.name)
    )


def _status_context(job: ExportJob) -> dict:
    return {
        "job": job,
        "kind_label": KIND_LABELS.get(job.kind, job.kind),
        "available": _file_available(job),
        "keep_days": ExportJob.KEEP_FOR.days,
    }


@login_required
def export_index(request):
    if not request.user.sees_all_units:
        raise Http404
    jobs = ExportJob.objects.filter(requested_by=request.user)[:RECENT_JOBS]
    return render(
        request,
        "indicators/exports/index.html",
        {
            "kinds": [(k, KIND_LABELS[k]) for k in KINDS],
            "jobs": [(job, KIND_LABELS.get(job.kind, job.kind)) for job in jobs],
        },
    )


@login_required
def export_job(request, pk):
    job = _own_job(request, pk)
    return render(request, "indicators/exports/job.html", _status_context(job))


@login_required
def export_job_progress(request, pk):
    """htmx fragment polled by the job page; once finished it no longer polls."""
    job = _own_job(request, pk)
    return render(request, "indicators/exports/partials/status.html", _status_context(job))


@login_required
def export_job_download(request, pk):
    job = _own_job(request, pk)
    if not _file_available(job):  # still running, failed or deleted: its page says which
        return redirect("export_job", pk=job.pk)
    return protected_file_response(
        file=job.file,
        filename=export_job_filename(job=job),
        content_type=CONTENT_TYPES[job.format],
    )
