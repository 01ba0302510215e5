import sys

from django.core.management.base import BaseCommand, CommandError

from indicators.evidence.exports import write_csv, write_xlsx
from indicators.evidence.validators import KINDS


class Command(BaseCommand):
    help = "Xuất dữ liệu minh chứng ra CSV hoặc XLSX, cùng các cột với lệnh import_data."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="Tệp ghi ra (mặc định: màn hình, chỉ với csv).")

    def handle(self, *args, kind, format, output, **options):
        if format == "xlsx":
            if not output:
                raise CommandError("Cần --output PATH cho định dạng xlsx.")
            write_xlsx(kind, output)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                write_csv(kind, fh)
        else:
            write_csv(kind, sys.stdout)
