"""The day a follow-up command runs for: `--date`, or `--plan CODE` for that plan's as-of date
(today, or its deadline once passed: the demo's working day), or today."""

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone

from common.dates import parse_date
from plans.models import Plan


def add_day_arguments(parser) -> None:
    parser.add_argument(
        "--date", help="Ngày chạy, dạng YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay)"
    )
    parser.add_argument(
        "--plan",
        help="Chạy cho ngày tính số liệu của kế hoạch (hôm nay, hoặc hạn kế hoạch nếu đã qua)",
    )


def run_day(*, date: str | None, plan: str | None) -> dt.date:
    if date and plan:
        raise CommandError("Chỉ dùng một trong hai: --date hoặc --plan.")
    if plan:
        found = Plan.objects.filter(code=plan).first()
        if found is None:
            raise CommandError(f"Không có kế hoạch {plan}.")
        return found.default_as_of()
    day = parse_date(date) if date else timezone.localdate()
    if day is None:
        raise CommandError(f"Ngày không hợp lệ: {date!r} (cần dạng YYYY-MM-DD hoặc DD/MM/YYYY)")
    return day
