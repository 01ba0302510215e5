"""Reading import files: the header and `(line, values)` rows of a CSV or XLSX file.

Line 1 is the header, the first data row line 2; every value is a stripped string (XLSX dates
become ISO dates).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from common.cells import cell_read_text


def _is_xlsx(source, name: str) -> bool:
    if name.lower().endswith((".xlsx", ".xlsm")):
        return True
    if name.lower().endswith(".csv"):
        return False
    head = _peek(source, 4)
    return head == b"PK\x03\x04"


def _peek(source, size: int) -> bytes:
    if isinstance(source, str | Path):
        with open(source, "rb") as fh:
            return fh.read(size)
    pos = source.tell()
    data = source.read(size)
    source.seek(pos)
    return data


class FileUnreadable(Exception):
    pass


def read_table(source, *, name: str = "") -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (lower case) and an iterator of (line, values) for a CSV or XLSX file.

    `source` is a path or a binary file object. Blank rows are skipped (their lines still count).
    """
    name = name or (str(source) if isinstance(source, str | Path) else getattr(source, "name", ""))
    if _is_xlsx(source, name or ""):
        return _read_xlsx(source)
    return _read_csv(source)


def _read_csv(source):
    binary = open(source, "rb") if isinstance(source, str | Path) else source
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        first = text.readline()
    except UnicodeDecodeError as exc:
        raise FileUnreadable(_("Tệp CSV phải mã hóa UTF-8.")) from exc
    if not first.strip():
        if isinstance(source, str | Path):
            binary.close()
        return [], iter(())
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delimiter))]

    def rows():
        reader = csv.reader(text, delimiter=delimiter)
        line = 1
        try:
            for values in reader:
                line += 1
                if values and (values[0].strip() or any(v.strip() for v in values)):
                    yield line, values
        except UnicodeDecodeError as exc:
            raise FileUnreadable(_("Tệp CSV phải mã hóa UTF-8.")) from exc
        finally:
            if isinstance(source, str | Path):
                binary.close()
            else:
                text.detach()

    return header, rows()


def _read_xlsx(source):
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any broken workbook is "unreadable"
        raise FileUnreadable(_("Không đọc được tệp Excel (.xlsx).")) from exc
    sheet = workbook.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    first = next(cells, None)
    if first is None or not any(c is not None and str(c).strip() for c in first):
        workbook.close()
        return [], iter(())
    header = [cell_read_text(c).lower() for c in first]

    def rows():
        line = 1
        try:
            for raw in cells:
                line += 1
                values = [cell_read_text(c) for c in raw]
                if any(values):
                    yield line, values
        finally:
            workbook.close()

    return header, rows()


def count_rows(path) -> int:
    """A quick estimate of a stored file's data rows (for progress and the background limit)."""
    path = Path(path)
    if _is_xlsx(path, path.name):
        try:
            workbook = load_workbook(path, read_only=True)
        except Exception:  # noqa: BLE001 - unreadable: the import itself will say so
            return 0
        try:
            return max((workbook.worksheets[0].max_row or 1) - 1, 0)
        finally:
            workbook.close()
    lines = 0
    with open(path, "rb") as fh:
        last = b""
        while chunk := fh.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk
    if last and not last.endswith(b"\n"):
        lines += 1
    return max(lines - 1, 0)
