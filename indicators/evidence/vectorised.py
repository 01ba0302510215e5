"""A large clean dossier file, read and checked by column (polars) instead of row by row.

The row-by-row validator (`validators.DossierValidator`) stays the rule: this path accepts a
file only when every cell passes checks that are narrower than the validator's (plain ASCII
codes, dates written `YYYY-MM-DD` or `DD/MM/YYYY` with two-digit day and month, flags 0/1 or
blank, no space around a value, unit and field codes exactly as stored), and then produces the
very rows the validator would. Anything else, a bad row above all, returns None and the file
is read the usual way, which reports every bad row with its line and message. So a file is
accepted or refused exactly as before, and its rows are written exactly as before; only the
clean large file is faster (docs/imports.md "Speed"). Small files are not worth the switch.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from indicators.evidence.reading import csv_header, max_rows_default
from indicators.evidence.validation import PREVIEW_ROWS
from indicators.evidence.validators import DossierValidator

MIN_ROWS = 20_000  # smaller files: the row-by-row validator is as quick
CODE = r"^[!-&(-~]([ -~]{0,58}[!-~])?$"  # printable ASCII, ≤ 60, no ' first, no edge space
ISO = r"^\d{4}-\d{2}-\d{2}$"
DMY = r"^\d{2}/\d{2}/\d{4}$"
FLAG = ("", "0", "1")
DATES = ("received_on", "due_on", "resolved_on")

if TYPE_CHECKING:
    import polars as pl

# polars is imported where it is used, not with this module: a Celery worker imports the app
# before it forks its children, and polars warns that a fork after its import may deadlock.


class CleanFrame:
    """The clean rows of a file held by column: iterated as the validator's tuples (SQLite
    staging), or written as CSV for PostgreSQL's COPY (`upsert.SqlUpsert`)."""

    def __init__(self, frame: pl.DataFrame):
        self.frame = frame

    def __iter__(self):
        return self.frame.iter_rows()

    def csv_file(self) -> FrameCsv:
        return FrameCsv(self.frame)


class FrameCsv:
    """A frame as CSV for `COPY … FROM STDIN`, a slice at a time, written by polars in a thread
    ahead of the reader (polars lets go of the GIL): the server stores one slice while the next
    is being written. Used as a context manager, which stops the writer if the COPY ends early.
    """

    def __init__(self, frame: pl.DataFrame, *, rows: int = 100_000, ahead: int = 2):
        self.slices: queue.Queue[str] = queue.Queue(maxsize=ahead)
        self.stop = threading.Event()
        self.failure: BaseException | None = None
        self.done = False
        self.writer = threading.Thread(target=self._write, args=(frame, rows), daemon=True)
        self.writer.start()

    def _write(self, frame: pl.DataFrame, rows: int) -> None:
        try:
            for offset in range(0, frame.height, rows):
                self._put(frame.slice(offset, rows).write_csv(include_header=False))
        except BaseException as exc:  # noqa: BLE001 - handed to the reader, which raises it
            self.failure = exc
        self._put("")

    def _put(self, text: str) -> None:
        while not self.stop.is_set():
            try:
                self.slices.put(text, timeout=0.1)
                return
            except queue.Full:
                continue

    def read(self, size: int = -1) -> str:
        if self.done:
            return ""
        text = self.slices.get()
        if self.failure is not None:
            raise self.failure
        self.done = text == ""
        return text

    readline = read

    def __enter__(self) -> FrameCsv:
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.writer.join()


def dossiers_read(*, source, name: str = "", max_rows: int | None = None):
    """(validator, CleanFrame) for a clean CSV file of dossiers on disk, with the validator's
    count, preview and units filled in as its own reading would; None for any other file."""
    if not isinstance(source, str | Path) or str(name or source).lower().endswith(".xlsx"):
        return None
    if Path(source).stat().st_size < MIN_ROWS * 40:
        return None
    found = csv_header(source)
    if found is None:
        return None
    import polars as pl

    header, delimiter = found
    validator = DossierValidator(header)  # a missing column is refused here, as usual
    max_rows = max_rows_default() if max_rows is None else max_rows
    try:
        raw = pl.read_csv(
            source,
            has_header=False,
            skip_rows=1,
            separator=delimiter,
            infer_schema=False,
            encoding="utf8",
        )
    except (pl.exceptions.PolarsError, OSError, ValueError):
        return None
    if raw.height == 0 or raw.height > max_rows or _lines(source) != raw.height + 1:
        return None  # blank lines, line breaks inside cells, too many rows: the usual reading
    columns = [raw.columns[i] for i in validator.index]
    frame = raw.select(
        pl.col(c).fill_null("").alias(code)
        for c, code in zip(columns, validator.columns, strict=True)
    )
    clean = _clean(frame, validator)
    if clean is None:
        return None
    validator.total = clean.height
    validator.preview = [
        (line, list(values)) for line, values in enumerate(frame.head(PREVIEW_ROWS).iter_rows(), 2)
    ]
    validator.unit_ids = set(clean["unit_id"].unique().to_list())
    return validator, CleanFrame(clean)


def _lines(path) -> int:
    """Lines of the file (a last line without a line break counts)."""
    count, last = 0, b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _clean(frame: pl.DataFrame, validator: DossierValidator) -> pl.DataFrame | None:
    """The validator's tuples by column, or None when any cell falls outside the narrow checks."""
    import polars as pl

    units = pl.DataFrame(
        {"unit": list(validator.units), "unit_id": list(validator.units.values())},
        schema={"unit": pl.String, "unit_id": pl.Int64},
    )
    fields = pl.DataFrame(
        {"field": list(validator.fields), "field_id": list(validator.fields.values())},
        schema={"field": pl.String, "field_id": pl.Int64},
    )
    bad_text = frame.select(
        ~pl.col("code").str.contains(CODE)
        | pl.col("code").is_duplicated()
        | ~pl.col("online").is_in(FLAG)
        | ~pl.col("e_paid").is_in(FLAG)
    )
    if bad_text.to_series().any():
        return None
    dated = frame.with_columns(
        (pl.col("resolved_on") != "").alias("resolved_given"),
        *(_date(name) for name in DATES),
        pl.col("online") == "1",
        pl.col("e_paid") == "1",
    )
    joined = dated.join(units, on="unit", how="left", maintain_order="left").join(
        fields, on="field", how="left", maintain_order="left"
    )
    received, due, resolved = (pl.col(name) for name in DATES)
    bad = joined.select(
        pl.col("unit_id").is_null()
        | pl.col("field_id").is_null()
        | received.is_null()
        | due.is_null()
        | (resolved.is_null() & pl.col("resolved_given"))
        | (due < received)
        | (resolved < received).fill_null(False)
    )
    if bad.to_series().any():
        return None
    return joined.select(
        "code",
        "unit_id",
        "field_id",
        *(pl.col(name).dt.strftime("%Y-%m-%d") for name in DATES),
        "online",
        "e_paid",
    )


def _date(name: str) -> pl.Expr:
    """A date column from `YYYY-MM-DD` or `DD/MM/YYYY` text; null when blank or not a real
    date (also year 0, which Python's dates do not have)."""
    import polars as pl

    text = pl.col(name)
    day = (
        pl.when(text.str.contains(ISO))
        .then(text.str.to_date("%Y-%m-%d", strict=False))
        .when(text.str.contains(DMY))
        .then(text.str.to_date("%d/%m/%Y", strict=False))
    )
    return pl.when(day.dt.year() >= 1).then(day).alias(name)
