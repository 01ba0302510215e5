"""The plan as a workbook (docs/plan-workbook.md): its sheets, columns and canonical cell texts.

A plan reads as five sheets of rows whose values are canonical strings (dates ISO, numbers
without trailing zeros), so the export, the import's comparison and the roll-over speak the same
text. Row 1 holds the column codes; a second row of Vietnamese labels is allowed and skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from common.cells import cell_neutralise, cell_read_text, cell_unquote
from indicators.targets.models import ProcedureField, Target
from plans.models import Plan, Task

Rows = list[dict[str, str]]
Sheets = dict[str, Rows]
NumberedSheets = dict[str, list[tuple[int, dict[str, str]]]]

SHEETS: dict[str, tuple[str, ...]] = {
    "plan": (
        "code",
        "year",
        "title",
        "scope",
        "deadline",
        "baseline_year",
        "legal_basis",
        "closing_text",
        "signed_by",
        "report_grace_days",
    ),
    "clauses": ("label", "text", "heading"),
    "targets": (
        "code",
        "clause",
        "title",
        "rule",
        "comparator",
        "threshold",
        "field_thresholds",
        "scope",
        "periods",
        "unit_kinds",
        "sector",
        "inspection_kinds",
        "amber_margin",
    ),
    "tasks": ("code", "clause", "title", "lead", "units", "due_on", "recurrence"),
    "fields": ("code", "name"),
}
REQUIRED_SHEETS = ("plan", "clauses", "targets", "tasks")
KEYS = {"plan": "code", "clauses": "label", "targets": "code", "tasks": "code", "fields": "code"}

LABELS = {
    "code": gettext_lazy("Mã"),
    "year": gettext_lazy("Năm"),
    "title": gettext_lazy("Tên"),
    "scope": gettext_lazy("Phạm vi"),
    "deadline": gettext_lazy("Hạn hoàn thành"),
    "baseline_year": gettext_lazy("Năm gốc"),
    "legal_basis": gettext_lazy("Căn cứ"),
    "closing_text": gettext_lazy("Yêu cầu chung"),
    "signed_by": gettext_lazy("Người ký"),
    "report_grace_days": gettext_lazy("Số ngày nộp báo cáo sau kỳ"),
    "label": gettext_lazy("Mục"),
    "text": gettext_lazy("Nội dung"),
    "heading": gettext_lazy("Tiêu đề"),
    "clause": gettext_lazy("Mục"),
    "rule": gettext_lazy("Cách tính"),
    "comparator": gettext_lazy("So sánh"),
    "threshold": gettext_lazy("Ngưỡng"),
    "field_thresholds": gettext_lazy("Ngưỡng riêng theo lĩnh vực"),
    "periods": gettext_lazy("Kỳ"),
    "unit_kinds": gettext_lazy("Loại đơn vị được tính"),
    "sector": gettext_lazy("Ngành"),
    "inspection_kinds": gettext_lazy("Loại kiểm tra được tính"),
    "amber_margin": gettext_lazy("Biên sát ngưỡng (điểm)"),
    "lead": gettext_lazy("Đơn vị chủ trì"),
    "units": gettext_lazy("Đơn vị thực hiện"),
    "due_on": gettext_lazy("Hạn"),
    "recurrence": gettext_lazy("Lặp lại"),
    "name": gettext_lazy("Tên"),
}
# The contract's columns are required; the ones this portal adds may be left out.
OPTIONAL_COLUMNS = {
    "closing_text",
    "signed_by",
    "report_grace_days",
    "heading",
    "inspection_kinds",
    "amber_margin",
}
DATE_COLUMNS = {"deadline", "due_on"}
WIDE_COLUMNS = {"title", "text", "legal_basis", "closing_text", "heading"}
NUMBER_COLUMNS = {"year", "baseline_year", "report_grace_days", "threshold", "amber_margin"}

# The `units` column of a task: a group names kinds of units, anything else is a unit code.
UNIT_GROUPS: dict[str, tuple[str, ...]] = {
    "all": ("agency", "public_service", "ward", "commune"),
    "agencies": ("agency",),
    "wards": ("ward", "commune"),
    "public_service": ("public_service",),
}


class PlanFileError(Exception):
    """The file is not a plan workbook at all (unreadable, a sheet or a column missing)."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def number_text(value: Decimal | int) -> str:
    """96.00 → "96", 95.50 → "95.5": the one text a number has in the workbook."""
    return format(Decimal(value).normalize(), "f")


def kinds_to_units(kinds: list[str]) -> list[str]:
    """Task kinds as the workbook's groups: agency+public_service+ward(+commune) is `all`."""
    rest = set(kinds)
    if {"agency", "public_service"} <= rest and rest & {"ward", "commune"}:
        return ["all"]
    groups = []
    for group, members in UNIT_GROUPS.items():
        if group != "all" and rest & set(members):
            groups.append(group)
            rest -= set(members)
    return groups + sorted(rest)


def _clause_labels(target: Target) -> str:
    return ";".join(c.label for c in sorted(target.clauses.all(), key=lambda c: c.order))


def _field_thresholds_text(values: dict) -> str:
    return ";".join(
        f"{code}={number_text(Decimal(str(v)))}" for code, v in sorted((values or {}).items())
    )


def _plan_row(plan: Plan) -> dict[str, str]:
    return {
        "code": plan.code,
        "year": str(plan.year),
        "title": plan.title,
        "scope": plan.scope.code,
        "deadline": plan.deadline.isoformat(),
        "baseline_year": str(plan.baseline_year),
        "legal_basis": plan.legal_basis,
        "closing_text": plan.closing_text,
        "signed_by": plan.signed_by,
        "report_grace_days": str(plan.report_grace_days),
    }


def _target_row(target: Target) -> dict[str, str]:
    return {
        "code": target.code,
        "clause": _clause_labels(target),
        "title": target.title,
        "rule": target.rule,
        "comparator": target.comparator,
        "threshold": number_text(target.threshold),
        "field_thresholds": _field_thresholds_text(target.field_thresholds),
        "scope": target.scope,
        "periods": target.periods,
        "unit_kinds": ";".join(target.kinds),
        "sector": target.unit_sector,
        "inspection_kinds": target.inspection_kinds,
        "amber_margin": number_text(target.amber_margin),
    }


def _task_row(task: Task) -> dict[str, str]:
    codes = sorted(u.code for u in task.assigned_units.all())
    return {
        "code": task.code,
        "clause": task.clause.label,
        "title": task.title,
        "lead": task.lead_unit.code if task.lead_unit else "",
        "units": ";".join(kinds_to_units(task.kinds) + codes),
        "due_on": task.due_on.isoformat(),
        "recurrence": task.recurrence,
    }


def plan_sheets(*, plan: Plan) -> Sheets:
    """The plan as the workbook's rows, in outline order."""
    targets = plan.targets.prefetch_related("clauses").order_by("order", "code")
    tasks = (
        plan.tasks.select_related("clause", "lead_unit")
        .prefetch_related("assigned_units")
        .order_by("clause__order", "code")
    )
    return {
        "plan": [_plan_row(plan)],
        "clauses": [
            {"label": c.label, "text": c.text, "heading": c.heading}
            for c in plan.clauses.order_by("order")
        ],
        "targets": [_target_row(t) for t in targets],
        "tasks": [_task_row(t) for t in tasks],
        "fields": [{"code": f.code, "name": f.name} for f in ProcedureField.objects.all()],
    }


def _typed(column: str, text: str):
    if not text:
        return None
    if column in DATE_COLUMNS:
        return dt.date.fromisoformat(text)
    if column in NUMBER_COLUMNS:
        number = Decimal(text)
        return int(number) if number == number.to_integral_value() else number
    return cell_neutralise(text)


def sheets_workbook(sheets: Sheets) -> bytes:
    """The XLSX bytes: codes in row 1 with the Vietnamese label as each header's comment."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, columns in SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.append(columns)
        for cell, column in zip(sheet[1], columns, strict=True):
            cell.font = Font(bold=True)
            cell.comment = Comment(str(LABELS[column]), "CCHC")
            sheet.column_dimensions[cell.column_letter].width = 40 if column in WIDE_COLUMNS else 14
        for row in sheets.get(name, []):
            sheet.append([_typed(c, row.get(c, "")) for c in columns])
            for cell, column in zip(sheet[sheet.max_row], columns, strict=True):
                if column in DATE_COLUMNS:
                    cell.number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _is_label_row(header: list[str], values: list[str]) -> bool:
    labelled = [(c, v) for c, v in zip(header, values, strict=False) if v and c in LABELS]
    return bool(labelled) and all(str(LABELS[c]).casefold() == v.casefold() for c, v in labelled)


def _numbered(header: list[str], raw_rows, first_line: int) -> list[tuple[int, dict[str, str]]]:
    rows = []
    for line, values in enumerate(raw_rows, start=first_line):
        texts = [cell_unquote(cell_read_text(v)) for v in values]
        if line == 2 and _is_label_row(header, texts):
            continue
        if any(texts):
            rows.append((line, dict(zip(header, texts, strict=False))))
    return rows


def _check_columns(sheets: dict[str, list[str]]) -> None:
    errors = []
    for name in REQUIRED_SHEETS:
        if name not in sheets:
            errors.append(_("Thiếu trang “%(sheet)s”.") % {"sheet": name})
    for name, header in sheets.items():
        missing = [c for c in SHEETS[name] if c not in header and c not in OPTIONAL_COLUMNS]
        if missing:
            errors.append(
                _("Trang “%(sheet)s” thiếu cột: %(columns)s.")
                % {"sheet": name, "columns": ", ".join(missing)}
            )
    if errors:
        raise PlanFileError(errors)


def workbook_read(source) -> NumberedSheets:
    """The known sheets of an XLSX plan workbook as (line, row) lists."""
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any broken file is "unreadable"
        raise PlanFileError([_("Không đọc được tệp Excel (.xlsx).")]) from exc
    try:
        headers, sheets = {}, {}
        for name in workbook.sheetnames:
            if name.strip().lower() not in SHEETS:
                continue
            cells = workbook[name].iter_rows(values_only=True)
            header = [cell_read_text(c).lower() for c in next(cells, ())]
            headers[name.strip().lower()] = header
            sheets[name.strip().lower()] = _numbered(header, cells, 2)
    finally:
        workbook.close()
    _check_columns(headers)
    return sheets


def folder_read(path: Path) -> NumberedSheets:
    """A plan shipped as one UTF-8 CSV file per sheet (`plan.csv`, `clauses.csv`, …)."""
    headers, sheets = {}, {}
    for name in SHEETS:
        file = path / f"{name}.csv"
        if not file.exists():
            continue
        with open(file, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip().lower() for h in next(reader, [])]
            headers[name] = header
            sheets[name] = _numbered(header, list(reader), 2)
    _check_columns(headers)
    return sheets


def sheets_folder(sheets: Sheets, path: Path) -> None:
    """Write the rows as one CSV per sheet (how a plan is shipped with the project)."""
    path.mkdir(parents=True, exist_ok=True)
    for name, columns in SHEETS.items():
        with open(path / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([row.get(c, "") for c in columns] for row in sheets.get(name, []))
