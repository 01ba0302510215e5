"""Template filters for figures: the light a stored result shows, and a position on a bar."""

from decimal import Decimal, InvalidOperation

from django import template

from indicators.dashboards.base import figure_level

register = template.Library()


@register.filter
def result_level(result) -> str:
    """A stored `ComplianceResult`'s light (`figure_level`: met, near, not_met, no_data)."""
    return figure_level(
        status=result.status, value=result.value, threshold=result.threshold, target=result.target
    )


@register.filter
def bar_position(value) -> str:
    """A percentage as a bar's width or a marker's `left`: 0 to 100, two decimals, with a dot
    whatever the language (CSS does not read "98,5")."""
    try:
        number = min(max(Decimal(str(value)), Decimal(0)), Decimal(100))
    except (InvalidOperation, TypeError, ValueError):
        return "0"
    return f"{number.quantize(Decimal('0.01')).normalize():f}"
