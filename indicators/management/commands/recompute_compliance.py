from django.core.management.base import BaseCommand

from indicators.compliance.store import compliance_recompute
from indicators.management.commands._compliance_args import as_of_or_error, plan_or_error


class Command(BaseCommand):
    help = "Tính lại toàn bộ kết quả chỉ tiêu của kế hoạch (cùng việc với tác vụ Celery)."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="Mã kế hoạch, ví dụ CCHC-2021")
        parser.add_argument("--as-of", dest="as_of", help="Tính đến ngày YYYY-MM-DD")

    def handle(self, *args, plan, as_of, **options):
        plan_obj = plan_or_error(plan)
        day = as_of_or_error(as_of, plan_obj)
        written = compliance_recompute(plan=plan_obj, as_of=day)
        self.stdout.write(
            self.style.SUCCESS(f"{plan_obj.code}: {written} kết quả tính đến {day:%d/%m/%Y}.")
        )
