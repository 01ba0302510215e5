from django import template
from django.utils.translation import gettext_lazy as _

from plans.periods import Period

register = template.Library()

_STATUS = {
    "done": ("success", _("Hoàn thành đúng hạn")),
    "done_late": ("warning", _("Hoàn thành trễ hạn")),
    "overdue": ("danger", _("Quá hạn")),
    "pending": ("secondary", _("Đang thực hiện")),
    "met": ("success", _("Đạt")),
    "not_met": ("danger", _("Chưa đạt")),
    "no_data": ("secondary", _("Chưa có số liệu")),
    "draft": ("secondary", _("Nháp")),
    "submitted": ("primary", _("Đã nộp")),
    "returned": ("warning", _("Trả lại")),
    "approved": ("success", _("Đã duyệt")),
}


@register.inclusion_tag("partials/status_badge.html")
def status_badge(status):
    color, label = _STATUS.get(status, ("light", status))
    return {"color": color, "label": label, "status": status}


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
def period_label(code):
    """`2021-Q3` → “Quý 3/2021”, `2021` → “Năm 2021”; blank stays blank."""
    if not code:
        return ""
    try:
        return Period.parse(str(code)).label
    except ValueError:
        return code
