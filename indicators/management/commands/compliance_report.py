import csv
import json

from django.core.management.base import BaseCommand, CommandError
from openpyxl import Workbook

from indicators.compliance.selectors import COLUMNS, compliance_rows
from indicators.compliance.store import compliance_recompute
from indicators.management.commands._compliance_args import as_of_or_error, plan_or_error


class Command(BaseCommand):
    help = (
        "Xuất kết quả chỉ tiêu của kế hoạch tính đến một ngày (json, csv hoặc xlsx). "
        "Kết quả được tính lại từ số liệu hiện có trước khi xuất."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", help="Mã kế hoạch, ví dụ CCHC-2021")
        parser.add_argument("--as-of", dest="as_of", help="Tính đến ngày YYYY-MM-DD")
        parser.add_argument("--format", dest="fmt", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="Ghi ra tệp thay vì màn hình (bắt buộc với xlsx)")

    def handle(self, *args, plan, as_of, fmt, output, **options):
        plan_obj = plan_or_error(plan)
        day = as_of_or_error(as_of, plan_obj)
        if fmt == "xlsx" and not output:
            raise CommandError("Định dạng xlsx cần --output PATH.")
        compliance_recompute(plan=plan_obj, as_of=day)
        rows = compliance_rows(plan=plan_obj, as_of=day)
        if fmt == "xlsx":
            self._xlsx(rows, output, title=f"{plan_obj.code} {day.isoformat()}")
            return
        stream = open(output, "w", encoding="utf-8", newline="") if output else None
        out = stream or _Writer(self.stdout)
        try:
            if fmt == "json":
                payload = {"plan": plan_obj.code, "as_of": day.isoformat(), "results": rows}
                out.write(json.dumps(payload, ensure_ascii=False) + "\n")
            else:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(COLUMNS)
                for row in rows:
                    writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
        finally:
            if stream:
                stream.close()

    @staticmethod
    def _xlsx(rows, output, *, title):
        book = Workbook(write_only=True)
        sheet = book.create_sheet("compliance")
        sheet.append(COLUMNS)
        for row in rows:
            sheet.append([row[c] for c in COLUMNS])
        book.properties.title = title
        book.save(output)


class _Writer:
    """csv.writer into a management command's stdout (which adds no newline of its own)."""

    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out.write(text, ending="")
