"""The notifications inbox: list, mark one or all as read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.models import Reminder
from plans.notifications import (
    notification_mark_read,
    notifications_for,
    notifications_mark_all_read,
)

NOTIFICATIONS_PER_PAGE = 20


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
