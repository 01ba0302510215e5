from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from common.dates import as_of_from_request
from plans.selectors import (
    as_of_default,
    plan_current,
    plan_get,
    task_assignments,
    task_get,
)
from plans.statuses import assignment_status
from units.selectors import units_visible_to


@login_required
def home(request):
    plan = plan_current()
    if plan is None:
        return render(request, "plans/no_plan.html")
    if request.user.sees_all_units:
        return redirect("dashboard", plan_code=plan.code)
    if request.user.is_unit_head:
        return redirect("unit_home")
    return redirect("plan_detail", code=plan.code)


@login_required
def plan_current_detail(request):
    plan = plan_current()
    if plan is None:
        return render(request, "plans/no_plan.html")
    return redirect("plan_detail", code=plan.code)


@login_required
def task_detail(request, code, task_code):
    plan = plan_get(code=code)
    task = task_get(plan=plan, code=task_code)
    as_of = as_of_from_request(request, default=as_of_default(plan=plan))
    assignments = task_assignments(task=task, units=units_visible_to(user=request.user))
    if not assignments.exists():
        raise Http404
    return render(
        request,
        "plans/task_detail.html",
        {
            "plan": plan,
            "task": task,
            "as_of": as_of,
            "rows": [(a, assignment_status(a, as_of=as_of)) for a in assignments],
        },
    )
