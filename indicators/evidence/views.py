"""Browser import (Phòng Nội vụ) and export (Phòng Nội vụ, leaders) of the evidence tables."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from indicators.evidence.columns import column_spec
from indicators.evidence.export_jobs import export_in_background
from indicators.evidence.export_queue import export_job_start
from indicators.evidence.exports import csv_lines, export_count, write_xlsx
from indicators.evidence.forms import ImportForm
from indicators.evidence.imports import file_preview
from indicators.evidence.jobs import (
    import_job_confirm,
    import_job_create,
    import_job_in_background,
    import_job_run,
)
from indicators.evidence.models import ImportJob
from indicators.evidence.selectors import import_fields, import_units
from indicators.evidence.services import import_job_enqueue
from indicators.evidence.validators import KIND_LABELS, KINDS, VALIDATORS


def _require_noivu(request) -> None:
    if not request.user.is_noivu:
        raise Http404


def _job(request, pk) -> ImportJob:
    _require_noivu(request)
    return get_object_or_404(ImportJob, pk=pk)


def _dispatch(job: ImportJob) -> None:
    """Small files run now; large ones go to a Celery worker (eager without a broker). With the
    broker unreachable the job stays pending and the sweeper queues it later."""
    if import_job_in_background(job=job):
        import_job_enqueue(job=job)
    else:
        import_job_run(job_id=job.pk)


def _finished(job: ImportJob) -> bool:
    return job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED)


@login_required
def import_start(request):
    _require_noivu(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], user=request.user
        )
        _dispatch(job)
        return redirect("import_job", pk=job.pk)
    jobs = Paginator(ImportJob.objects.select_related("created_by"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "indicators/imports/start.html",
        {
            "form": form,
            "jobs": jobs,
            "kinds": [(k, KIND_LABELS.get(k, k), VALIDATORS[k].columns) for k in KINDS],
            "units": import_units(today=timezone.localdate()).only("code", "name", "kind"),
            "fields": import_fields(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def import_job(request, pk):
    """The progress page of a job; once it has finished, its preview or result."""
    job = _job(request, pk)
    if _finished(job):
        return redirect("import_preview", pk=job.pk)
    return render(request, "indicators/imports/job.html", {"job": job})


@login_required
def import_job_progress(request, pk):
    """htmx fragment polled by the progress page."""
    job = _job(request, pk)
    if _finished(job):
        response = HttpResponse("")
        response["HX-Redirect"] = reverse("import_preview", args=[job.pk])
        return response
    return render(request, "indicators/imports/partials/progress.html", {"job": job})


@login_required
def import_preview(request, pk):
    """Counts, the file's first rows and every row error; a button to write if the file is good."""
    job = _job(request, pk)
    if not _finished(job):
        return redirect("import_job", pk=job.pk)
    errors_by_line: dict[int, list[str]] = {}
    for error in job.errors:
        errors_by_line.setdefault(error["line"], []).append(error["message"])
    rows = [
        (line, values, errors_by_line.get(line, []))
        for line, values in file_preview(kind=job.kind, source=job.file.path)
    ]
    errors = Paginator(job.errors, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "indicators/imports/preview.html",
        {
            "job": job,
            "kind_label": KIND_LABELS.get(job.kind, job.kind),
            "columns": [
                (c, column_spec(kind=job.kind, code=c).label) for c in VALIDATORS[job.kind].columns
            ],
            "rows": rows,
            "errors": errors,
        },
    )


@login_required
@require_POST
def import_confirm(request, pk):
    job = _job(request, pk)
    if import_job_confirm(job=job):
        job.refresh_from_db()
        _dispatch(job)
    return redirect("import_job", pk=job.pk)


@login_required
def export_data(request, kind, fmt):
    if not request.user.sees_all_units or kind not in KINDS or fmt not in ("csv", "xlsx"):
        raise Http404
    rows = export_count(kind)
    if export_in_background(rows=rows):
        job = export_job_start(kind=kind, fmt=fmt, user=request.user, rows_total=rows)
        return redirect("export_job", pk=job.pk)
    return export_download(kind=kind, fmt=fmt)


def export_download(*, kind: str, fmt: str):
    """The export of a kind as a download (CSV streamed, XLSX from a temporary file); also the
    admin's units export."""
    filename = f"{kind}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(kind), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    target = tempfile.TemporaryFile()
    write_xlsx(kind, target)
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
