"""The plan page: every clause with its tasks (progress as of a date) and targets."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from common.dates import as_of_from_request
from indicators.targets.selectors import plan_outline
from plans.selectors import plan_get


@login_required
def plan_detail(request, code):
    plan = plan_get(code=code)
    as_of = as_of_from_request(request, default=plan.default_as_of())
    own_unit = None if request.user.sees_all_units else request.user.unit
    if own_unit is None and not request.user.sees_all_units:
        raise Http404
    outline = plan_outline(plan=plan, as_of=as_of, unit=own_unit)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "as_of": as_of,
            "outline": outline,
            "own_unit": own_unit,
            # The tasks' progress is counted from the assignments for this page, not read from
            # a stored snapshot: computed now.
            "computed_at": timezone.now(),
        },
    )
