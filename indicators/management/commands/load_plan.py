from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators.evidence.errors import ImportRejected
from indicators.evidence.imports import import_file
from indicators.targets.loader import UnknownPlan, shipped_plan_dir
from indicators.targets.plan_import import plan_import
from indicators.targets.workbook import PlanFileError, folder_read
from units.roles import roles_sync


class Command(BaseCommand):
    help = (
        "Nạp một kế hoạch CCHC có sẵn trong dự án (đơn vị, lĩnh vực, các mục, chỉ tiêu, nhiệm "
        "vụ) bằng cách nhập các tệp của nó. Chạy lại không đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Mã kế hoạch, ví dụ CCHC-2021")

    def handle(self, *args, code, **options):
        try:
            folder = shipped_plan_dir(code)
            with transaction.atomic():
                roles_sync()
                import_file(kind="units", source=folder / "units.csv")
                result = plan_import(sheets=folder_read(folder))
                if result.errors:
                    raise PlanFileError(result.errors)
        except (UnknownPlan, PlanFileError, ImportRejected) as exc:
            raise CommandError(str(exc)) from exc
        plan = result.plan
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp {plan.code}: {plan.clauses.count()} mục, {plan.targets.count()} chỉ tiêu, "
                f"{plan.tasks.count()} nhiệm vụ."
            )
        )
