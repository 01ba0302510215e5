"""Spreadsheet cells: the one formula-injection rule for every CSV and XLSX the portal writes.

A text starting with = + - @, tab or CR would run as a formula in Excel or LibreOffice, so it is
written with a leading apostrophe; the importer takes the apostrophe off again, so an export
re-imports unchanged.
"""

import datetime as dt

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTED_FORMULA_START = tuple("'" + p for p in FORMULA_START)


def cell_neutralise(value):
    """`=SUM(A1)` becomes `'=SUM(A1)`; anything else (numbers, dates, None) is kept as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cell_text(value) -> str:
    """A cell written as text (None as empty), neutralised like `cell_neutralise`."""
    return cell_neutralise("" if value is None else str(value))


def cell_unquote(value: str) -> str:
    """The inverse of `cell_neutralise` for a text read back from a file."""
    return value[1:] if value.startswith(_QUOTED_FORMULA_START) else value


def cell_read_text(value) -> str:
    """A cell read from a CSV or XLSX file as a stripped string: dates ISO, whole floats as ints."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
