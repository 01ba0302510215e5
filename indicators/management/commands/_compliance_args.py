"""Arguments shared by `recompute_compliance` and `compliance_report`."""

import datetime as dt

from django.core.management.base import CommandError

from common.dates import parse_date
from plans.models import Plan


def plan_or_error(code: str) -> Plan:
    try:
        return Plan.objects.get(code=code)
    except Plan.DoesNotExist:
        known = ", ".join(Plan.objects.order_by("code").values_list("code", flat=True)) or "—"
        raise CommandError(
            f"Không có kế hoạch {code!r} (các kế hoạch đã nạp: {known}). "
            f"Chạy `manage.py load_plan {code}` nếu cần."
        ) from None


def as_of_or_error(value: str | None, plan: Plan) -> dt.date:
    if not value:
        return plan.default_as_of()
    day = parse_date(value)
    if day is None:
        raise CommandError(f"Ngày --as-of không hợp lệ: {value!r} (cần dạng YYYY-MM-DD).")
    return day
