from django.core.management.base import BaseCommand, CommandError

from indicators.targets.plan_import import PlanImport, plan_import
from indicators.targets.workbook import PlanFileError, workbook_read


class Command(BaseCommand):
    help = (
        "Nhập (tạo hoặc cập nhật) kế hoạch mà tệp Excel mô tả. Tệp có dòng lỗi bị từ chối cả "
        "tệp: không ghi gì, liệt kê mọi dòng lỗi."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp .xlsx theo mẫu của export_plan")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi.")

    def handle(self, *args, path, dry_run, **options):
        try:
            result = plan_import(sheets=workbook_read(path), dry_run=dry_run)
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp: {path}") from exc
        except PlanFileError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"Tệp bị từ chối: {len(result.errors)} lỗi, không ghi gì.")
        self._write_changes(result)
        prefix = "(thử, không ghi) " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))

    def _write_changes(self, result: PlanImport) -> None:
        for sheet, changes in result.changes.items():
            for code in changes.created:
                self.stdout.write(f"  + {sheet} {code}")
            for code, columns in changes.changed:
                self.stdout.write(f"  ~ {sheet} {code}: {', '.join(columns)}")
            for code in changes.removed:
                self.stdout.write(f"  - {sheet} {code}")
