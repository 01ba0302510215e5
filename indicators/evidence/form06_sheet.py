"""Biểu số 06/VPCP/KSTT as units fill it (Thông tư 01/2020/TT-VPCP), read into `form06` rows.

The sheet has title lines (the unit, "Kỳ báo cáo: Quý III năm 2021"), a two-row header and one
row per procedure field, named as the portal names it ("Đất đai"), in 13 columns:

    STT | Lĩnh vực | received: total, online, in person or by post, carried over |
    resolved: total, early, on time, late | pending: total, within the deadline, overdue

The reader maps it onto the contract's columns (docs/imports.md, "form06"), so the validator, the
preview and the writer are those of any `form06` file. A total that is not the sum of its parts
rejects the file, as in any bad row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.utils.translation import gettext as _

from indicators.evidence.errors import ImportRejected, RowError
from indicators.evidence.models import FORM06_COUNTS
from indicators.evidence.reading import excerpt
from indicators.targets.models import ProcedureField
from plans.periods import Period
from units.models import Unit

CONTRACT_HEADER = ["unit", "field", "period", *FORM06_COUNTS]
# After "Lĩnh vực", the sheet's 11 number columns; None marks a total (checked, not stored).
SHEET_NUMBERS = (
    None,
    "received_online",
    "received_direct",
    "carried_over",
    None,
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    None,
    "pending_in_time",
    "pending_overdue",
)
TOTALS = {0: (1, 2, 3), 4: (5, 6, 7), 8: (9, 10)}  # total's index → its parts' indexes
TOTAL_LABELS = {
    0: "Tổng số hồ sơ tiếp nhận",
    4: "Tổng số hồ sơ đã giải quyết",
    8: "Tổng số hồ sơ đang giải quyết",
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\b\D{0,12}?(\d{4})")
_ISO_QUARTER = re.compile(r"\b(\d{4})-q([1-4])\b")


def fold(text: str) -> str:
    """Lower case without Vietnamese accents, spaces collapsed: "Quý III" → "quy iii"."""
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def is_form06_sheet(header: list[str]) -> bool:
    """Whether a `form06` file is the filled-in form rather than the contract's columns."""
    return "unit" not in header or "field" not in header


def sheet_period(text: str) -> str | None:
    """The quarter a title line names: "Quý III năm 2021", "quý 3/2021" or "2021-Q3"."""
    folded = fold(text)
    match = _ISO_QUARTER.search(folded)
    if match:
        return f"{match[1]}-Q{match[2]}"
    match = _QUARTER.search(folded)
    if match:
        quarter = ROMAN.get(match[1]) or int(match[1])
        return Period(int(match[2]), quarter).code
    return None


def form06_sheet_rows(rows: Iterable[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The sheet's field rows as contract rows (line, [unit, field, period, eight numbers]);
    raise `ImportRejected` listing every problem of the sheet."""
    rows = list(rows)
    errors: list[RowError] = []
    header_line, name_col = _header(rows)
    if header_line is None:
        raise ImportRejected(
            [
                RowError(
                    0,
                    _(
                        "Tệp không có các cột của Biểu 06 (unit, field, period, …) và cũng không "
                        'phải Biểu số 06/VPCP/KSTT (không thấy dòng tiêu đề có "Lĩnh vực", '
                        '"Trước hạn", "Đúng hạn").'
                    ),
                )
            ]
        )
    titles = [" ".join(values) for line, values in rows if line < header_line]
    unit = _unit(titles, errors)
    period = _period(titles, errors)
    fields = _fields()
    out = []
    for line, values in rows:
        if line <= header_line:
            continue
        name = values[name_col].strip() if name_col < len(values) else ""
        cells = [
            (values[i].strip() if i < len(values) else "")
            for i in range(name_col + 1, name_col + 1 + len(SHEET_NUMBERS))
        ]
        if not name or _is_numbering(name, cells) or fold(name).startswith("tong"):
            continue
        if not any(c for c in cells if not c.startswith("=")):
            continue  # a field left blank, a group heading or a signature line
        numbers = _numbers(line, cells, errors)
        field_code = fields.get(fold(name), name)
        out.append(
            (
                line,
                [
                    unit or "",
                    field_code,
                    period or "",
                    *(numbers[i] for i, key in enumerate(SHEET_NUMBERS) if key),
                ],
            )
        )
    if not out and not errors:
        errors.append(RowError(0, _("Biểu 06 không có dòng số liệu nào theo lĩnh vực.")))
    if errors:
        raise ImportRejected(errors, len(out))
    return out


def _header(rows) -> tuple[int | None, int]:
    """The line of the sub-header ("Trước hạn", "Đúng hạn"), and the "Lĩnh vực" column."""
    name_col = 1
    for line, values in rows:
        folded = [fold(v) for v in values]
        for i, value in enumerate(folded):
            if value.startswith("linh vuc"):
                name_col = i
        if any(v.startswith("truoc han") for v in folded) and any(
            v.startswith("dung han") for v in folded
        ):
            return line, name_col
    return None, name_col


def _is_numbering(name: str, cells: list[str]) -> bool:
    """The row of column numbers under the header: "(2)", "(3)" … or "2", "3" …"""
    return bool(re.fullmatch(r"\(?\d{1,2}\)?", name)) and all(
        re.fullmatch(r"\(?\d{1,2}\)?(=.*)?", c) or not c for c in cells
    )


def _numbers(line: int, cells: list[str], errors: list[RowError]) -> list[str]:
    """The 11 cells as digit strings ('' → 0); a total that is not its parts' sum is an error."""
    numbers = []
    for cell in cells:
        value = cell.replace(".", "").replace(",", "").replace(" ", "") if cell else "0"
        numbers.append(value)
    if all(n.isdigit() for n in numbers):
        for total, parts in TOTALS.items():
            if cells[total] and int(numbers[total]) != sum(int(numbers[p]) for p in parts):
                errors.append(
                    RowError(
                        line,
                        _("%(label)s (%(total)s) khác tổng các cột thành phần (%(sum)s).")
                        % {
                            "label": TOTAL_LABELS[total],
                            "total": numbers[total],
                            "sum": sum(int(numbers[p]) for p in parts),
                        },
                    )
                )
    return numbers


def _fields() -> dict[str, str]:
    """Folded field name or code → code."""
    found = {}
    for code, name in ProcedureField.objects.values_list("code", "name"):
        found[fold(name)] = code
        found[fold(code)] = code
    return found


def _unit(titles: list[str], errors: list[RowError]) -> str | None:
    """The unit a title line names ("Đơn vị báo cáo: Phường 1" or its code)."""
    for title in titles:
        folded = fold(title)
        if not folded.startswith("don vi") or ":" not in title:
            continue
        text = title.split(":", 1)[1].strip()
        if not text:
            continue
        matches = _units_named(text)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            errors.append(
                RowError(
                    0,
                    _('Có nhiều đơn vị tên "%(name)s" (%(codes)s): ghi mã đơn vị thay cho tên.')
                    % {"name": excerpt(text), "codes": ", ".join(matches)},
                )
            )
            return None
        errors.append(
            RowError(
                0,
                _('Không có đơn vị mã hoặc tên "%(name)s" trong hệ thống.')
                % {"name": excerpt(text)},
            )
        )
        return None
    errors.append(
        RowError(
            0,
            _('Biểu 06 không ghi đơn vị: cần một dòng "Đơn vị báo cáo: <tên hoặc mã đơn vị>".'),
        )
    )
    return None


def _units_named(text: str) -> list[str]:
    """Codes of the units a text names: a code, a name, or "name (code)"."""
    suffix = re.search(r"\(([^()]+)\)\s*$", text)
    for candidate in ([suffix[1].strip()] if suffix else []) + [text]:
        by_code = list(Unit.objects.filter(code__iexact=candidate).values_list("code", flat=True))
        if by_code:
            return by_code
    if suffix:
        text = text[: suffix.start()].strip()
    wanted = fold(text)
    return sorted(
        code for code, name in Unit.objects.values_list("code", "name") if fold(name) == wanted
    )


def _period(titles: list[str], errors: list[RowError]) -> str | None:
    for title in titles:
        period = sheet_period(title)
        if period:
            return period
    errors.append(
        RowError(
            0,
            _('Biểu 06 không ghi kỳ báo cáo: cần một dòng như "Kỳ báo cáo: Quý III năm 2021".'),
        )
    )
    return None


def form06_sheet_workbook(*, unit: Unit | None, period: Period | None, figures: dict | None = None):
    """Biểu 06 as an office fills it: title lines, the two-row header, one row per procedure
    field (its numbers from `figures[field code]`, blank otherwise) and the totals formulas.
    The reader above takes it back as it is."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    figures = figures or {}
    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu 06"
    bold, center = (
        Font(bold=True),
        Alignment(horizontal="center", vertical="center", wrap_text=True),
    )
    sheet.append(["Biểu số 06/VPCP/KSTT"])
    sheet.append(
        ["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"]
    )
    sheet.append(
        [
            f"Kỳ báo cáo: Quý {period.quarter} năm {period.year}"
            if period
            else "Kỳ báo cáo: Quý … năm …"
        ]
    )
    sheet.append([f"Đơn vị báo cáo: {unit.name} ({unit.code})" if unit else "Đơn vị báo cáo: "])
    first = sheet.max_row + 1
    sheet.append(
        [
            "STT",
            "Lĩnh vực",
            "Số hồ sơ nhận giải quyết",
            "",
            "",
            "",
            "Số hồ sơ đã giải quyết",
            "",
            "",
            "",
            "Số hồ sơ đang giải quyết",
        ]
    )
    sheet.append(
        [
            "",
            "",
            "Tổng số",
            "Trực tuyến",
            "Trực tiếp, dịch vụ bưu chính",
            "Từ kỳ trước chuyển qua",
            "Tổng số",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Tổng số",
            "Trong hạn",
            "Quá hạn",
        ]
    )
    sheet.append([f"({i})" for i in range(1, 14)])
    for start, end in (("C", "F"), ("G", "J"), ("K", "M")):
        sheet.merge_cells(f"{start}{first}:{end}{first}")
    for col in ("A", "B"):
        sheet.merge_cells(f"{col}{first}:{col}{first + 1}")
    for row in sheet.iter_rows(min_row=first, max_row=first + 2):
        for cell in row:
            cell.font, cell.alignment = bold, center
    for n, field in enumerate(ProcedureField.objects.order_by("order", "code"), start=1):
        values = figures.get(field.code) or {}
        r = sheet.max_row + 1
        numbers = [values.get(key) for key in FORM06_COUNTS]
        sheet.append(
            [n, field.name, f"=SUM(D{r}:F{r})", *numbers[0:3], f"=SUM(H{r}:J{r})", *numbers[3:6]]
            + [f"=SUM(L{r}:M{r})", *numbers[6:8]]
        )
    sheet.column_dimensions["B"].width = 34
    for col in "CDEFGHIJKLM":
        sheet.column_dimensions[col].width = 12
    return book
