from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.targets.workbook import plan_sheets, sheets_workbook
from plans.models import Plan


class Command(BaseCommand):
    help = "Xuất một kế hoạch thành tệp Excel (các trang plan, clauses, targets, tasks, fields)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Mã kế hoạch, ví dụ CCHC-2021")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp .xlsx")

    def handle(self, *args, code, output, **options):
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            known = ", ".join(Plan.objects.values_list("code", flat=True)) or "—"
            raise CommandError(f"Không có kế hoạch {code!r}. Các kế hoạch: {known}")
        Path(output).write_bytes(sheets_workbook(plan_sheets(plan=plan)))
        self.stdout.write(self.style.SUCCESS(f"Đã xuất {code} ra {output}."))
