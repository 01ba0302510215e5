"""The `Validator` base: turns the raw rows of one kind into clean tuples and collects a
`RowError` for every bad row. The columns of each kind are in docs/imports.md; one validator per
kind is in `validators`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from common.cells import cell_unquote
from common.dates import parse_date
from indicators.evidence.columns import choice_lookup, column_spec, header_codes, text_fold
from indicators.evidence.errors import ImportRejected, RowError
from indicators.evidence.reading import MAX_CELL_CHARS, UnusableRow, excerpt, number
from indicators.targets.models import ProcedureField
from plans.periods import Period
from plans.selectors import plan_current
from units.models import Unit

PREVIEW_ROWS = 20
MAX_COUNT = 10**9  # a count above this is implausible (and near the database's integer range)
INVALID_DATE = object()  # cached for a raw date text that does not parse
LISTED_CODES = 30  # an "unknown code" message lists at most this many of the valid ones
LISTED_ERRORS = 1000  # and only the first this many such messages of a file list them


def codes_listed(codes: Iterable[str], limit: int = LISTED_CODES) -> str:
    """The valid codes for a message: "A, B, C" or, past `limit`, "A, B, … (và 12 mã khác)"."""
    codes = sorted(codes)
    if len(codes) <= limit:
        return ", ".join(codes)
    return _("%(codes)s, … (và %(n)s mã khác)") % {
        "codes": ", ".join(codes[:limit]),
        "n": number(len(codes) - limit),
    }


def cell_errors(cells: list[str], errs: list) -> None:
    """A row with a NUL character or an over-long cell is refused before its columns are read."""
    for value in cells:
        if "\x00" in value:
            errs.append(
                _('Ô chứa ký tự NUL (mã 0), không được phép: "%(value)s".')
                % {"value": excerpt(value)}
            )
        else:
            errs.append(
                _('Ô dài quá %(max)s ký tự (%(n)s ký tự): "%(value)s".')
                % {"max": number(MAX_CELL_CHARS), "n": number(len(value)), "value": excerpt(value)}
            )


class Validator:
    """Turns raw rows of one KIND into clean tuples, collecting every bad row's reason."""

    kind = ""
    columns: tuple[str, ...] = ()
    optional_columns: tuple[str, ...] = ()  # may be left out of a file; exported after `columns`
    required: tuple[str, ...] = ()
    # Where the unit's id sits in a clean row (None: the rows are not a unit's evidence), and
    # whether the unit is part of the row's key (an updated row cannot move to another unit).
    unit_at: int | None = None
    unit_in_key: bool = False

    def __init__(self, header: list[str]):
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []  # shown in the preview; the file may still be imported
        self.total = 0
        self.line = 0  # the line of the row being cleaned
        self.preview: list[tuple[int, list[str]]] = []
        self.seen: set = set()
        self.unit_ids: set[int] = set()  # the units of the good rows
        self._dates: dict[str, object] = {}
        self.copying = False  # a COPY is streaming the clean rows: progress must wait
        self.held_progress: Callable[[int], None] | None = None
        self._choices: dict[str, dict[str, str]] = {}
        # the current plan's year, for the bad-period message; read now, as no query may run
        # while the clean rows stream into a COPY (PostgreSQL)
        plan = plan_current()
        self._period_year = plan.year if plan else timezone.localdate().year
        self._hints = 0
        if not header:
            raise ImportRejected([RowError(0, _("Tệp rỗng: không có dòng tiêu đề và dữ liệu."))])
        header = self.header = header_codes(
            kind=self.kind, columns=self.columns + self.optional_columns, header=header
        )
        missing = [c for c in self.columns if c not in header]
        if missing:
            raise ImportRejected(
                [RowError(1, _('Thiếu cột "%(column)s".') % {"column": c}) for c in missing]
            )
        self.index = [header.index(c) for c in self.columns]
        self.load()

    def load(self) -> None:
        """Load look-ups once (units, fields)."""

    # helpers, each appending a message to `errs` and returning None when the value is bad
    def units_map(self) -> None:
        self.units = dict(Unit.objects.values_list("code", "id"))
        self.units_upper = {code.upper(): pk for code, pk in self.units.items()}
        self.unit_codes_text = codes_listed(self.units)

    def unit(self, raw: str, errs: list, column: str = "unit"):
        if not raw:
            errs.append(_('Thiếu giá trị cột "%(column)s".') % {"column": column})
            return None
        pk = self.units.get(raw) or self.units_upper.get(raw.upper())
        if pk is None:
            errs.append(
                _('Không có đơn vị mã "%(code)s".') % {"code": excerpt(raw)}
                + self.valid_hint(self.unit_codes_text)
            )
        return pk

    def valid_hint(self, codes_text: str) -> str:
        """ " Chọn trong: A, B, …" after the first `LISTED_ERRORS` unknown-code errors of a file;
        later ones stay short, so a file of a million bad rows does not hold a million lists."""
        self._hints += 1
        if self._hints > LISTED_ERRORS:
            return ""
        return " " + _("Chọn trong: %(choices)s.") % {"choices": codes_text}

    def fields_map(self) -> None:
        self.fields = dict(ProcedureField.objects.values_list("code", "id"))
        self.fields_lower = {code.lower(): pk for code, pk in self.fields.items()}
        self.field_codes_text = codes_listed(self.fields)

    def field(self, raw: str, errs: list):
        if not raw:
            errs.append(_('Thiếu giá trị cột "field".'))
            return None
        pk = self.fields.get(raw) or self.fields_lower.get(raw.lower())
        if pk is None:
            errs.append(
                _('Không có lĩnh vực TTHC mã "%(code)s".') % {"code": excerpt(raw)}
                + self.valid_hint(self.field_codes_text)
            )
        return pk

    def date(self, raw: str, column: str, errs: list, *, required: bool = True):
        """The ISO text of a date ('' when blank and optional), None when bad."""
        if not raw:
            if required:
                errs.append(_('Thiếu ngày ở cột "%(column)s".') % {"column": column})
                return None
            return ""
        iso = self._dates.get(raw)
        if iso is None:
            day = parse_date(raw)
            iso = day.isoformat() if day else INVALID_DATE
            self._dates[raw] = iso
        if iso is INVALID_DATE:
            errs.append(
                _(
                    'Ngày không hợp lệ ở cột "%(column)s": "%(value)s" '
                    "(cần YYYY-MM-DD hoặc DD/MM/YYYY)."
                )
                % {"column": column, "value": excerpt(raw)}
            )
            return None
        return iso

    def text(self, raw: str, column: str, errs: list, *, max_length: int, required: bool = True):
        value = cell_unquote(raw)
        if required and not value:
            errs.append(_('Thiếu giá trị cột "%(column)s".') % {"column": column})
            return None
        if len(value) > max_length:
            errs.append(
                _('Cột "%(column)s" dài quá %(max)s ký tự.') % {"column": column, "max": max_length}
            )
            return None
        return value

    def choice(self, raw: str, column: str, errs: list):
        """The code of a choice column (`columns`), given as its code or its Vietnamese label,
        case and accents aside: `CCHC_Periodic` and `kiểm tra cchc định kỳ` are `cchc_periodic`."""
        lookup = self._choices.get(column)
        if lookup is None:
            choices = column_spec(kind=self.kind, code=column).choices
            lookup = self._choices[column] = choice_lookup(choices)
        code = lookup.get(raw) or lookup.get(text_fold(raw))
        if code is None:
            choices = column_spec(kind=self.kind, code=column).choices
            errs.append(
                _(
                    'Giá trị "%(value)s" không hợp lệ ở cột "%(column)s" '
                    "(chọn một trong: %(choices)s)."
                )
                % {
                    "value": excerpt(raw),
                    "column": column,
                    "choices": ", ".join(f"{label} ({code})" for code, label in choices.choices),
                }
            )
        return code

    def flag(self, raw: str, column: str, errs: list):
        if raw in ("", "0"):
            return False
        if raw == "1":
            return True
        errs.append(
            _('Cột "%(column)s" phải là 0 hoặc 1, không phải "%(value)s".')
            % {"column": column, "value": excerpt(raw)}
        )
        return None

    def count(self, raw: str, column: str, errs: list):
        """A non-negative integer no larger than `MAX_COUNT`."""
        if raw.isdigit() and raw.isascii():
            if len(raw) <= 10 and int(raw) <= MAX_COUNT:
                return int(raw)
            errs.append(
                _('Cột "%(column)s": số "%(value)s" quá lớn (tối đa %(max)s).')
                % {"column": column, "value": excerpt(raw, 20), "max": number(MAX_COUNT)}
            )
            return None
        errs.append(
            _('Cột "%(column)s" phải là số nguyên không âm, không phải "%(value)s".')
            % {"column": column, "value": excerpt(raw)}
        )
        return None

    def period(self, raw: str, errs: list):
        try:
            return Period.parse(raw).code
        except ValueError:
            errs.append(
                _(
                    'Kỳ không hợp lệ: "%(value)s" (chọn trong: %(y)s-Q1, %(y)s-Q2, %(y)s-Q3, '
                    "%(y)s-Q4, %(y)s; năm khác viết cùng dạng)."
                )
                % {"value": excerpt(raw), "y": self._period_year}
            )
            return None

    def not_before(self, later, earlier, later_col: str, earlier_col: str, errs: list):
        if later and earlier and later < earlier:
            errs.append(
                _('Ngày ở cột "%(later)s" trước ngày ở cột "%(earlier)s".')
                % {"later": later_col, "earlier": earlier_col}
            )

    def unique(self, key, errs: list) -> None:
        if key is None:
            return
        if key in self.seen:
            shown = key if isinstance(key, str) else " / ".join(str(k) for k in key)
            errs.append(
                _('Trùng khóa "%(key)s" với một dòng trước trong tệp.') % {"key": excerpt(shown)}
            )
        else:
            self.seen.add(key)

    def clean(self, values: list[str], errs: list) -> tuple | None:
        raise NotImplementedError

    def rows(
        self,
        raw_rows: Iterable[tuple[int, list[str]]],
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[tuple]:
        """Clean tuples of the good rows; every bad row's reasons go to `self.errors`."""
        index = self.index
        clean = self.clean
        errors = self.errors
        preview = self.preview
        strip = str.strip
        n = len(index)
        # The usual file has exactly the contract's columns in the contract's order.
        in_order = index == list(range(n))
        errs: list[str] = []
        unit_at = self.unit_at
        touched = self.unit_ids.add
        for line, raw in raw_rows:
            if in_order and len(raw) == n:
                values = list(map(strip, raw))
            else:
                width = len(raw)
                values = [raw[i].strip() if i < width else "" for i in index]
            self.total += 1
            self.line = line
            if len(preview) < PREVIEW_ROWS:
                preview.append((line, values))
            if type(raw) is UnusableRow:
                row = cell_errors(raw.bad, errs)
            else:
                row = clean(values, errs)
            if errs:
                errors.extend(RowError(line, message) for message in errs)
                errs = []
            else:
                if unit_at is not None:
                    touched(row[unit_at])
                yield row
            if progress and self.total % 10_000 == 0:
                self.report(progress)
        if progress:
            self.report(progress)

    def changed_units(self, counts) -> set[int] | None:
        """The units whose evidence a written file changed, for the recompute; None when it
        cannot tell (units themselves, or updated rows that may have moved from another unit)."""
        if self.unit_at is None or (counts.updated and not self.unit_in_key):
            return None
        return self.unit_ids

    def finish(self) -> None:
        """Checks over the whole file once every row is good and the writer is done (warnings
        only; they may query: no COPY is streaming the rows any more)."""

    def report(self, progress: Callable[[int], None]) -> None:
        """Report progress now, or once the running COPY is over (no query can run meanwhile)."""
        if self.copying:
            self.held_progress = progress
        else:
            progress(self.total)
