from django import template

register = template.Library()

_COLORS = {"open": "secondary", "overdue": "danger", "closed": "success"}


@register.inclusion_tag("partials/status_badge.html")
def action_status(action, day):
    """A corrective action's status badge as of a day, from `CorrectiveAction.status_on`."""
    status = action.status_on(day)
    return {"color": _COLORS[status], "label": action.STATUS_LABELS[status], "status": status}
