from django.core.management.base import BaseCommand, CommandError

from indicators.targets.loader import UnknownPlan, plan_load


class Command(BaseCommand):
    help = (
        "Nạp kế hoạch CCHC (đơn vị, lĩnh vực, các mục, chỉ tiêu, nhiệm vụ). Chạy lại không đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Mã kế hoạch, ví dụ CCHC-2021")

    def handle(self, *args, code, **options):
        try:
            plan = plan_load(code=code)
        except UnknownPlan as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp {plan.code}: {plan.clauses.count()} mục, {plan.targets.count()} chỉ tiêu, "
                f"{plan.tasks.count()} nhiệm vụ."
            )
        )
