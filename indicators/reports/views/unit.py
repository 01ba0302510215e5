"""A unit's page ("Đơn vị: Phường 1": its quarters and tasks, every status as of one day), the
unit picker and task completion. A unit head's home, what to do now, is `unit_home`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.dates import as_of_from_request
from common.forms import form_errors_apply
from indicators.reports import selectors as sel
from indicators.reports.forms import AssignmentCompleteForm
from indicators.reports.views.access import check_can_write, plan_or_404, unit_or_404
from plans.models import Assignment
from plans.selectors import as_of_default
from plans.services import assignment_complete
from plans.statuses import assignment_status
from units.selectors import unit_lineage


@login_required
def my_unit_index(request):
    """A unit head goes to their own unit; Phòng Nội vụ and leaders pick one."""
    user = request.user
    if user.is_unit_head and not user.sees_all_units:
        return redirect("my_unit", unit_code=user.unit.code)
    if not user.sees_all_units:
        raise Http404
    units = Paginator(sel.units_for_picker(), 50).get_page(request.GET.get("page"))
    return render(request, "indicators/reports/unit_picker.html", {"units": units})


def _open_pk(request) -> int | None:
    """`?mo=<pk>`: the assignment whose completion form opens (the home's "Báo hoàn thành")."""
    value = request.GET.get("mo", "")
    return int(value) if value.isdigit() else None


def _render_my_unit(request, plan, unit, status=200, bound=None):
    as_of = as_of_from_request(request, default=as_of_default(plan=plan))
    assignments = Paginator(sel.unit_assignments(plan=plan, unit=unit), 20).get_page(
        request.GET.get("page")
    )
    can_edit = request.user.can_edit_unit(unit)
    open_pk = bound[0] if bound else _open_pk(request)
    shown = list(assignments)
    if open_pk is not None and open_pk not in {a.pk for a in shown}:
        # the assignment asked for (or just posted) sits on another page: shown first
        shown[:0] = sel.unit_assignments(plan=plan, unit=unit).filter(pk=open_pk)
    rows = []
    for assignment in shown:
        form = None
        if can_edit and assignment.status != Assignment.Status.DONE:
            if bound is not None and bound[0] == assignment.pk:
                form = bound[1]
            else:
                form = AssignmentCompleteForm(prefix=f"a{assignment.pk}")
        rows.append((assignment, assignment_status(assignment, as_of=as_of), form))
    context = {
        "plan": plan,
        "unit": unit,
        "as_of": as_of,
        "lineage": unit_lineage(unit=unit),
        "quarters": sel.unit_quarters(plan=plan, unit=unit, as_of=as_of),
        "assignments": assignments,
        "rows": rows,
        "can_edit": can_edit,
        "open_pk": open_pk,
    }
    return render(request, "indicators/reports/my_unit.html", context, status=status)


@login_required
def my_unit(request, unit_code):
    plan = plan_or_404()
    unit = unit_or_404(request, unit_code)
    return _render_my_unit(request, plan, unit)


@login_required
@require_POST
def assignment_done(request, unit_code, pk):
    plan = plan_or_404()
    unit = unit_or_404(request, unit_code)
    check_can_write(request, unit)
    assignment = get_object_or_404(
        Assignment.objects.for_plan(plan).select_related("task", "unit"), pk=pk, unit=unit
    )
    form = AssignmentCompleteForm(request.POST, request.FILES, prefix=f"a{pk}")
    if form.is_valid():
        try:
            assignment_complete(assignment=assignment, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(
                request, _("Đã ghi nhận hoàn thành: %(task)s.") % {"task": assignment.task.title}
            )
            return redirect("my_unit", unit_code=unit.code)
    return _render_my_unit(request, plan, unit, bound=(assignment.pk, form))
