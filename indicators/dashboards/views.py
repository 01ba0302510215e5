"""Staff dashboard, the evidence behind each figure, and a unit head's home page."""

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from common.dates import as_of_from_request, as_of_parse
from indicators.compliance.models import ComplianceResult
from indicators.compliance.results_cache import results_cached
from indicators.compliance.selectors import (
    results_computed_at,
    results_recomputing,
    results_updating,
)
from indicators.compliance.services import results_recompute_ask, results_request
from indicators.dashboards.evidence import EVIDENCE_PAGE_SIZE
from indicators.dashboards.evidence import cell_evidence as evidence_of
from indicators.dashboards.matrix import compliance_matrix
from indicators.dashboards.summary import dashboard_summary
from indicators.dashboards.trends import online_baseline, trend_series, trend_target
from indicators.dashboards.unit_home import unit_todo
from indicators.targets.models import ProcedureField, Target
from plans.models import Reminder
from plans.periods import Period
from plans.selectors import as_of_default, plan_current, plan_get
from units.models import Unit
from units.selectors import units_in_scope

PENDING_TEMPLATE = "indicators/dashboard/partials/results_pending.html"
MATRIX_TEMPLATE = "indicators/dashboard/partials/matrix.html"
UPDATING_TEMPLATE = "indicators/dashboard/partials/results_updating.html"


def staff_only(view):
    """Phòng Nội vụ and district leaders; a unit head goes to their own home, others 404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.sees_all_units:
            return view(request, *args, **kwargs)
        if user.is_unit_head:
            return redirect("unit_home")
        raise Http404

    return wrapper


def parse_as_of(value: str | None, *, plan) -> tuple[dt.date, str | None]:
    """The as-of date from the query string, and an error message when it was not a date."""
    return as_of_parse(value, default=plan.default_as_of())


def _lookup(model, code):
    if not code:
        return None
    return model.objects.filter(code=code).first()


def current_plan_redirect(name):
    """A view sending the user to page `name` of the current plan."""

    @staff_only
    def view(request):
        plan = plan_current()
        if plan is None:
            return render(request, "plans/no_plan.html")
        return redirect(name, plan_code=plan.code)

    return view


dashboard_current = current_plan_redirect("dashboard")


@staff_only
def dashboard(request, plan_code):
    plan = plan_get(code=plan_code)
    as_of, as_of_error = parse_as_of(request.GET.get("as_of"), plan=plan)
    context = {
        "plan": plan,
        "as_of": as_of,
        "computed_at": results_cached(
            plan_id=plan.pk,
            part=f"computed_at:{as_of}",
            compute=lambda: results_computed_at(plan=plan, as_of=as_of) or False,
        )
        or None,
    }
    # The matrix as HTML, kept until the next recompute: its hundreds of cells are most of the
    # page's rendering time. It carries nothing of the user; its links keep the query string.
    matrix_html = results_cached(
        plan_id=plan.pk,
        part=f"matrix:{as_of}:{_query_key(request)}",
        compute=lambda: render_to_string(
            MATRIX_TEMPLATE,
            {
                **context,
                "matrix": compliance_matrix(
                    plan=plan,
                    as_of=as_of,
                    unit_kind=request.GET.get("kind") or None,
                    period=request.GET.get("period") or None,
                    page=request.GET.get("page") or 1,
                ),
            },
            request=request,
        ),
    )
    if (
        request.htmx
        and not request.htmx.history_restore_request
        and request.GET.get("partial") == "matrix"
    ):
        response = HttpResponse(matrix_html)
        patch_vary_headers(response, ("HX-Request",))
        return response
    # What the page reads from the stored results is kept until the next recompute stores new
    # ones (`indicators.compliance.results_cache`); a page with no results yet is never kept.
    results_ready = _cached_true(
        plan, f"ready:{as_of}", lambda: results_request(plan=plan, as_of=as_of)
    )
    summary = results_cached(
        plan_id=plan.pk,
        part=f"summary:{as_of}",
        compute=lambda: dashboard_summary(plan=plan, as_of=as_of),
    )
    unit_code = (request.GET.get("unit") or "").strip()
    unit = _lookup(Unit, unit_code)
    field = _lookup(ProcedureField, request.GET.get("field"))
    trend_error = (
        _("Không có đơn vị “%(code)s”; đang hiển thị toàn quận.") % {"code": unit_code}
        if unit_code and unit is None
        else None
    )
    sat, ontime = results_cached(
        plan_id=plan.pk,
        part=f"trends:{as_of}:{unit.pk if unit else ''}:{field.pk if field else ''}",
        compute=lambda: _trends(plan=plan, as_of=as_of, unit=unit, field=field),
    )
    context.update(
        matrix_html=mark_safe(matrix_html),  # rendered by the template engine above
        summary=summary,
        results_ready=results_ready,
        recomputing=results_ready and results_recomputing(plan=plan, as_of=as_of),
        can_recompute=request.user.is_noivu,
        as_of_error=as_of_error,
        chart={
            "labels": [p["label"] for p in sat],
            "satisfaction": [float(p["value"]) if p["value"] is not None else None for p in sat],
            "ontime": [float(p["value"]) if p["value"] is not None else None for p in ontime],
            "sat_threshold": float(sat[0]["threshold"]) if sat else None,
            "ontime_threshold": float(ontime[0]["threshold"]) if ontime else None,
        },
        trend={"satisfaction": sat, "ontime": ontime},
        baseline=online_baseline(plan=plan, as_of=as_of, unit=unit),
        chosen_unit=unit,
        unit_code=unit_code,
        trend_error=trend_error,
        chosen_field=field,
        units=results_cached(
            plan_id=plan.pk,
            part=f"units:{as_of}",
            compute=lambda: list(
                units_in_scope(scope=plan.scope, on=as_of).values("code", "name")[:500]
            ),
        ),
        fields=ProcedureField.objects.all(),
    )
    response = render(request, "indicators/dashboard/dashboard.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _query_key(request) -> str:
    """The query string in a stable order (a cache key part)."""
    return "&".join(f"{k}={v}" for k, v in sorted(request.GET.lists()))


def _trends(*, plan, as_of, unit, field) -> tuple[list, list]:
    """The satisfaction and on-time series of the trend chart."""
    per_field = field is not None
    return tuple(
        trend_series(
            plan=plan,
            as_of=as_of,
            target=trend_target(plan=plan, rule=rule, per_field=per_field),
            unit=unit,
            field=field,
        )
        for rule in (Target.Rule.SATISFACTION, Target.Rule.ONTIME)
    )


def _cached_true(plan, part: str, compute) -> bool:
    """A yes kept until the next recompute; a no is asked again at every request."""
    return bool(results_cached(plan_id=plan.pk, part=part, compute=lambda: compute() or None))


@require_POST
@login_required
def dashboard_recompute(request, plan_code):
    """The "Tính lại" button: queue a recompute (never run it here), then back to the dashboard,
    which shows "đang tính" and polls until the new figures are stored. Phòng Nội vụ only."""
    plan = plan_get(code=plan_code)
    if not request.user.is_noivu:
        raise PermissionDenied
    as_of = parse_as_of(request.POST.get("as_of"), plan=plan)[0]
    results_recompute_ask(plan=plan, as_of=as_of, user=request.user)
    messages.success(
        request,
        _("Đã yêu cầu tính lại số liệu đến ngày %(date)s; trang sẽ tự cập nhật khi tính xong.")
        % {"date": f"{as_of:%d/%m/%Y}"},
    )
    return redirect(f"{reverse('dashboard', args=[plan.code])}?as_of={as_of:%Y-%m-%d}")


@staff_only
def cell_evidence(request, plan_code):
    plan = plan_get(code=plan_code)
    as_of, error = parse_as_of(request.GET.get("as_of"), plan=plan)
    params = {k: (request.GET.get(k) or "").strip() for k in ("target", "unit", "field", "period")}
    target = plan.targets.filter(code=params["target"]).first()
    unit = _lookup(Unit, params["unit"])
    field = _lookup(ProcedureField, params["field"])
    try:
        period = Period.parse(params["period"] or str(plan.year))
    except ValueError:
        period = None
    if error is None:
        if target is None:
            error = _("Không có chỉ tiêu “%(code)s” trong kế hoạch.") % {"code": params["target"]}
        elif params["unit"] and unit is None:
            error = _("Không có đơn vị “%(code)s”.") % {"code": params["unit"]}
        elif params["field"] and field is None:
            error = _("Không có lĩnh vực “%(code)s”.") % {"code": params["field"]}
        elif period is None:
            error = _("Kỳ “%(value)s” không hợp lệ (cần dạng 2021 hoặc 2021-Q1).") % {
                "value": params["period"]
            }
    context = {"plan": plan, "as_of": as_of, "params": params, "error": error}
    if error:
        return render(request, "indicators/dashboard/evidence.html", context, status=400)
    evidence = evidence_of(
        plan=plan, as_of=as_of, target=target, unit=unit, field=field, period=period
    )
    page_obj = Paginator(evidence["records"], EVIDENCE_PAGE_SIZE).get_page(
        request.GET.get("page") or 1
    )
    context.update(
        target=target,
        unit=unit,
        field=field,
        period=period,
        evidence=evidence,
        results=list(evidence["results"][:100]),
        page_obj=page_obj,
    )
    return render(request, "indicators/dashboard/evidence.html", context)


@login_required
def unit_home(request):
    """A unit head's one home, "Đơn vị của tôi": what the unit must do now (tasks, quarterly
    reports, corrective actions) by due date, its unread reminders and its results."""
    user = request.user
    if not user.is_unit_head:
        if user.sees_all_units:
            plan = plan_current()
            return redirect("dashboard", plan_code=plan.code) if plan else redirect("home")
        raise Http404
    unit = user.unit
    plan = plan_current()
    as_of = as_of_from_request(request, default=as_of_default(plan=plan))
    context = {
        "unit": unit,
        "plan": plan,
        "as_of": as_of,
        "items": unit_todo(plan=plan, unit=unit, as_of=as_of),
        "reminders": Reminder.objects.filter(recipient=user, read_at__isnull=True).order_by(
            "due_on", "-on_date"
        )[:50],
    }
    if plan is not None:
        results = (
            ComplianceResult.objects.at(plan, as_of)
            .filter(unit=unit)
            .select_related("target", "field")
            .order_by("target__order", "target__code", "period", "field__order")
        )
        context.update(
            results_ready=results_request(plan=plan, as_of=as_of),
            computed_at=results_computed_at(plan=plan, as_of=as_of),
            results=results,
        )
    return render(request, "indicators/dashboard/unit_home.html", context)


def results_status(request, plan_code):
    """Polled by the "đang tính" box (every 2 s): a page reload once the results of the as-of
    date are stored (and, after "Tính lại", recomputed), else the box again. A pure read; no
    login needed (it tells only whether figures exist), so the public page can poll it too."""
    plan = plan_get(code=plan_code)
    if request.GET.get("change"):
        return _change_status(request, plan)
    as_of, error = parse_as_of(request.GET.get("as_of"), plan=plan)
    stored = error is None and ComplianceResult.objects.at(plan, as_of).exists()
    recomputing = stored and results_recomputing(plan=plan, as_of=as_of)
    if stored and not recomputing:
        return HttpResponseClientRefresh()
    return render(
        request, PENDING_TEMPLATE, {"plan": plan, "as_of": as_of, "recomputing": recomputing}
    )


def _change_status(request, plan):
    """`?change=1`: the "đang cập nhật" box of a page where a change was just saved (the report
    page, the unit's home): the box again while its recompute is queued or running; once done,
    a reload (`reload=1`, for a page showing results) or "đã cập nhật"; nothing when no
    recompute was under way when the page loaded."""
    reload, shown = request.GET.get("reload") == "1", request.GET.get("was") == "1"
    context = {"plan": plan, "reload": reload, "done": None}
    if results_updating(plan=plan):
        return render(request, UPDATING_TEMPLATE, context)
    if shown and reload:
        return HttpResponseClientRefresh()
    return render(request, UPDATING_TEMPLATE, {**context, "done": shown})
