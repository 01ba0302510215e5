"""Administrators' plan files in the browser: download, upload with a preview, a new year."""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.targets.forms import PlanRollForm, PlanWorkbookForm
from indicators.targets.plan_import import plan_import
from indicators.targets.rollover import plan_roll, rolled_code
from indicators.targets.workbook import PlanFileError, plan_sheets, sheets_workbook, workbook_read
from plans.models import Plan
from plans.selectors import plan_get

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "plan_workbook_upload"


def _require_administrator(request) -> None:
    if not request.user.is_administrator:
        raise Http404


def _upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "plan-imports"


def _stored_upload(request) -> Path | None:
    """The workbook this user uploaded for the preview they are confirming."""
    token = request.session.get(SESSION_KEY, "")
    path = _upload_dir() / f"{token}.xlsx"
    return path if token and path.is_file() else None


def _store_upload(request, upload) -> Path:
    _upload_dir().mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    path = _upload_dir() / f"{token}.xlsx"
    with open(path, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    request.session[SESSION_KEY] = token
    return path


def _read_and_check(path: Path, *, dry_run: bool):
    try:
        return plan_import(sheets=workbook_read(path), dry_run=dry_run), []
    except PlanFileError as exc:
        return None, exc.errors


@login_required
def plan_files(request):
    """Every plan with its workbook and roll-over; the upload form and, after it, the preview."""
    _require_administrator(request)
    form = PlanWorkbookForm(request.POST or None, request.FILES or None)
    result, file_errors = None, []
    if request.method == "POST" and form.is_valid():
        path = _store_upload(request, form.cleaned_data["file"])
        result, file_errors = _read_and_check(path, dry_run=True)
    return render(
        request,
        "plans/plan_files.html",
        {
            "plans": Plan.objects.select_related("scope").order_by("-year", "code"),
            "form": form,
            "result": result,
            "errors": file_errors or (result.errors if result else []),
        },
        status=400 if form.errors or file_errors or (result and result.errors) else 200,
    )


@login_required
@require_POST
def plan_files_confirm(request):
    _require_administrator(request)
    path = _stored_upload(request)
    if path is None:
        messages.error(request, _("Không còn tệp để ghi; hãy tải tệp lên lại."))
        return redirect("plan_files")
    result, file_errors = _read_and_check(path, dry_run=False)
    path.unlink(missing_ok=True)
    request.session.pop(SESSION_KEY, None)
    if file_errors or result.errors:
        messages.error(request, _("Tệp bị từ chối, không ghi gì; hãy tải lên lại để xem lỗi."))
        return redirect("plan_files")
    messages.success(request, result.summary())
    return redirect("plan_detail", code=result.code)


@login_required
def plan_file_download(request, code):
    _require_administrator(request)
    plan = plan_get(code=code)
    response = HttpResponse(sheets_workbook(plan_sheets(plan=plan)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{plan.code}.xlsx"'
    return response


@login_required
def plan_roll_page(request, code):
    """ "Tạo kế hoạch năm mới": the form, then a preview of the new plan, then the confirmation."""
    _require_administrator(request)
    plan = plan_get(code=code)
    initial = {"year": plan.year + 1, "code": rolled_code(plan=plan, year=plan.year + 1)}
    form = PlanRollForm(request.POST or None, initial=initial)
    result = None
    if request.method == "POST" and form.is_valid():
        confirm = request.POST.get("action") == "confirm"
        result = plan_roll(
            plan=plan,
            year=form.cleaned_data["year"],
            code=form.cleaned_data["code"],
            dry_run=not confirm,
        )
        if confirm and not result.errors:
            if result.changed:
                messages.success(request, result.summary())
            else:
                messages.info(request, _("Kế hoạch %(code)s đã có.") % {"code": result.code})
            return redirect("plan_detail", code=result.code)
    return render(
        request,
        "plans/plan_roll.html",
        {"plan": plan, "form": form, "result": result},
        status=400 if form.errors or (result and result.errors) else 200,
    )
