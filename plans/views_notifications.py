"""Notifications (in-app reminders), the escalation list and commendation proposals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .escalation import escalation_list, recognition_candidates
from .models import Plan, Reminder
from .reminders import (
    notification_mark_read,
    notifications_for,
    notifications_mark_all_read,
)
from .selectors import as_of_from, plan_current

NOTIFICATIONS_PER_PAGE = 20
UNITS_PER_PAGE = 50


@login_required
def notifications(request):
    page = Paginator(notifications_for(user=request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "plans/notifications/list.html", {"page": page})


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_POST
def notification_read(request, pk):
    reminder = get_object_or_404(Reminder, pk=pk, recipient=request.user)
    notification_mark_read(user=request.user, pk=reminder.pk)
    return redirect(_next_url(request, "notifications"))


@login_required
@require_POST
def notifications_read_all(request):
    n = notifications_mark_all_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": n})
    return redirect(_next_url(request, "notifications"))


def _plan_for(request):
    """The plan named in ?plan=, else the current one; an unknown code says so."""
    code = (request.GET.get("plan") or "").strip()
    if code:
        plan = Plan.objects.select_related("district").filter(code=code).first()
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
    as_of = as_of_from(request.GET.get("as_of"), plan=plan)
    return render(request, template, {"plan": plan, "as_of": as_of, **build(plan, as_of)})


@login_required
def escalation(request):
    def build(plan, as_of):
        rows = escalation_list(plan=plan, as_of=as_of)
        return {
            "n_units": len(rows),
            "page": Paginator(rows, UNITS_PER_PAGE).get_page(request.GET.get("page")),
        }

    return _overview(request, "plans/notifications/escalation.html", build)


@login_required
def recognition(request):
    def build(plan, as_of):
        return {"candidates": recognition_candidates(plan=plan, as_of=as_of)}

    return _overview(request, "plans/notifications/recognition.html", build)
