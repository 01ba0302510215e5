from django.core.management.base import BaseCommand, CommandError

from indicators.evidence.errors import ImportRejected
from indicators.evidence.imports import import_file
from indicators.evidence.validators import KINDS


class Command(BaseCommand):
    help = "Nhập dữ liệu minh chứng từ tệp CSV hoặc XLSX (cập nhật theo khóa; tệp lỗi bị từ chối)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi.")

    def handle(self, *args, kind, path, dry_run, **options):
        try:
            result = import_file(kind=kind, source=path, dry_run=dry_run)
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp: {path}") from exc
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Tệp bị từ chối: {len(exc.errors)} lỗi, không ghi dòng nào."
            ) from exc
        for warning in result.warnings:
            self.stderr.write(f"Cảnh báo: {warning}")
        self.stdout.write(result.summary())
