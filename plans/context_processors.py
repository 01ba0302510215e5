from django.conf import settings

from plans.notifications import notifications_unread_count


def notifications(request):
    """The unread notification count for the navbar bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": notifications_unread_count(user=user)}


def portal(request):
    """The portal's name, set per installation (PORTAL_NAME)."""
    return {"portal_name": settings.PORTAL_NAME}
