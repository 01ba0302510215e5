from django.conf import settings
from django.urls import NoReverseMatch, reverse

from plans.notifications import notifications_unread_count
from plans.selectors import plans_for_picker


def notifications(request):
    """The unread notification count for the navbar bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": notifications_unread_count(user=user)}


def portal(request):
    """The portal's name, set per installation (PORTAL_NAME)."""
    return {"portal_name": settings.PORTAL_NAME}


def plan_picker(request):
    """The navbar's plan picker: every plan, each linking to this page for that plan when the page
    is a plan's (its URL names the plan and nothing else), else to that plan's page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = request.resolver_match
    kwargs = dict(match.kwargs) if match else {}
    key = next((k for k in ("plan_code", "code") if k in kwargs), None)
    current = kwargs.get(key) if key else None

    def link(code: str) -> str:
        if key and len(kwargs) == 1:
            try:
                return reverse(match.view_name, kwargs={key: code})
            except NoReverseMatch:
                pass
        return reverse("plan_detail", kwargs={"code": code})

    plans = plans_for_picker()
    if current is None:
        current = next((code for code, _year, is_current in plans if is_current), None)
    return {
        "plan_picker": [
            {"code": code, "year": year, "url": link(code), "active": code == current}
            for code, year, _is_current in plans
        ],
        "plan_picker_current": current,
        "plan_picker_year": next((year for code, year, _c in plans if code == current), None),
    }
