from django import template

from plans.periods import Period
from plans.statuses import status_label as _status_label
from plans.statuses import status_look

register = template.Library()


@register.inclusion_tag("partials/status_badge.html")
def status_badge(status):
    look = status_look(status)
    return {"color": look.colour, "label": look.label, "status": status}


@register.filter
def percent_of(part, whole):
    try:
        return round(100 * part / whole) if whole else 0
    except (TypeError, ZeroDivisionError):
        return 0


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter
def status_label(status):
    """A status's label, from `plans.statuses` (the same words as its badge)."""
    return _status_label(status)


@register.filter
def status_colour(status):
    """A status's Bootstrap colour (`plans.statuses`), for `text-<colour>`."""
    return status_look(status).colour


@register.filter
def period_label(code):
    """A period code as people read it (`Period.label`): `2021-Q3` → “Quý 3/2021”, `2021` →
    “Năm 2021”; blank stays blank, anything else is shown as written."""
    if not code:
        return ""
    try:
        return Period.parse(str(code)).label
    except ValueError:
        return code
