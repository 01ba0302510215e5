"""The quarterly report: the unit's draft, submission, review by Phòng Nội vụ and the list.

Reading a report writes nothing: before anything is saved the page shows an unsaved draft, and
the services create the report on the first save of figures or evidence (or on submission).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.dates import as_of_from_request
from common.forms import form_errors_apply
from common.official_document import DOCX
from indicators.reports import selectors as sel
from indicators.reports import services as reports
from indicators.reports.document import report_document_docx
from indicators.reports.forms import (
    EvidenceForm,
    FigureForm,
    FigureFormSet,
    ReopenForm,
    ReportForm,
    ReturnForm,
)
from indicators.reports.models import QuarterlyReport
from indicators.reports.views.access import check_can_write, plan_or_404, unit_or_404
from plans.periods import Period
from plans.selectors import as_of_default
from plans.statuses import report_status

# --- helpers ----------------------------------------------------------------------------------


def _quarter(plan, period):
    quarter = sel.plan_quarter(plan=plan, text=period)
    if quarter is None:
        raise Http404
    return quarter


def _report_context(request, unit_code, period):
    plan = plan_or_404()
    unit = unit_or_404(request, unit_code)
    quarter = _quarter(plan, period)
    return plan, unit, quarter, sel.report_for(plan=plan, unit=unit, period=quarter)


def _figure_formset(rows, data=None):
    initial = [row.values for row in rows]
    formset = FigureFormSet(data, initial=initial, prefix="figures")
    if data is not None and formset.is_bound:
        total = (
            formset.management_form.cleaned_data.get("TOTAL_FORMS")
            if (formset.management_form.is_valid())
            else None
        )
        if total != len(rows):
            formset = FigureFormSet(initial=initial, prefix="figures")
    for form, row in zip(formset.forms, rows, strict=False):
        if row.from_dossiers:
            form.lock_dossier_counts()
    return formset


def _later_status(report, status: str) -> str:
    """The report's review stage when it moved on after the page's day (submitted, approved or
    returned later than that), shown beside the status as of the day; blank otherwise."""
    if report.pk is None or report.status in (QuarterlyReport.Status.DRAFT, status):
        return ""
    return report.status


def _render_report(request, plan, unit, quarter, report, status=200, **overrides):
    user = request.user
    rows = sel.report_figure_rows(report=report, period=quarter)
    can_edit = user.can_edit_unit(unit) and report.status in reports.EDITABLE
    publication = sel.report_publication(unit=unit, period=quarter)
    due_on = plan.report_due_on(quarter)
    as_of = as_of_from_request(request, default=as_of_default(plan=plan))
    as_of_status = report_status(report, as_of=as_of, due_on=due_on)
    context = {
        "plan": plan,
        "unit": unit,
        "quarter": quarter,
        "report": report,
        "due_on": due_on,
        "as_of": as_of,
        "status": as_of_status,
        "later_status": _later_status(report, as_of_status),
        "can_edit": can_edit,
        "can_review": user.is_noivu and report.status == QuarterlyReport.Status.SUBMITTED,
        "can_reopen": user.is_noivu and report.status == QuarterlyReport.Status.APPROVED,
        "publication": publication,
        "evidence": sel.report_evidence(unit=unit, period=quarter),
        "history": Paginator(sel.report_history(report=report), 50).get_page(
            request.GET.get("history_page")
        ),
    }
    if can_edit:
        context["formset"] = overrides.pop("formset", None) or _figure_formset(rows)
        context["form"] = overrides.pop("form", None) or ReportForm(
            period=quarter,
            initial={
                "feedback_received": report.feedback_received,
                "feedback_handled": report.feedback_handled,
                "note": report.note,
                "publication_url": publication.url if publication else report.publication_url,
                "published_on": publication.published_on if publication else None,
            },
        )
        context["evidence_forms"] = {
            kind: overrides.pop(f"{kind}_form", None) or EvidenceForm(period=quarter, prefix=kind)
            for kind in reports.EVIDENCE_MODELS
        }
        context["figure_rows"] = [
            (row, form, None) for row, form in zip(rows, context["formset"].forms, strict=False)
        ]
    else:
        labels = [FigureForm.base_fields[key].label for key in sel.FIGURE_KEYS]
        context["figure_rows"] = [
            (row, None, list(zip(labels, row.cells, strict=True))) for row in rows
        ]
    if context["can_review"]:
        context["return_form"] = overrides.pop("return_form", None) or ReturnForm()
    if context["can_reopen"]:
        context["reopen_form"] = overrides.pop("reopen_form", None) or ReopenForm()
    return render(request, "indicators/reports/report_detail.html", context, status=status)


def _back_to_report(report):
    return redirect("report_detail", unit_code=report.unit.code, period=report.period)


# --- the quarterly report ---------------------------------------------------------------------


@login_required
def report_detail(request, unit_code, period):
    plan, unit, quarter, report = _report_context(request, unit_code, period)
    if request.method != "POST":
        return _render_report(request, plan, unit, quarter, report)
    check_can_write(request, unit)
    if report.status not in reports.EDITABLE:
        messages.error(request, _("Báo cáo đã nộp hoặc đã duyệt, không thể sửa."))
        return _back_to_report(report)
    rows = sel.report_figure_rows(report=report, period=quarter)
    formset = _figure_formset(rows, request.POST)
    form = ReportForm(request.POST, period=quarter)
    if form.is_valid() and formset.is_valid():
        figures = [
            {"field": row.field, **f.cleaned_data}
            for row, f in zip(rows, formset.forms, strict=False)
        ]
        try:
            report = reports.report_save_figures(
                report=report, user=request.user, figures=figures, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, _("Đã lưu báo cáo (bản nháp)."))
            return _back_to_report(report)
    else:
        messages.error(request, _("Báo cáo chưa được lưu: vui lòng sửa các ô báo lỗi."))
    return _render_report(request, plan, unit, quarter, report, formset=formset, form=form)


@login_required
def report_docx(request, unit_code, period):
    """The report as a Word document to sign (Nghị định 30/2020 layout); reading it writes
    nothing."""
    plan, unit, quarter, report = _report_context(request, unit_code, period)
    response = HttpResponse(report_document_docx(report=report, period=quarter), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"bao-cao-{unit.code.lower()}-{quarter.code}.docx"
    )
    return response


@login_required
@require_POST
def report_evidence_add(request, unit_code, period, kind):
    plan, unit, quarter, report = _report_context(request, unit_code, period)
    if kind not in reports.EVIDENCE_MODELS:
        raise Http404
    check_can_write(request, unit)
    form = EvidenceForm(request.POST, request.FILES, period=quarter, prefix=kind)
    if form.is_valid():
        try:
            reports.report_add_evidence(
                report=report, user=request.user, kind=kind, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, _("Đã thêm minh chứng."))
            return _back_to_report(report)
    return _render_report(request, plan, unit, quarter, report, **{f"{kind}_form": form})


@login_required
def report_submit(request, unit_code, period):
    """GET: the confirmation step (works without JavaScript); POST: submit."""
    plan, unit, quarter, report = _report_context(request, unit_code, period)
    check_can_write(request, unit)
    if report.status not in reports.EDITABLE:
        messages.error(request, _("Báo cáo đã nộp hoặc đã duyệt."))
        return _back_to_report(report)
    if request.method != "POST":
        rows = sel.report_figure_rows(report=report, period=quarter)
        return render(
            request,
            "indicators/reports/report_submit_confirm.html",
            {"plan": plan, "unit": unit, "quarter": quarter, "report": report, "rows": rows},
        )
    try:
        report = reports.report_submit(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã nộp báo cáo %(q)s.") % {"q": quarter.label})
    return _back_to_report(report)


def _review_context(request, unit_code, period):
    plan, unit, quarter, report = _report_context(request, unit_code, period)
    if not request.user.is_noivu:
        raise PermissionDenied
    if report.pk is None:
        raise Http404
    return plan, unit, quarter, report


def _review_with_reason(request, unit_code, period, *, form_class, service, done, form_name):
    """Return or reopen: a reason is required; a rejected form is shown again on the report."""
    plan, unit, quarter, report = _review_context(request, unit_code, period)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(report=report, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, done)
            return _back_to_report(report)
    return _render_report(request, plan, unit, quarter, report, **{form_name: form})


@login_required
@require_POST
def report_return(request, unit_code, period):
    return _review_with_reason(
        request,
        unit_code,
        period,
        form_class=ReturnForm,
        service=reports.report_return,
        done=_("Đã trả lại báo cáo cho đơn vị."),
        form_name="return_form",
    )


@login_required
@require_POST
def report_approve(request, unit_code, period):
    plan, unit, quarter, report = _review_context(request, unit_code, period)
    try:
        reports.report_approve(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã duyệt báo cáo."))
    return _back_to_report(report)


@login_required
@require_POST
def report_reopen(request, unit_code, period):
    return _review_with_reason(
        request,
        unit_code,
        period,
        form_class=ReopenForm,
        service=reports.report_reopen,
        done=_("Đã mở lại báo cáo."),
        form_name="reopen_form",
    )


@login_required
@require_POST
def report_publish(request, unit_code, period):
    plan, unit, quarter, report = _review_context(request, unit_code, period)
    published = request.POST.get("published") == "1"
    try:
        reports.report_publish(report=report, user=request.user, published=published)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Đã công khai số liệu.") if published else _("Đã thôi công khai số liệu.")
        )
    return _back_to_report(report)


# --- the review list --------------------------------------------------------------------------

# The status filter's explicit "Tất cả"; with no status asked the list is the review queue.
STATUS_ALL = "all"


def _status_filter(value: str) -> tuple[str, str]:
    """(the filter's selected choice, the status to filter on: empty for every status)."""
    if value == STATUS_ALL:
        return STATUS_ALL, ""
    if value not in QuarterlyReport.Status.values:
        value = QuarterlyReport.Status.SUBMITTED
    return value, value


def _no_link_labels(reports) -> list[str]:
    return [
        f"{r.unit.code} {Period.parse(r.period).label}"
        for r in reports
        if r.status == QuarterlyReport.Status.SUBMITTED and not r.has_publication
    ]


@login_required
def report_list(request):
    if not request.user.sees_all_units:
        raise Http404
    plan = plan_or_404()
    period = request.GET.get("period", "")
    if period and sel.plan_quarter(plan=plan, text=period) is None:
        period = ""
    choice, status = _status_filter(request.GET.get("status", ""))
    page = Paginator(sel.reports_for_review(plan=plan, period=period, status=status), 25).get_page(
        request.GET.get("page")
    )
    can_approve = request.user.is_noivu and any(
        r.status == QuarterlyReport.Status.SUBMITTED for r in page
    )
    return render(
        request,
        "indicators/reports/report_list.html",
        {
            "plan": plan,
            "page": page,
            "counts": sel.report_counts(plan=plan),
            "period": period,
            "status": choice,
            "status_all": STATUS_ALL,
            "statuses": QuarterlyReport.Status.choices,
            "can_approve": can_approve,
            "no_link": _no_link_labels(page) if can_approve else [],
        },
    )


def _report_ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 12]


def _approved_message(result) -> str:
    message = ngettext("Đã duyệt %(n)s báo cáo", "Đã duyệt %(n)s báo cáo", len(result.approved)) % {
        "n": len(result.approved)
    }
    if not result.skipped:
        return message + "."
    reasons = "; ".join(
        f"{r.unit.code} {Period.parse(r.period).label} ({reason})" for r, reason in result.skipped
    )
    return (
        message
        + "; "
        + ngettext("%(n)s bỏ qua: %(reasons)s", "%(n)s bỏ qua: %(reasons)s", len(result.skipped))
        % {"n": len(result.skipped), "reasons": reasons}
    )


@login_required
@require_POST
def report_approve_many(request):
    """The review queue's bulk action: approve the checked reports, each as `report_approve`."""
    if not request.user.is_noivu:
        raise PermissionDenied
    plan = plan_or_404()
    back = redirect(f"{reverse('report_list')}?{request.GET.urlencode()}")
    ids = _report_ids(request.POST.getlist("report"))
    if not ids:
        messages.error(request, _("Chưa chọn báo cáo nào để duyệt."))
        return back
    result = reports.reports_approve_many(
        reports=sel.reports_by_ids(plan=plan, ids=ids), user=request.user
    )
    (messages.warning if result.skipped else messages.success)(request, _approved_message(result))
    return back
