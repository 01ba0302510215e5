"""The downloadable XLSX template of an import kind, built from the kind's validator and the
column catalogue (`columns`), so a new kind gets its template without code here.

Sheet "Dữ liệu" (first, the one the importer reads): the columns' Vietnamese labels as headers
(the importer reads a label as its column), drop-down lists on choice, unit, field and period
columns, date and number checks. Sheet "Danh mục" (hidden): the lists the drop-downs refer to,
since a list written inside a validation is limited to 255 characters. Sheet "Hướng dẫn": one
line per column and the rules of the import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from indicators.evidence import columns as col
from indicators.evidence.columns import Column, choice_vietnamese, column_spec, kind_key
from indicators.evidence.reading import number
from indicators.evidence.selectors import import_fields, import_parent_units, import_units
from indicators.evidence.validation import MAX_COUNT
from indicators.evidence.validators import KIND_LABELS, VALIDATORS
from plans.periods import Period
from plans.selectors import plan_current

DATA_SHEET = "Dữ liệu"
LISTS_SHEET = "Danh mục"
HELP_SHEET = "Hướng dẫn"
LAST_ROW = 1_048_576  # the checks cover the whole column below the header
SHOWN_CODES = 200  # the instructions quote at most this many codes of a list
DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
# Closed units and other years are still valid: Excel warns about them but lets them in.
WARN_ONLY = (col.UNIT, col.PERIOD, col.QUARTER)


@dataclass
class _List:
    """One list of allowed values: what the cells take, and how the instructions show it."""

    values: list[str]
    shown: list[str]


def import_template_write(*, kind: str, target, today: dt.date) -> None:
    """Write the template of `kind` (a key of `VALIDATORS`) to a path or binary file."""
    validator = VALIDATORS[kind]
    optional = set(validator.optional_columns)
    specs = [column_spec(kind=kind, code=c) for c in validator.columns + validator.optional_columns]
    with translation.override("vi"):
        plan = plan_current()
        workbook = Workbook()
        data = workbook.active
        data.title = DATA_SHEET
        lists = workbook.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
        help_sheet = workbook.create_sheet(HELP_SHEET)
        offered = {}
        for index, spec in enumerate(specs, 1):
            allowed = offered[spec.code] = _allowed(spec, today=today, plan=plan)
            _data_column(data, lists, index, spec, allowed, optional=spec.code in optional)
        data.freeze_panes = "A2"
        _instructions(help_sheet, kind, specs, offered, optional=optional, today=today, plan=plan)
        workbook.active = 0
        workbook.save(target)


def _allowed(spec: Column, *, today: dt.date, plan) -> _List | None:
    if spec.type == col.CHOICE:
        pairs = choice_vietnamese(spec.choices)
        return _List([label for _code, label in pairs], [f"{lbl} ({code})" for code, lbl in pairs])
    if spec.type == col.UNIT:
        units = (
            import_parent_units(today=today, plan=plan)
            if spec.code == "parent"
            else list(import_units(today=today, plan=plan))
        )
        return _List([u.code for u in units], [f"{u.code} ({u.name})" for u in units])
    if spec.type == col.FIELD:
        fields = list(import_fields())
        return _List([f.code for f in fields], [f"{f.code} ({f.name})" for f in fields])
    if spec.type in (col.PERIOD, col.QUARTER):
        year = plan.year if plan else today.year
        codes = [Period(year, q).code for q in (1, 2, 3, 4)]
        codes += [str(year)] if spec.type == col.PERIOD else []
        return _List(codes, codes)
    if spec.type == col.FLAG:
        return _List(["0", "1"], ["0", "1"])
    return None


def _data_column(
    data: Worksheet, lists: Worksheet, index: int, spec: Column, allowed, *, optional: bool
) -> None:
    letter = get_column_letter(index)
    cell = data.cell(row=1, column=index, value=str(spec.label))
    cell.font = BOLD
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.comment = Comment(_header_note(spec, optional=optional), "CCHC")
    dimension = data.column_dimensions[letter]
    dimension.width = min(max(len(str(spec.label)) + 4, 14), 45)
    dimension.number_format = DATE_FORMAT if spec.type == col.DATE else "@"
    if spec.type == col.COUNT:
        dimension.number_format = "0"
    validation = _validation(spec, allowed, lists)
    if validation is not None:
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        data.add_data_validation(validation)


def _header_note(spec: Column, *, optional: bool) -> str:
    parts = [_("Mã cột: %(code)s") % {"code": spec.code}, _required_text(spec, optional=optional)]
    if spec.help:
        parts.append(str(spec.help))
    return "\n".join(parts)


def _validation(spec: Column, allowed: _List | None, lists: Worksheet) -> DataValidation | None:
    prompt = str(spec.help)[:255] or None
    common = {
        "allow_blank": True,
        "showErrorMessage": True,
        "showInputMessage": bool(prompt),
        "promptTitle": str(spec.label)[:32],
        "prompt": prompt,
        "errorTitle": str(spec.label)[:32],
    }
    if allowed is not None and allowed.values:
        warn = spec.type in WARN_ONLY
        return DataValidation(
            type="list",
            formula1=_list_range(lists, spec, allowed),
            errorStyle="warning" if warn else "stop",
            error=(
                _("Giá trị không có trong danh sách. Vẫn nhập?")
                if warn
                else _("Hãy chọn một giá trị trong danh sách.")
            ),
            **common,
        )
    if spec.type == col.DATE:
        return DataValidation(
            type="date",
            operator="between",
            formula1="DATE(2000,1,1)",
            formula2="DATE(2099,12,31)",
            error=_("Cần một ngày (DD/MM/YYYY)."),
            **common,
        )
    if spec.type == col.COUNT:
        return DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2=str(MAX_COUNT),
            error=_("Cần một số nguyên từ 0 đến %(max)s.") % {"max": number(MAX_COUNT)},
            **common,
        )
    return None


def _list_range(lists: Worksheet, spec: Column, allowed: _List) -> str:
    """Write the list in the next free column of the hidden sheet; the range that holds it."""
    index = (lists.max_column + 1) if lists["A1"].value is not None else 1
    letter = get_column_letter(index)
    lists.cell(row=1, column=index, value=spec.code)
    for row, value in enumerate(allowed.values, 2):
        lists.cell(row=row, column=index, value=value)
    return f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(allowed.values) + 1}"


def _required_text(spec: Column, *, optional: bool) -> str:
    if optional:
        return _("Không bắt buộc (có thể bỏ cả cột)")
    return _("Bắt buộc") if spec.required else _("Có thể để trống")


def _format_text(spec: Column) -> str:
    return {
        col.TEXT: _("Chữ"),
        col.DATE: _("Ngày: DD/MM/YYYY hoặc YYYY-MM-DD"),
        col.FLAG: _("0 hoặc 1"),
        col.COUNT: _("Số nguyên từ 0 đến %(max)s") % {"max": number(MAX_COUNT)},
        col.UNIT: _("Mã đơn vị (chữ hoa hay thường đều được)"),
        col.UNITS: _("Các mã đơn vị, cách nhau bởi dấu ;"),
        col.FIELD: _("Mã lĩnh vực TTHC"),
        col.PERIOD: _("YYYY-Q1 … YYYY-Q4 hoặc YYYY"),
        col.QUARTER: _("YYYY-Q1 … YYYY-Q4"),
        col.CHOICE: _("Một giá trị trong danh sách: tên hoặc mã"),
        col.URL: _("Đường dẫn đầy đủ (https://…)"),
    }.get(spec.type, _("Chữ"))


def _allowed_text(allowed: _List | None) -> str:
    if allowed is None:
        return ""
    shown = allowed.shown[:SHOWN_CODES]
    text = "; ".join(shown)
    if len(allowed.shown) > SHOWN_CODES:
        text += _("; … (%(n)s giá trị, đủ trong danh sách chọn)") % {"n": len(allowed.shown)}
    return text


def _instructions(
    sheet: Worksheet, kind: str, specs, offered, *, optional, today: dt.date, plan
) -> None:
    label = str(KIND_LABELS.get(kind, kind))
    key_columns = kind_key(kind=kind, columns=VALIDATORS[kind].columns)
    key = [str(column_spec(kind=kind, code=c).label) for c in key_columns]
    title = _("Mẫu nhập dữ liệu: %(label)s (loại %(kind)s)") % {"label": label, "kind": kind}
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    rules = [
        _(
            "Điền dữ liệu từ dòng 2 của trang “%(sheet)s”, mỗi dòng một bản ghi; giữ nguyên dòng "
            "tiêu đề (tên cột tiếng Việt hoặc mã cột đều được)."
        )
        % {"sheet": DATA_SHEET},
        _(
            "Tất cả hoặc không: nếu có bất kỳ dòng nào lỗi, cả tệp bị từ chối và không ghi dòng "
            "nào; mọi dòng lỗi được liệt kê kèm số dòng và lý do. Sửa rồi tải lên lại."
        ),
        _(
            "Khóa: %(key)s. Dòng cùng khóa với dữ liệu đã có sẽ cập nhật dữ liệu đó; nhập lại "
            "cùng một tệp không thay đổi gì."
        )
        % {"key": ", ".join(key)},
        _("Ngày: chọn hoặc gõ theo dạng DD/MM/YYYY hoặc YYYY-MM-DD."),
        _(
            "Danh sách chọn lập ngày %(day)s: đơn vị của %(plan)s đang hoạt động. Mã của đơn vị "
            "đã giải thể, sáp nhập vẫn được nhận cho số liệu các kỳ trước (Excel hỏi lại khi "
            "gõ mã ngoài danh sách)."
        )
        % {"day": today.strftime("%d/%m/%Y"), "plan": plan.code if plan else _("hệ thống")},
        _(
            "Tải lên ở trang Nhập dữ liệu (/nhap-du-lieu/) hoặc dùng lệnh: "
            "python manage.py import_data %(kind)s TỆP.xlsx"
        )
        % {"kind": kind},
    ]
    for rule in rules:
        sheet.append(["• " + rule])
    sheet.append([])
    heading = [
        _("Tiêu đề cột"),
        _("Mã cột"),
        _("Ý nghĩa"),
        _("Bắt buộc"),
        _("Định dạng"),
        _("Giá trị cho phép"),
    ]
    sheet.append(heading)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for spec in specs:
        sheet.append(
            [
                str(spec.label),
                spec.code,
                str(spec.help) or str(spec.label),
                _required_text(spec, optional=spec.code in optional),
                _format_text(spec),
                _allowed_text(offered[spec.code]),
            ]
        )
    for letter, width in zip("ABCDEF", (30, 18, 50, 22, 34, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=len(rules) + 3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
