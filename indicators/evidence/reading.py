"""Reading import files: the header and `(line, values)` rows of a CSV or XLSX file.

Line 1 is the header, the first data row line 2; every value is a stripped string in Unicode
NFC (XLSX dates become ISO dates), so a key typed in NFC and in NFD is one key.

Hostile files are refused before memory grows (docs/imports.md, "Limits"): an XLSX is a zip whose
members' declared sizes are checked first (total, ratio, count: a decompression bomb), its XML is
parsed by defusedxml (no entities), its `<dimension>` is not trusted (every row is read), and a
file with more than `max_rows` rows is refused while it is read.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from common.cells import cell_read_text

MAX_CELL_CHARS = 131_072  # longer cells are refused (and the CSV reader's own field limit)
EXCERPT_CHARS = 50  # a message quotes at most this much of a bad cell
DEFAULT_MAX_ROWS = 2_000_000
DEFAULT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_COMPRESSION_RATIO = 200  # a member this much smaller zipped than unzipped is a bomb
DEFAULT_MAX_ZIP_MEMBERS = 1_000
RATIO_CHECK_BYTES = 1024 * 1024  # small members may compress very well (styles, empty sheets)


def _limit(name: str, default: int) -> int:
    return getattr(settings, name, default)


def max_rows_default() -> int:
    return _limit("IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def number(n: int) -> str:
    """An integer as written in Vietnamese: 1.000.000."""
    return f"{n:,}".replace(",", ".")


def excerpt(value: str, size: int = EXCERPT_CHARS) -> str:
    """The start of a cell for a message: never more than `size` characters of it, a NUL shown
    as ␀ (a message may be stored where NUL is not allowed)."""
    value = value if len(value) <= size else value[:size] + "…"
    return value.replace("\x00", "␀")


def nfc(value: str) -> str:
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


class UnusableRow(list):
    """A row read whole but holding cells no column may take (a NUL, an over-long cell): the
    validator rejects it with `bad`, the offending cells."""

    def __init__(self, values: list[str], bad: list[str]):
        super().__init__(values)
        self.bad = bad


def _row(values: list[str]) -> list[str]:
    """The cells of a row in NFC, or an `UnusableRow`; one join keeps the usual ASCII row cheap."""
    joined = "".join(values)
    if "\x00" in joined or len(joined) > MAX_CELL_CHARS:
        bad = [v for v in values if "\x00" in v or len(v) > MAX_CELL_CHARS]
        if bad:
            return UnusableRow(values, bad)
    if joined.isascii():
        return values
    return [nfc(v) for v in values]


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
    """The file as a whole cannot be read; `line` names the row where reading stopped (0: none)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


class TooManyRows(FileUnreadable):
    pass


def read_table(
    source, *, name: str = "", max_rows: int | None = None
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (lower case) and an iterator of (line, values) for a CSV or XLSX file.

    `source` is a path or a binary file object. Blank rows are skipped (their lines still count).
    Reading raises `FileUnreadable` (also from the iterator) for a broken or oversized file.
    """
    name = name or (str(source) if isinstance(source, str | Path) else getattr(source, "name", ""))
    max_rows = max_rows_default() if max_rows is None else max_rows
    if _is_xlsx(source, name or ""):
        return _read_xlsx(source, max_rows)
    return _read_csv(source, max_rows)


def _too_many(line: int, max_rows: int) -> TooManyRows:
    return TooManyRows(
        _("Tệp có quá %(n)s dòng dữ liệu: hãy chia thành nhiều tệp.") % {"n": number(max_rows)},
        line,
    )


def _csv_header(first: str) -> tuple[list[str], str]:
    """The header cells (stripped, lower case, NFC) of a CSV file's first line, and the file's
    delimiter: `;` when the line holds more of them than commas."""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        header = [nfc(h.strip().lower()) for h in next(csv.reader([first], delimiter=delimiter))]
    except csv.Error as exc:
        raise FileUnreadable(_("Dòng tiêu đề của tệp CSV không đọc được."), 1) from exc
    return header, delimiter


def csv_header(path) -> tuple[list[str], str] | None:
    """The header and delimiter of a UTF-8 CSV file on disk, as `read_table` reads them; None
    when the file is not such a file (the caller reads it the usual way, which says why)."""
    if _is_xlsx(path, str(path)):
        return None
    try:
        with open(path, encoding="utf-8-sig", newline="") as text:
            first = text.readline(MAX_CELL_CHARS * 4)
        if not first.strip():
            return None
        return _csv_header(first)
    except (OSError, UnicodeDecodeError, FileUnreadable):
        return None


def _read_csv(source, max_rows: int):
    binary = open(source, "rb") if isinstance(source, str | Path) else source
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        first = text.readline(MAX_CELL_CHARS * 4)
    except UnicodeDecodeError as exc:
        raise FileUnreadable(_("Tệp CSV phải mã hóa UTF-8.")) from exc
    if not first.strip():
        if isinstance(source, str | Path):
            binary.close()
        return [], iter(())
    header, delimiter = _csv_header(first)

    def rows():
        reader = csv.reader(text, delimiter=delimiter)
        line = 1
        try:
            for values in reader:
                line += 1
                if line - 1 > max_rows:
                    raise _too_many(line, max_rows)
                if values and (values[0].strip() or any(v.strip() for v in values)):
                    yield line, _row(values)
        except UnicodeDecodeError as exc:
            raise FileUnreadable(_("Tệp CSV phải mã hóa UTF-8.")) from exc
        except csv.Error as exc:
            line += 1
            if "field larger" in str(exc):
                message = _("Có ô dài quá %(max)s ký tự.") % {"max": number(MAX_CELL_CHARS)}
            else:
                message = _("Tệp CSV hỏng ở dòng này, không đọc tiếp được.")
            raise FileUnreadable(message, line) from exc
        finally:
            if isinstance(source, str | Path):
                binary.close()
            else:
                text.detach()

    return header, rows()


def xlsx_check_archive(source) -> None:
    """Refuse a zip bomb from the members' declared sizes, before anything is decompressed
    (zipfile never inflates a member past its declared size)."""
    max_bytes = _limit("IMPORT_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED_BYTES)
    max_ratio = _limit("IMPORT_MAX_COMPRESSION_RATIO", DEFAULT_MAX_COMPRESSION_RATIO)
    max_members = _limit("IMPORT_MAX_ZIP_MEMBERS", DEFAULT_MAX_ZIP_MEMBERS)
    pos = None if isinstance(source, str | Path) else source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise FileUnreadable(_("Không đọc được tệp Excel (.xlsx).")) from exc
    finally:
        if pos is not None:
            source.seek(pos)
    if len(members) > max_members:
        raise FileUnreadable(
            _("Tệp Excel có quá nhiều thành phần (%(n)s, tối đa %(max)s).")
            % {"n": len(members), "max": max_members}
        )
    total = sum(m.file_size for m in members)
    if total > max_bytes:
        raise FileUnreadable(
            _(
                "Tệp Excel khi giải nén quá lớn (%(size)s MB, tối đa %(max)s MB): hãy chia nhỏ "
                "hoặc dùng CSV."
            )
            % {"size": total // (1024 * 1024), "max": max_bytes // (1024 * 1024)}
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_BYTES and ratio > max_ratio:
            raise FileUnreadable(_("Tệp Excel bị nén bất thường (tệp nén nguy hiểm), không đọc."))


def _open_sheet(source):
    xlsx_check_archive(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # noqa: BLE001 - any broken workbook is "unreadable"
        raise FileUnreadable(_("Không đọc được tệp Excel (.xlsx).")) from exc
    sheet.reset_dimensions()  # the declared <dimension> may understate the rows: read them all
    return workbook, sheet


def _xml_error(exc: Exception, line: int) -> FileUnreadable:
    return FileUnreadable(
        _("Tệp Excel hỏng hoặc chứa XML không được phép (sau dòng %(line)s), không đọc.")
        % {"line": line}
    )


def _read_xlsx(source, max_rows: int):
    workbook, sheet = _open_sheet(source)
    cells = sheet.iter_rows(values_only=True)
    try:
        first = next(cells, None)
    except Exception as exc:  # noqa: BLE001 - malformed XML, entities (defusedxml), bad zip
        workbook.close()
        raise _xml_error(exc, 1) from exc
    if first is None or not any(c is not None and str(c).strip() for c in first):
        workbook.close()
        return [], iter(())
    header = [nfc(cell_read_text(c).lower()) for c in first]

    def rows():
        line = 1
        try:
            for raw in cells:
                line += 1
                if line - 1 > max_rows:
                    raise _too_many(line, max_rows)
                values = [cell_read_text(c) for c in raw]
                if any(values):
                    yield line, _row(values)
        except FileUnreadable:
            raise
        except Exception as exc:  # noqa: BLE001 - malformed XML, entities (defusedxml), bad zip
            raise _xml_error(exc, line) from exc
        finally:
            workbook.close()

    return header, rows()


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def count_rows(path) -> int:
    """A quick estimate of a stored file's data rows (for progress and the background limit):
    the `<row>` elements of an XLSX sheet (its `<dimension>` may lie), the lines of a CSV."""
    path = Path(path)
    if _is_xlsx(path, path.name):
        try:
            workbook, sheet = _open_sheet(path)
        except FileUnreadable:  # the import itself will say so
            return 0
        try:
            rows, tail = 0, b""
            with workbook._archive.open(sheet._worksheet_path) as fh:
                while chunk := fh.read(1 << 20):
                    data = tail + chunk
                    cut = data.rfind(b"<")
                    rows += len(_ROW_TAG.findall(data, 0, cut if cut > 0 else len(data)))
                    tail = data[cut:] if cut > 0 else b""
            rows += len(_ROW_TAG.findall(tail))
            return max(rows - 1, 0)
        except Exception:  # noqa: BLE001 - unreadable: the import itself will say so
            return 0
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
