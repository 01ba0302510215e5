from django.core.management.base import BaseCommand, CommandError

from indicators.targets.rollover import plan_roll
from plans.models import Plan


class Command(BaseCommand):
    help = (
        "Tạo kế hoạch năm mới từ một kế hoạch: cùng các mục và chỉ tiêu, mọi hạn lùi theo số năm, "
        "giao cho các đơn vị đang hoạt động trong năm mới, không chép minh chứng. Chạy lại không "
        "đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Mã kế hoạch gốc, ví dụ CCHC-2021")
        parser.add_argument("--to", type=int, required=True, dest="year", help="Năm mới")
        parser.add_argument("--code", dest="new_code", default="", help="Mã kế hoạch mới")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ xem trước, không ghi.")

    def handle(self, *args, code, year, new_code, dry_run, **options):
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch {code!r}.")
        result = plan_roll(plan=plan, year=year, code=new_code, dry_run=dry_run)
        if result.errors:
            raise CommandError("\n".join(result.errors))
        if not result.changed:
            self.stdout.write(f"Kế hoạch {result.code} đã có; không đổi gì.")
            return
        prefix = "(thử, không ghi) " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
