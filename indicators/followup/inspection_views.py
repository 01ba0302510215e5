"""Inspection planning with its projected coverage, the coverage page and the proposals page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import as_of_from_request
from common.forms import form_errors_apply
from indicators.compliance.services import results_request
from indicators.followup import inspection_coverage as covered
from indicators.followup.proposals import proposal_candidates
from inspections import selectors, services
from inspections.access import require_noivu
from inspections.forms import (
    PlanAddForm,
    ProposalForm,
)
from inspections.models import Inspection
from plans.periods import Period
from plans.selectors import plan_get

PAGE_SIZE = 25


# --- planning ---------------------------------------------------------------------------------


def _by_group(units_by_kind):
    return [(kind, label, units_by_kind[kind]) for kind, label in covered.GROUPS]


def _default_quarter(plan) -> int:
    today = timezone.localdate()
    return Period.quarter_of(today).quarter if today.year == plan.year else 1


def _planning_context(plan, form):
    return {
        "plan": plan,
        "form": form,
        "projection": covered.inspection_projection(plan=plan),
        "suggestions": _by_group(covered.units_to_suggest(plan=plan)),
        "planned": selectors.planned_inspections(plan=plan),
        "default_quarter": form["quarter"].value() or _default_quarter(plan),
    }


@login_required
def planning(request, plan_code):
    selectors.require_sees_all(request.user)
    plan = plan_get(code=plan_code)
    form = PlanAddForm(
        request.POST or None,
        initial={"kind": Inspection.Kind.CCHC_PERIODIC, "quarter": _default_quarter(plan)},
    )
    if request.method == "POST":
        require_noivu(request.user)
        if form.is_valid():
            try:
                inspection = services.inspection_plan_add(plan=plan, **form.cleaned_data)
            except ValidationError as error:
                form_errors_apply(form, error)
            else:
                messages.success(
                    request,
                    _("Đã thêm %(unit)s vào kế hoạch kiểm tra.") % {"unit": inspection.unit.name},
                )
                if not request.htmx:
                    return redirect("inspections:planning", plan_code=plan.code)
                form = PlanAddForm(
                    initial={
                        "kind": inspection.kind,
                        "quarter": Period.quarter_of(inspection.date).quarter,
                    }
                )
    context = _planning_context(plan, form)
    template = (
        "inspections/partials/planning_panel.html" if request.htmx else "inspections/planning.html"
    )
    return render(request, template, context)


# --- coverage ---------------------------------------------------------------------------------


@login_required
def coverage(request, plan_code):
    selectors.require_sees_all(request.user)
    plan = plan_get(code=plan_code)
    as_of = as_of_from_request(request, default=plan.default_as_of())
    results_ready = results_request(plan=plan, as_of=as_of)
    return render(
        request,
        "inspections/coverage.html",
        {
            "plan": plan,
            "as_of": as_of,
            "results_ready": results_ready,
            "coverage": covered.inspection_coverage(plan=plan, as_of=as_of),
            "not_covered": _by_group(covered.units_not_covered(plan=plan, as_of=as_of)),
            "calendar": selectors.inspection_calendar(plan=plan),
        },
    )


# --- proposals (plan V.2.5) -------------------------------------------------------------------


@login_required
def proposals(request, plan_code):
    """The one V.2.5 page: the candidates as of a date with their reasons, and the proposals
    Phòng Nội vụ records from them (exported as XLSX or CSV)."""
    selectors.require_sees_all(request.user)
    plan = plan_get(code=plan_code)
    form = ProposalForm(request.POST or None, plan=plan)
    if request.method == "POST":
        require_noivu(request.user)
        if form.is_valid():
            try:
                services.proposal_add(plan=plan, **form.cleaned_data)
            except ValidationError as error:
                form_errors_apply(form, error)
            else:
                messages.success(request, _("Đã thêm đề xuất."))
                return redirect(request.get_full_path())
    as_of = as_of_from_request(request, default=plan.default_as_of())
    return render(
        request,
        "inspections/proposals.html",
        {
            "plan": plan,
            "results_ready": results_request(plan=plan, as_of=as_of),
            "form": form,
            "proposals": selectors.proposals_for(plan=plan),
            "candidates": proposal_candidates(plan=plan, as_of=as_of),
            "as_of": as_of,
        },
    )
