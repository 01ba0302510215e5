"""The escalation list (Plan V.3.3); the old V.2.5 address now leads to the proposals page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common.dates import as_of_from_request
from indicators.followup.lateness import late_units
from plans.models import Plan
from plans.selectors import plan_current

UNITS_PER_PAGE = 50


def _plan_for(request):
    """The plan named in ?plan=, else the current one; an unknown code says so."""
    code = (request.GET.get("plan") or "").strip()
    if code:
        plan = Plan.objects.select_related("scope").filter(code=code).first()
        if plan is not None:
            return plan
        messages.warning(
            request,
            _("Không có kế hoạch mã %(code)s; đang hiển thị kế hoạch hiện hành.") % {"code": code},
        )
    return plan_current()


def _overview(request, template: str, build):
    """Pages for Phòng Nội vụ and leaders only: a unit head (or anyone else) gets 404."""
    if not request.user.sees_all_units:
        raise Http404
    plan = _plan_for(request)
    if plan is None:
        return render(request, "plans/no_plan.html")
    as_of = as_of_from_request(request, default=plan.default_as_of())
    return render(request, template, {"plan": plan, "as_of": as_of, **build(plan, as_of)})


@login_required
def escalation(request):
    def build(plan, as_of):
        rows = late_units(plan=plan, as_of=as_of)
        return {
            "n_units": len(rows),
            "page": Paginator(rows, UNITS_PER_PAGE).get_page(request.GET.get("page")),
        }

    return _overview(request, "plans/notifications/escalation.html", build)


@login_required
def recognition(request):
    """The V.2.5 proposals have one page, `/kiem-tra/de-xuat/<plan>/`; this old address (in
    e-mails already sent) goes there with its plan and as-of date."""
    if not request.user.sees_all_units:
        raise Http404
    plan = _plan_for(request)
    if plan is None:
        return render(request, "plans/no_plan.html")
    url = reverse("inspections:proposals", args=[plan.code])
    if as_of := request.GET.get("as_of"):
        query = QueryDict(mutable=True)
        query["as_of"] = as_of
        url = f"{url}?{query.urlencode()}"
    return redirect(url)
