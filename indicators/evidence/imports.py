"""Bulk import of evidence files (DESIGN.md, `import_data` contract).

Reading, validating and writing are kept apart:

- `read_table(source)` yields the header and `(line, values)` rows of a CSV or XLSX file (header =
  line 1, first data row = line 2), every value a stripped string (XLSX dates become ISO dates).
- one `Validator` per KIND turns raw rows into clean tuples (units and fields resolved to ids,
  dates to ISO strings) and collects `RowError(line, message)` for every bad row.
- a writer upserts the clean tuples by their key. Evidence tables go through a staging table:
  PostgreSQL loads it with `COPY`, SQLite with `executemany`; then one
  `INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE ... WHERE (columns) IS DISTINCT FROM (...)`
  writes only new and changed rows, so a second import of the same file changes nothing.
  Satisfaction surveys (with history) and units (parents, plan assignments) use the ORM.

A file with any bad row is rejected whole (`ImportRejected`): nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import parse_date
from indicators.evidence.models import (
    Dossier,
    EPaymentAdoption,
    Feedback,
    ImportJob,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from indicators.targets.models import ProcedureField
from inspections.models import Inspection
from plans.models import Plan
from plans.periods import Period
from plans.services import plan_expand_assignments
from plans.signals import evidence_changed_send
from units.models import Unit

PREVIEW_ROWS = 20
CHUNK_ROWS = 50_000  # rows per INSERT batch into the staging table (SQLite)
STREAM_ROWS = 2_000  # rows per COPY message (PostgreSQL)
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_QUOTED_DANGEROUS = tuple("'" + p for p in DANGEROUS_PREFIXES)


@dataclass(frozen=True)
class RowError:
    """One reason a file is rejected; line 1 is the header, 0 the file as a whole."""

    line: int
    message: str

    def __str__(self) -> str:
        return (
            _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}
            if (self.line)
            else self.message
        )

    def as_dict(self) -> dict:
        return {"line": self.line, "message": self.message}


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError], total: int = 0):
        self.errors = errors
        self.total = total
        super().__init__(f"{len(errors)} lỗi")


@dataclass
class ImportResult:
    kind: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    columns: tuple[str, ...] = ()
    preview: list[tuple[int, list[str]]] = field(default_factory=list)

    def summary(self) -> str:
        prefix = _("Kiểm tra (không ghi)") if self.dry_run else _("Đã nhập")
        return _(
            "%(prefix)s %(kind)s: %(total)s dòng — mới %(created)s, cập nhật %(updated)s, "
            "không đổi %(unchanged)s."
        ) % {
            "prefix": prefix,
            "kind": self.kind,
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


# --------------------------------------------------------------------------- reading files


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


def _cell_text(value) -> str:
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
    from openpyxl import load_workbook

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
    header = [_cell_text(c).lower() for c in first]

    def rows():
        line = 1
        try:
            for raw in cells:
                line += 1
                values = [_cell_text(c) for c in raw]
                if any(values):
                    yield line, values
        finally:
            workbook.close()

    return header, rows()


def count_rows(path) -> int:
    """A quick estimate of a stored file's data rows (for progress and the background limit)."""
    path = Path(path)
    if _is_xlsx(path, path.name):
        from openpyxl import load_workbook

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


# --------------------------------------------------------------------------- validators

_INVALID = object()


def unquote(value: str) -> str:
    """Undo the export's formula neutralisation (`'=x` back to `=x`)."""
    return value[1:] if value.startswith(_QUOTED_DANGEROUS) else value


class Validator:
    """Turns raw rows of one KIND into clean tuples, collecting every bad row's reason."""

    kind = ""
    columns: tuple[str, ...] = ()
    required: tuple[str, ...] = ()

    def __init__(self, header: list[str]):
        self.errors: list[RowError] = []
        self.total = 0
        self.preview: list[tuple[int, list[str]]] = []
        self.seen: set = set()
        self._dates: dict[str, object] = {}
        self.copying = False  # a COPY is streaming the clean rows: progress must wait
        self.held_progress: Callable[[int], None] | None = None
        missing = [c for c in self.columns if c not in header]
        if not header:
            raise ImportRejected([RowError(0, _("Tệp rỗng: không có dòng tiêu đề và dữ liệu."))])
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

    def unit(self, raw: str, errs: list, column: str = "unit"):
        if not raw:
            errs.append(_('Thiếu giá trị cột "%(column)s".') % {"column": column})
            return None
        pk = self.units.get(raw) or self.units_upper.get(raw.upper())
        if pk is None:
            errs.append(_('Không có đơn vị mã "%(code)s".') % {"code": raw})
        return pk

    def fields_map(self) -> None:
        self.fields = dict(ProcedureField.objects.values_list("code", "id"))
        self.fields_lower = {code.lower(): pk for code, pk in self.fields.items()}

    def field(self, raw: str, errs: list):
        if not raw:
            errs.append(_('Thiếu giá trị cột "field".'))
            return None
        pk = self.fields.get(raw) or self.fields_lower.get(raw.lower())
        if pk is None:
            errs.append(_('Không có lĩnh vực TTHC mã "%(code)s".') % {"code": raw})
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
            iso = day.isoformat() if day else _INVALID
            self._dates[raw] = iso
        if iso is _INVALID:
            errs.append(
                _(
                    'Ngày không hợp lệ ở cột "%(column)s": "%(value)s" '
                    "(cần YYYY-MM-DD hoặc DD/MM/YYYY)."
                )
                % {"column": column, "value": raw}
            )
            return None
        return iso

    def text(self, raw: str, column: str, errs: list, *, max_length: int, required: bool = True):
        value = unquote(raw)
        if required and not value:
            errs.append(_('Thiếu giá trị cột "%(column)s".') % {"column": column})
            return None
        if len(value) > max_length:
            errs.append(
                _('Cột "%(column)s" dài quá %(max)s ký tự.') % {"column": column, "max": max_length}
            )
            return None
        return value

    def choice(self, raw: str, column: str, choices: Iterable[str], errs: list):
        choices = list(choices)
        if raw not in choices:
            errs.append(
                _(
                    'Giá trị "%(value)s" không hợp lệ ở cột "%(column)s" '
                    "(chọn một trong: %(choices)s)."
                )
                % {"value": raw, "column": column, "choices": ", ".join(choices)}
            )
            return None
        return raw

    def flag(self, raw: str, column: str, errs: list):
        if raw in ("", "0"):
            return False
        if raw == "1":
            return True
        errs.append(
            _('Cột "%(column)s" phải là 0 hoặc 1, không phải "%(value)s".')
            % {"column": column, "value": raw}
        )
        return None

    def count(self, raw: str, column: str, errs: list):
        if raw.isdigit() and raw.isascii():
            return int(raw)
        errs.append(
            _('Cột "%(column)s" phải là số nguyên không âm, không phải "%(value)s".')
            % {"column": column, "value": raw}
        )
        return None

    def period(self, raw: str, errs: list):
        try:
            return Period.parse(raw).code
        except ValueError:
            errs.append(
                _('Kỳ không hợp lệ: "%(value)s" (cần 2021-Q1 … 2021-Q4 hoặc 2021).')
                % {"value": raw}
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
            errs.append(_('Trùng khóa "%(key)s" với một dòng trước trong tệp.') % {"key": shown})
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
        for line, raw in raw_rows:
            if in_order and len(raw) == n:
                values = list(map(strip, raw))
            else:
                width = len(raw)
                values = [raw[i].strip() if i < width else "" for i in index]
            self.total += 1
            if len(preview) < PREVIEW_ROWS:
                preview.append((line, values))
            row = clean(values, errs)
            if errs:
                errors.extend(RowError(line, message) for message in errs)
                errs = []
            else:
                yield row
            if progress and self.total % 10_000 == 0:
                self.report(progress)
        if progress:
            self.report(progress)

    def report(self, progress: Callable[[int], None]) -> None:
        """Report progress now, or once the running COPY is over (no query can run meanwhile)."""
        if self.copying:
            self.held_progress = progress
        else:
            progress(self.total)


class DossierValidator(Validator):
    kind = "dossiers"
    columns = ("code", "unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid")

    def load(self):
        self.units_map()
        self.fields_map()

    def clean(self, values, errs):
        code, unit, field_, received, due, resolved, online, e_paid = values
        if code[:1] == "'":
            code = unquote(code)
        if not code:
            errs.append(_('Thiếu giá trị cột "code".'))
        elif len(code) > 60:
            errs.append(_('Cột "code" dài quá 60 ký tự.'))
        elif code in self.seen:
            errs.append(_('Trùng mã hồ sơ "%(key)s" với một dòng trước trong tệp.') % {"key": code})
        else:
            self.seen.add(code)
        unit_id = self.units.get(unit) or self.unit(unit, errs)
        field_id = self.fields.get(field_) or self.field(field_, errs)
        dates = self._dates
        received_on = dates.get(received) or self.date(received, "received_on", errs)
        due_on = dates.get(due) or self.date(due, "due_on", errs)
        resolved_on = (
            (dates.get(resolved) or self.date(resolved, "resolved_on", errs))
            if (resolved)
            else None
        )
        if received_on is _INVALID:
            received_on = self.date(received, "received_on", errs)
        if due_on is _INVALID:
            due_on = self.date(due, "due_on", errs)
        if resolved_on is _INVALID:
            resolved_on = self.date(resolved, "resolved_on", errs)
        if received_on:
            if due_on and due_on < received_on:
                errs.append(_('Ngày hẹn trả "due_on" trước ngày nhận "received_on".'))
            if resolved_on and resolved_on < received_on:
                errs.append(_('Ngày giải quyết "resolved_on" trước ngày nhận "received_on".'))
        online_flag = online == "1" if online in ("0", "1") else self.flag(online, "online", errs)
        paid_flag = e_paid == "1" if e_paid in ("0", "1") else self.flag(e_paid, "e_paid", errs)
        return (code, unit_id, field_id, received_on, due_on, resolved_on, online_flag, paid_flag)


class SatisfactionValidator(Validator):
    kind = "satisfaction"
    columns = ("unit", "field", "period", "responses", "satisfied")

    def load(self):
        self.units_map()
        self.fields_map()

    def clean(self, values, errs):
        unit, field_, period, responses, satisfied = values
        unit_id = self.unit(unit, errs)
        field_id = self.field(field_, errs)
        period = self.period(period, errs)
        responses = self.count(responses, "responses", errs)
        satisfied = self.count(satisfied, "satisfied", errs)
        if responses is not None and satisfied is not None and satisfied > responses:
            errs.append(_('Số phiếu hài lòng "satisfied" lớn hơn số phiếu "responses".'))
        if unit_id and field_id and period:
            self.unique((unit, field_, period), errs)
        return (unit_id, field_id, period, responses, satisfied)


class FeedbackValidator(Validator):
    kind = "feedback"
    columns = ("code", "channel", "unit", "received_on", "due_on", "resolved_on", "published_on")

    def load(self):
        self.units_map()

    def clean(self, values, errs):
        code, channel, unit, received, due, resolved, published = values
        code = self.text(code, "code", errs, max_length=60)
        channel = self.choice(channel, "channel", Feedback.Channel.values, errs)
        unit_id = self.unit(unit, errs)
        received_on = self.date(received, "received_on", errs)
        due_on = self.date(due, "due_on", errs)
        resolved_on = self.date(resolved, "resolved_on", errs, required=False)
        published_on = self.date(published, "published_on", errs, required=False)
        self.not_before(due_on, received_on, "due_on", "received_on", errs)
        self.not_before(resolved_on, received_on, "resolved_on", "received_on", errs)
        self.not_before(published_on, received_on, "published_on", "received_on", errs)
        self.unique(code, errs)
        return (
            code,
            channel,
            unit_id,
            received_on,
            due_on,
            resolved_on or None,
            published_on or None,
        )


class InspectionValidator(Validator):
    kind = "inspections"
    columns = ("code", "kind", "unit", "date", "lead", "conclusion")

    def load(self):
        self.units_map()
        self.plans = dict(Plan.objects.values_list("year", "id"))

    def clean(self, values, errs):
        code, kind, unit, date, lead, conclusion = values
        code = self.text(code, "code", errs, max_length=60)
        kind = self.choice(kind, "kind", Inspection.Kind.values, errs)
        unit_id = self.unit(unit, errs)
        date = self.date(date, "date", errs)
        lead = self.text(lead, "lead", errs, max_length=200, required=False)
        conclusion = unquote(conclusion)
        self.unique(code, errs)
        plan_id = self.plans.get(int(date[:4])) if date else None
        done = Inspection.Status.DONE.value
        return (code, kind, unit_id, date, lead, conclusion, done, plan_id, "", "", False, "")


class DatedEvidenceValidator(Validator):
    columns = ("code", "unit", "title", "date")

    def load(self):
        self.units_map()

    def clean(self, values, errs):
        code, unit, title, date = values
        code = self.text(code, "code", errs, max_length=60)
        unit_id = self.unit(unit, errs)
        title = self.text(title, "title", errs, max_length=500)
        date = self.date(date, "date", errs)
        self.unique(code, errs)
        return (code, unit_id, title, date, "", "")


class InitiativeValidator(DatedEvidenceValidator):
    kind = "initiatives"


class OutreachValidator(DatedEvidenceValidator):
    kind = "outreach"


class PublicationValidator(Validator):
    kind = "publications"
    columns = ("unit", "period", "url", "published_on")
    _url = URLValidator()

    def load(self):
        self.units_map()

    def clean(self, values, errs):
        unit, period, url, published = values
        unit_id = self.unit(unit, errs)
        period = self.period(period, errs)
        url = self.text(url, "url", errs, max_length=500)
        if url:
            try:
                self._url(url)
            except ValidationError:
                errs.append(_('Đường dẫn "url" không hợp lệ: "%(value)s".') % {"value": url})
        published_on = self.date(published, "published_on", errs)
        if unit_id and period:
            self.unique((unit, period), errs)
        return (unit_id, period, url, published_on)


class EPaymentValidator(Validator):
    kind = "epayment"
    columns = ("unit", "adopted_on")

    def load(self):
        self.units_map()

    def clean(self, values, errs):
        unit, adopted = values
        unit_id = self.unit(unit, errs)
        adopted_on = self.date(adopted, "adopted_on", errs)
        if unit_id:
            self.unique(unit, errs)
        return (unit_id, adopted_on)


UNIT_KINDS = (Unit.Kind.AGENCY.value, Unit.Kind.PUBLIC_SERVICE.value, Unit.Kind.WARD.value)


class UnitValidator(Validator):
    kind = "units"
    columns = ("code", "name", "kind", "sector", "parent")

    def load(self):
        self.existing = dict(Unit.objects.values_list("code", "kind"))
        self.districts = list(Unit.objects.districts().values_list("code", flat=True))

    def clean(self, values, errs):
        code, name, kind, sector, parent = values
        code = self.text(code, "code", errs, max_length=32)
        name = self.text(name, "name", errs, max_length=255)
        kind = self.choice(kind, "kind", UNIT_KINDS, errs)
        sector = self.text(sector, "sector", errs, max_length=50, required=False)
        if code and self.existing.get(code) == Unit.Kind.DISTRICT:
            errs.append(_('Không thể sửa đơn vị cấp quận "%(code)s" bằng tệp.') % {"code": code})
        if not parent:
            if len(self.districts) != 1:
                errs.append(
                    _("Cột parent để trống nhưng hệ thống có %(n)s đơn vị cấp quận (cần đúng 1).")
                    % {"n": len(self.districts)}
                )
            else:
                parent = self.districts[0]
        elif parent == code:
            errs.append(_("Đơn vị không thể là cấp trên của chính nó."))
        elif parent not in self.existing and parent not in self.seen:
            errs.append(
                _('Không có đơn vị cấp trên mã "%(code)s" (trong hệ thống hoặc ở dòng trước).')
                % {"code": parent}
            )
        self.unique(code, errs)
        return (code, name, kind, sector, parent)


VALIDATORS: dict[str, type[Validator]] = {
    v.kind: v
    for v in (
        DossierValidator,
        SatisfactionValidator,
        FeedbackValidator,
        InspectionValidator,
        InitiativeValidator,
        OutreachValidator,
        PublicationValidator,
        EPaymentValidator,
        UnitValidator,
    )
}
KINDS = tuple(VALIDATORS)
KIND_LABELS = {
    "dossiers": _("Hồ sơ TTHC"),
    "satisfaction": _("Khảo sát hài lòng"),
    "feedback": _("Phản ánh, kiến nghị"),
    "inspections": _("Kiểm tra CCHC, công vụ"),
    "initiatives": _("Sáng kiến"),
    "outreach": _("Sản phẩm tuyên truyền"),
    "publications": _("Công khai kết quả hài lòng"),
    "epayment": _("Thanh toán điện tử"),
    "units": _("Đơn vị"),
}


# --------------------------------------------------------------------------- writers


class _Rejected(Exception):
    """Rolls a direct load back when the file turned out to have a bad row."""


class RowStream:
    """A file object for `COPY … FROM STDIN` that serialises the next clean rows on each
    `read()`, so PostgreSQL stores rows while Python is still validating the rest of the file.

    Once a bad row is seen it sends nothing more but still validates to the end (every error is
    reported); the caller then throws the copied rows away (staging table or rolled back).
    """

    def __init__(self, rows: Iterable[tuple], validator: Validator, batch: int = STREAM_ROWS):
        self.rows = iter(rows)
        self.validator = validator
        self.batch = batch
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")

    done = False
    sent = 0

    def read(self, size: int = -1) -> str:
        if self.done or self.sent >= CHUNK_ROWS:
            return ""  # ends this COPY
        chunk = list(islice(self.rows, self.batch))
        if self.validator.errors:
            for _row in self.rows:
                pass
            self.done = True
            return ""
        if not chunk:
            self.done = True
            return ""
        self.sent += len(chunk)
        buffer = self.buffer
        buffer.seek(0)
        buffer.truncate()
        self.writer.writerows(chunk)
        return buffer.getvalue()

    readline = read


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class SqlUpsert:
    """Stage clean tuples in a temporary table, then upsert them in one statement.

    `columns` are model field names in the tuple's order; `conflict` the key; `update` the
    columns compared and rewritten (others are written on insert only).
    """

    def __init__(self, model, columns, conflict, update):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in columns]
        self.columns = [f.column for f in self.fields]
        self.conflict = [model._meta.get_field(name).column for name in conflict]
        self.update = [model._meta.get_field(name).column for name in update]
        self.table = model._meta.db_table
        self.stage_table = f"import_stage_{self.table}"

    def q(self, name: str) -> str:
        return connection.ops.quote_name(name)

    def create_stage(self, cursor) -> None:
        columns = ", ".join(f"{self.q(f.column)} {self._type(f)}" for f in self.fields)
        cursor.execute(f"DROP TABLE IF EXISTS {self.q(self.stage_table)}")
        cursor.execute(f"CREATE TEMPORARY TABLE {self.q(self.stage_table)} ({columns})")

    def _type(self, f) -> str:
        return f.rel_db_type(connection) if f.is_relation else f.db_type(connection)

    def drop_stage(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {self.q(self.stage_table)}")

    def _copy_sql(self, table: str) -> str:
        column_list = ", ".join(self.q(c) for c in self.columns)
        text_columns = [
            self.q(f.column)
            for f in self.fields
            if not f.is_relation
            and f.get_internal_type() in ("CharField", "TextField", "FileField")
        ]
        force = f", FORCE_NOT_NULL ({', '.join(text_columns)})" if text_columns else ""
        return f"COPY {self.q(table)} ({column_list}) FROM STDIN WITH (FORMAT csv{force})"

    def _copy(self, cursor, table: str, rows: Iterable[tuple], validator: Validator) -> None:
        """PostgreSQL: ONE `COPY` fed while the file is being validated (see `RowStream`)."""
        stream = RowStream(rows, validator)
        sql = self._copy_sql(table)
        raw = cursor.cursor
        while not stream.done:  # one COPY per CHUNK_ROWS rows, progress reported in between
            stream.sent = 0
            validator.copying = True
            try:
                if hasattr(raw, "copy_expert"):  # psycopg2
                    raw.copy_expert(sql, stream, size=1 << 16)
                else:  # psycopg 3
                    with raw.copy(sql) as copy:
                        while chunk := stream.read():
                            copy.write(chunk)
            finally:
                validator.copying = False
            if validator.held_progress:
                validator.held_progress(validator.total)
                validator.held_progress = None

    def stage(self, cursor, rows: Iterable[tuple], validator: Validator) -> None:
        """Stage in chunks; once a bad row is seen, keep validating but stop staging."""
        if connection.vendor == "postgresql":
            self._copy(cursor, self.stage_table, rows, validator)
            return
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK_ROWS:
                if not validator.errors:
                    self._stage_batch(cursor, batch)
                batch = []
        if batch and not validator.errors:
            self._stage_batch(cursor, batch)

    def _stage_batch(self, cursor, batch: list[tuple]) -> None:
        column_list = ", ".join(self.q(c) for c in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        cursor.executemany(
            f"INSERT INTO {self.q(self.stage_table)} ({column_list}) VALUES ({marks})", batch
        )

    def _distinct(self, left: str, right: str) -> str:
        op = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
        lhs = ", ".join(f"{left}.{self.q(c)}" for c in self.update)
        rhs = ", ".join(f"{right}.{self.q(c)}" for c in self.update)
        return f"({lhs}) {op} ({rhs})"

    def count(self, cursor) -> Counts:
        """New / updated / unchanged, by joining the staged rows with the table (dry run)."""
        on = " AND ".join(f"t.{self.q(c)} = s.{self.q(c)}" for c in self.conflict)
        pk = self.q(self.model._meta.pk.column)
        cursor.execute(
            f"SELECT COUNT(*), "
            f"COALESCE(SUM(CASE WHEN t.{pk} IS NULL THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN t.{pk} IS NOT NULL AND {self._distinct('t', 's')} "
            f"THEN 1 ELSE 0 END), 0) "
            f"FROM {self.q(self.stage_table)} s LEFT JOIN {self.q(self.table)} t ON {on}"
        )
        total, created, updated = cursor.fetchone()
        return Counts(created, updated, total - created - updated)

    def upsert_sql(self) -> str:
        column_list = ", ".join(self.q(c) for c in self.columns)
        sets = ", ".join(f"{self.q(c)} = excluded.{self.q(c)}" for c in self.update)
        on = " AND ".join(f"t.{self.q(c)} = s.{self.q(c)}" for c in self.conflict)
        staged = ", ".join(f"s.{self.q(c)}" for c in self.columns)
        # Unchanged rows are dropped by one anti-join first, so a re-import rewrites nothing and
        # does not probe the unique index row by row.
        return (
            f"INSERT INTO {self.q(self.table)} AS t ({column_list}) "
            f"SELECT {staged} FROM {self.q(self.stage_table)} s WHERE NOT EXISTS ("
            f"SELECT 1 FROM {self.q(self.table)} t WHERE {on} AND NOT {self._distinct('t', 's')}) "
            f"ON CONFLICT ({', '.join(self.q(c) for c in self.conflict)}) DO UPDATE SET {sets} "
            f"WHERE {self._distinct('t', 'excluded')}"
        )

    def apply(self, cursor, total: int) -> Counts:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH up AS ({self.upsert_sql()} RETURNING (xmax = 0) AS inserted) "
                "SELECT COUNT(*) FILTER (WHERE inserted), COUNT(*) FILTER (WHERE NOT inserted) "
                "FROM up"
            )
            created, updated = cursor.fetchone()
            return Counts(created, updated, total - created - updated)
        counts = self.count(cursor)
        cursor.execute(self.upsert_sql())
        return counts

    def load_empty(self, rows: Iterable[tuple], *, validator: Validator) -> Counts | None:
        """PostgreSQL, first load: when the table is empty, COPY the rows straight into it.

        Nothing can conflict with an empty table (the validator already rejects a key repeated
        in the file), so the staging table and the upsert are skipped; and, as `pg_restore`
        does, the secondary indexes and the unique and foreign-key constraints are dropped for
        the load and built again once at the end (a sort per index and ONE join per foreign
        key instead of a check per row: 10 s → 1.2 s for a million dossiers). The empty table
        is locked (ACCESS EXCLUSIVE: readers of it wait) until the commit; everything, the
        dropped constraints included, is rolled back when a bad row turns up.
        None when the table is not empty: nothing was read.
        """
        table = self.q(self.table)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
                if cursor.fetchone()[0]:
                    return None
                # Foreign keys cannot be dropped or added while checks deferred earlier in this
                # transaction are pending on the tables they join: run those checks now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                rebuild = self._drop_secondary(cursor)
                self._copy(cursor, self.table, rows, validator)
                if validator.errors:
                    raise _Rejected
                for sql in rebuild:
                    cursor.execute(sql)
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys' default
        except _Rejected:
            return Counts()
        if validator.total:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {table}")
        return Counts(created=validator.total)

    def _drop_secondary(self, cursor) -> list[str]:
        """Drop the table's unique and foreign-key constraints and other non-primary indexes;
        return the statements that build them again (indexes first, foreign keys last)."""
        table = self.q(self.table)
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS ("
            "SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid "
            "AND c.conindid = i.indexrelid)",
            [self.table],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC",
            [self.table],
        )
        constraints = cursor.fetchall()
        for name, _definition, _kind in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {self.q(name)}")
        for _definition, name in indexes:
            cursor.execute(f"DROP INDEX {name}")
        return [definition for definition, _name in indexes] + [
            f"ALTER TABLE {table} ADD CONSTRAINT {self.q(name)} {definition}"
            for name, definition, _kind in constraints
        ]

    def run(self, rows: Iterable[tuple], *, validator: Validator, dry_run: bool) -> Counts:
        if connection.vendor == "postgresql" and not dry_run:
            counts = self.load_empty(rows, validator=validator)
            if counts is not None:
                return counts
        with connection.cursor() as cursor:
            self.create_stage(cursor)
            try:
                self.stage(cursor, rows, validator)
                if validator.errors or not validator.total:
                    return Counts()
                if connection.vendor == "postgresql":
                    cursor.execute(f"ANALYZE {self.q(self.stage_table)}")
                if dry_run:
                    return self.count(cursor)
                with transaction.atomic():
                    return self.apply(cursor, validator.total)
            finally:
                self.drop_stage(cursor)


class SurveyWriter:
    """Satisfaction surveys keep their history (simple-history), so they go through the ORM."""

    def run(self, rows, *, validator, dry_run) -> Counts:
        from simple_history.utils import bulk_create_with_history, bulk_update_with_history

        rows = list(rows)
        if validator.errors or not rows:
            return Counts()
        periods = {r[2] for r in rows}
        existing = {
            (s.unit_id, s.field_id, s.period): s
            for s in SatisfactionSurvey.objects.filter(period__in=periods)
        }
        new, changed = [], []
        for unit_id, field_id, period, responses, satisfied in rows:
            survey = existing.get((unit_id, field_id, period))
            if survey is None:
                new.append(
                    SatisfactionSurvey(
                        unit_id=unit_id,
                        field_id=field_id,
                        period=period,
                        responses=responses,
                        satisfied=satisfied,
                    )
                )
            elif (survey.responses, survey.satisfied) != (responses, satisfied):
                survey.responses, survey.satisfied = responses, satisfied
                changed.append(survey)
        counts = Counts(len(new), len(changed), len(rows) - len(new) - len(changed))
        if not dry_run:
            with transaction.atomic():
                bulk_create_with_history(new, SatisfactionSurvey, batch_size=1000)
                if changed:
                    bulk_update_with_history(
                        changed, SatisfactionSurvey, ["responses", "satisfied"], batch_size=1000
                    )
        return counts


class UnitWriter:
    """Units in file order (a parent may be defined on an earlier line); new units get the plans'
    assignments."""

    def run(self, rows, *, validator, dry_run) -> Counts:

        rows = list(rows)
        if validator.errors or not rows:
            return Counts()
        counts = Counts()
        with transaction.atomic():
            ids = dict(Unit.objects.values_list("code", "id"))
            existing = {u.code: u for u in Unit.objects.filter(code__in=[r[0] for r in rows])}
            for code, name, kind, sector, parent in rows:
                parent_id = ids.get(parent)
                unit = existing.get(code)
                if unit is None:
                    counts.created += 1
                    unit = Unit(code=code, name=name, kind=kind, sector=sector, parent_id=parent_id)
                    if not dry_run:
                        unit.save()
                    ids[code] = unit.pk or -len(ids)
                elif (unit.name, unit.kind, unit.sector, unit.parent_id) != (
                    name,
                    kind,
                    sector,
                    parent_id,
                ):
                    counts.updated += 1
                    unit.name, unit.kind, unit.sector, unit.parent_id = (
                        name,
                        kind,
                        sector,
                        parent_id,
                    )
                    if not dry_run:
                        unit.save(update_fields=["name", "kind", "sector", "parent"])
                else:
                    counts.unchanged += 1
            if (counts.created or counts.updated) and not dry_run:
                for plan in Plan.objects.all():
                    plan_expand_assignments(plan=plan)
        return counts


WRITERS = {
    "dossiers": SqlUpsert(
        Dossier,
        ["code", "unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid"],
        ["code"],
        ["unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid"],
    ),
    "satisfaction": SurveyWriter(),
    "feedback": SqlUpsert(
        Feedback,
        ["code", "channel", "unit", "received_on", "due_on", "resolved_on", "published_on"],
        ["code"],
        ["channel", "unit", "received_on", "due_on", "resolved_on", "published_on"],
    ),
    "inspections": SqlUpsert(
        Inspection,
        [
            "code",
            "kind",
            "unit",
            "date",
            "lead",
            "conclusion",
            "status",
            "plan",
            "team",
            "scope",
            "head_responsibility",
            "minutes",
        ],
        ["code"],
        ["kind", "unit", "date", "lead", "conclusion", "status"],
    ),
    "initiatives": SqlUpsert(
        Initiative,
        ["code", "unit", "title", "date", "evidence_file", "evidence_link"],
        ["code"],
        ["unit", "title", "date"],
    ),
    "outreach": SqlUpsert(
        OutreachProduct,
        ["code", "unit", "title", "date", "evidence_file", "evidence_link"],
        ["code"],
        ["unit", "title", "date"],
    ),
    "publications": SqlUpsert(
        SatisfactionPublication,
        ["unit", "period", "url", "published_on"],
        ["unit", "period"],
        ["url", "published_on"],
    ),
    "epayment": SqlUpsert(EPaymentAdoption, ["unit", "adopted_on"], ["unit"], ["adopted_on"]),
    "units": UnitWriter(),
}


# --------------------------------------------------------------------------- the service


def import_file(
    *,
    kind: str,
    source,
    name: str = "",
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Validate a whole file and, unless `dry_run`, upsert it; raise `ImportRejected` if any row
    is bad (then nothing is written)."""
    if kind not in VALIDATORS:
        raise ImportRejected([RowError(0, _('Loại dữ liệu "%(kind)s" không có.') % {"kind": kind})])
    try:
        header, raw_rows = read_table(source, name=name)
        validator = VALIDATORS[kind](header)
        counts = WRITERS[kind].run(
            validator.rows(raw_rows, progress), validator=validator, dry_run=dry_run
        )
    except FileUnreadable as exc:
        raise ImportRejected([RowError(0, str(exc))]) from exc
    except OSError as exc:
        raise ImportRejected([RowError(0, _("Không đọc được tệp: %(e)s") % {"e": exc})]) from exc
    if validator.errors:
        raise ImportRejected(validator.errors, validator.total)
    if not validator.total:
        raise ImportRejected([RowError(0, _("Tệp rỗng: không có dòng dữ liệu nào."))])
    if not dry_run and (counts.created or counts.updated):
        evidence_changed_send(sender=ImportJob)
    return ImportResult(
        kind=kind,
        total=validator.total,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        dry_run=dry_run,
        columns=validator.columns,
        preview=validator.preview,
    )


def file_preview(*, kind: str, source, name: str = "") -> list[tuple[int, list[str]]]:
    """The first rows of a file as the importer reads them (for the preview page)."""
    columns = VALIDATORS[kind].columns
    preview = []
    try:
        header, raw_rows = read_table(source, name=name)
        index = [header.index(c) if c in header else None for c in columns]
        for line, raw in raw_rows:
            preview.append(
                (line, [raw[i].strip() if i is not None and i < len(raw) else "" for i in index])
            )
            if len(preview) >= PREVIEW_ROWS:
                break
    except (FileUnreadable, OSError):
        pass
    return preview


# --------------------------------------------------------------------------- background jobs

MAX_STORED_ERRORS = 5000


def import_job_create(*, kind: str, upload, user) -> ImportJob:
    job = ImportJob(kind=kind, created_by=user)
    job.file.save(Path(upload.name).name, upload, save=False)
    job.total_rows = count_rows(job.file.path)
    job.save()
    return job


def import_job_in_background(*, job: ImportJob) -> bool:
    """Large files go to a Celery worker (settings.IMPORT_BACKGROUND_ROWS / _BYTES)."""
    from django.conf import settings

    return (
        job.total_rows > settings.IMPORT_BACKGROUND_ROWS
        or job.file.size > settings.IMPORT_BACKGROUND_BYTES
    )


def import_job_run(*, job_id: int) -> ImportJob:
    """Validate (and, once confirmed, write) a job's file, recording progress on the job."""
    job = ImportJob.objects.get(pk=job_id)
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING, processed_rows=0
    )
    if claimed != 1:  # another worker got there first, or it already ran
        return job

    def progress(n: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=n)

    try:
        result = import_file(
            kind=job.kind, source=job.file.path, dry_run=not job.confirmed, progress=progress
        )
    except ImportRejected as exc:
        job.status = ImportJob.Status.FAILED
        job.errors = [e.as_dict() for e in exc.errors[:MAX_STORED_ERRORS]]
        if len(exc.errors) > MAX_STORED_ERRORS:
            job.errors.append(
                {
                    "line": 0,
                    "message": _("… và %(n)s lỗi khác (xem bằng lệnh import_data).")
                    % {"n": len(exc.errors) - MAX_STORED_ERRORS},
                }
            )
        job.total_rows = exc.total or job.total_rows
        job.processed_rows = job.total_rows
    else:
        job.status = ImportJob.Status.DONE
        job.errors = []
        job.total_rows = job.processed_rows = result.total
        job.created, job.updated, job.unchanged = result.created, result.updated, result.unchanged
    job.finished_at = timezone.now()
    job.save()
    return job


def import_job_confirm(*, job: ImportJob) -> bool:
    """Ask to write a previewed job; True if this call won (a job is confirmed once)."""
    return (
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.DONE, confirmed=False).update(
            confirmed=True, status=ImportJob.Status.PENDING, finished_at=None
        )
        == 1
    )
