"""Inspection pages (plan I.2.1, V.2). Thin: selectors read, services write.

Access: Phòng Nội vụ (and admins) do everything; leaders read everything and change nothing (403
on writes); a unit head sees their own unit's done inspections and actions (404 elsewhere, and
404 on the district-wide planning, coverage and proposal pages); anonymous users go to login.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.dates import as_of_from_request
from common.downloads import protected_file_response
from common.forms import form_errors_apply
from inspections import selectors, services
from inspections.access import require_noivu
from inspections.filters import InspectionFilter
from inspections.forms import (
    ActionCloseForm,
    ActionForm,
    FindingFormSet,
    InspectionForm,
)
from inspections.models import Finding, Inspection, RecognitionProposal
from plans.selectors import as_of_default, plan_current, plan_get

PAGE_SIZE = 25


def _as_of(request):
    """The day the pages judge corrective actions on: `?as_of=`, else the one every page with
    statuses starts from (`as_of_default`)."""
    return as_of_from_request(request, default=as_of_default())


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- list, record -----------------------------------------------------------------------------


@login_required
def inspection_list(request):
    queryset = selectors.inspections_listed(user=request.user)
    filterset = InspectionFilter(request.GET or None, queryset=queryset)
    return render(
        request,
        "inspections/list.html",
        {
            "filter": filterset,
            "page": _page(request, filterset.qs),
            "plan": plan_current(),
        },
    )


def _record(request, inspection: Inspection | None):
    plan = plan_current()
    form = InspectionForm(request.POST or None, request.FILES or None, instance=inspection)
    formset = FindingFormSet(request.POST or None, instance=inspection, prefix="findings")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = services.inspection_record(
                inspection=form.save(commit=False), findings_formset=formset, plan=plan
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, _("Đã lưu cuộc kiểm tra %(code)s.") % {"code": saved.code})
            return redirect("inspections:detail", pk=saved.pk)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "formset": formset, "inspection": inspection},
    )


@login_required
def inspection_create(request):
    require_noivu(request.user)
    return _record(request, None)


@login_required
def inspection_edit(request, pk):
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    require_noivu(request.user)
    return _record(request, inspection)


def _detail_context(request, inspection, *, bound=None):
    findings = list(selectors.inspection_findings(inspection=inspection))
    forms = {}
    if request.user.is_noivu:
        for finding in findings:
            if bound and bound[0] == finding.pk:
                forms[finding.pk] = bound[1]
            else:
                forms[finding.pk] = ActionForm(
                    prefix=f"f{finding.pk}", initial={"unit": inspection.unit_id}
                )
    return {
        "inspection": inspection,
        "findings": [(f, forms.get(f.pk)) for f in findings],
        "as_of": _as_of(request),
    }


@login_required
def inspection_detail(request, pk):
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    return render(request, "inspections/detail.html", _detail_context(request, inspection))


@login_required
def inspection_minutes(request, pk):
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    return protected_file_response(
        file=inspection.minutes,
        filename=f"bien-ban-{inspection.code}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def action_add(request, finding_id):
    finding = get_object_or_404(
        Finding.objects.select_related("inspection__unit"),
        pk=finding_id,
        inspection__in=selectors.inspections_visible_to(user=request.user),
    )
    require_noivu(request.user)
    form = ActionForm(request.POST, prefix=f"f{finding.pk}")
    if form.is_valid():
        try:
            services.corrective_action_add(finding=finding, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Đã thêm biện pháp khắc phục."))
                return redirect("inspections:detail", pk=finding.inspection_id)
            form = ActionForm(prefix=f"f{finding.pk}", initial={"unit": finding.inspection.unit_id})
    if request.htmx:
        finding = selectors.inspection_findings(inspection=finding.inspection).get(pk=finding.pk)
        return render(
            request,
            "inspections/partials/finding.html",
            {
                "finding": finding,
                "action_form": form,
                "inspection": finding.inspection,
                "as_of": _as_of(request),
            },
        )
    context = _detail_context(request, finding.inspection, bound=(finding.pk, form))
    return render(request, "inspections/detail.html", context)


# --- follow-up --------------------------------------------------------------------------------


@login_required
def my_actions(request):
    status = request.GET.get("status", "open")
    actions = selectors.actions_visible_to(user=request.user).order_by("due_on", "pk")
    if status in ("open", "closed"):
        actions = actions.filter(status=status)
    return render(
        request,
        "inspections/my_actions.html",
        {"page": _page(request, actions), "status": status, "as_of": _as_of(request)},
    )


@login_required
def action_close(request, pk):
    action = selectors.action_get(user=request.user, pk=pk)
    if not request.user.can_edit_unit(action.unit):
        raise PermissionDenied(_("Bạn chỉ có quyền xem."))
    form = ActionCloseForm(request.POST or None, request.FILES or None)
    if action.status == action.Status.CLOSED:
        messages.info(request, _("Biện pháp này đã được đóng."))
        return redirect("inspections:my_actions")
    if request.method == "POST" and form.is_valid():
        try:
            services.corrective_action_close(action=action, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, _("Đã ghi nhận hoàn thành khắc phục."))
            return redirect("inspections:my_actions")
    return render(request, "inspections/action_close.html", {"action": action, "form": form})


@login_required
def action_evidence(request, pk):
    action = selectors.action_get(user=request.user, pk=pk)
    return protected_file_response(file=action.evidence_file)


@login_required
def planned_remove(request, pk):
    inspection = get_object_or_404(
        selectors.inspections_visible_to(user=request.user),
        pk=pk,
        status=Inspection.Status.PLANNED,
    )
    require_noivu(request.user)
    plan = inspection.plan or plan_current()
    back = (
        reverse("inspections:planning", args=[plan.code]) if plan else reverse("inspections:list")
    )
    if request.method == "POST":
        services.inspection_planned_remove(inspection=inspection)
        messages.success(request, _("Đã xoá cuộc kiểm tra dự kiến."))
        return redirect(back)
    return render(
        request,
        "inspections/confirm_delete.html",
        {
            "object": inspection,
            "question": _("Xoá cuộc kiểm tra dự kiến %(unit)s ngày %(date)s khỏi kế hoạch?")
            % {"unit": inspection.unit.name, "date": inspection.date.strftime("%d/%m/%Y")},
            "cancel": back,
        },
    )


@login_required
def proposal_remove(request, plan_code, pk):
    selectors.require_sees_all(request.user)
    plan = plan_get(code=plan_code)
    proposal = get_object_or_404(RecognitionProposal, plan=plan, pk=pk)
    require_noivu(request.user)
    if request.method == "POST":
        services.proposal_remove(proposal=proposal)
        messages.success(request, _("Đã xoá đề xuất."))
        return redirect("inspections:proposals", plan_code=plan.code)
    return render(
        request,
        "inspections/confirm_delete.html",
        {
            "object": proposal,
            "question": _("Xoá đề xuất %(kind)s %(unit)s?")
            % {"kind": proposal.get_kind_display(), "unit": proposal.unit.name},
            "cancel": reverse("inspections:proposals", args=[plan.code]),
        },
    )


@login_required
def proposals_export(request, plan_code, fmt):
    selectors.require_sees_all(request.user)
    plan = plan_get(code=plan_code)
    if fmt not in ("csv", "xlsx"):
        raise Http404

    def evidence_url(proposal):
        if proposal.inspection_id:
            url = reverse("inspections:detail", args=[proposal.inspection_id])
            return f"{proposal.inspection.code} {request.build_absolute_uri(url)}"
        return proposal.evidence_link

    rows = services.proposal_rows(
        proposals=selectors.proposals_for(plan=plan), evidence_url=evidence_url
    )
    filename = f"de-xuat-{plan.code}"
    if fmt == "csv":
        response = HttpResponse(
            services.proposals_csv(rows=rows), content_type="text/csv; charset=utf-8"
        )
    else:
        title = _("Đề xuất khen thưởng, phê bình – %(plan)s") % {"plan": plan.code}
        response = HttpResponse(
            services.proposals_xlsx(rows=rows, title=title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
