"""One validator per kind of evidence file (columns in docs/imports.md), and the kinds' names."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.cells import cell_unquote
from indicators.evidence.errors import RowError
from indicators.evidence.models import FORM06_COUNTS, Form06Figure
from indicators.evidence.reading import excerpt
from indicators.evidence.validation import INVALID_DATE, Validator, codes_listed
from inspections.forms import InspectionForm
from inspections.models import Inspection
from plans.models import Plan
from plans.periods import Period
from units.models import Unit, unit_dates_errors, unit_successors_errors


class DossierValidator(Validator):
    kind = "dossiers"
    unit_at = 1
    columns = ("code", "unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid")

    def load(self):
        self.units_map()
        self.fields_map()

    def clean(self, values, errs):
        code, unit, field_, received, due, resolved, online, e_paid = values
        if code[:1] == "'":
            code = cell_unquote(code)
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
        if received_on is INVALID_DATE:
            received_on = self.date(received, "received_on", errs)
        if due_on is INVALID_DATE:
            due_on = self.date(due, "due_on", errs)
        if resolved_on is INVALID_DATE:
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
    unit_at, unit_in_key = 0, True
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
            self.unique((unit.upper(), field_.lower(), period), errs)
        return (unit_id, field_id, period, responses, satisfied)


class Form06Validator(Validator):
    """Biểu số 06/VPCP/KSTT rows: a unit's eight numbers per field and quarter. A pending total
    that differs from the next quarter's carried-over figure (in the file or already stored) is
    a warning, not an error: the preview shows it and the file can still be imported."""

    kind = "form06"
    unit_at, unit_in_key = 0, True
    columns = ("unit", "field", "period", *FORM06_COUNTS)

    def load(self):
        self.units_map()
        self.fields_map()
        # (unit id, field id, quarter) → (line, pending total, carried over) of the good rows
        self.carry: dict[tuple, tuple[int, int, int]] = {}

    def clean(self, values, errs):
        unit, field_, period, *counts = values
        unit_id = self.unit(unit, errs)
        field_id = self.field(field_, errs)
        period = self.quarter(period, errs)
        numbers = [
            self.count(raw, column, errs) for raw, column in zip(counts, FORM06_COUNTS, strict=True)
        ]
        if unit_id and field_id and period:
            self.unique((unit.upper(), field_.lower(), period), errs)
        if not errs:
            figures = dict(zip(FORM06_COUNTS, numbers, strict=True))
            pending = figures["pending_in_time"] + figures["pending_overdue"]
            self.carry[(unit_id, field_id, period)] = (self.line, pending, figures["carried_over"])
        return (unit_id, field_id, period, *numbers)

    def quarter(self, raw: str, errs: list):
        period = self.period(raw, errs)
        if period and not Period.parse(period).is_quarter:
            errs.append(
                _('Biểu 06 báo cáo theo quý: "%(value)s" không phải một quý (cần dạng 2021-Q3).')
                % {"value": period}
            )
            return None
        return period

    def finish(self) -> None:
        self.warnings.extend(self.carry_over_warnings())

    def carry_over_warnings(self) -> list[RowError]:
        """Where a quarter's pending total differs from the next quarter's carried-over figure,
        one of the two coming from the file."""
        known = self.stored_neighbours()
        known.update(self.carry)
        warnings = []
        for (unit_id, field_id, code), (line, pending, _carried) in known.items():
            after = Period.parse(code).next_quarter().code
            following = known.get((unit_id, field_id, after))
            if following is None or not (line or following[0]) or pending == following[2]:
                continue
            warnings.append(
                RowError(
                    line or following[0],
                    _(
                        "Đang giải quyết cuối %(period)s: %(pending)s hồ sơ, nhưng %(next)s ghi "
                        "%(carried)s hồ sơ từ kỳ trước chuyển qua."
                    )
                    % {"period": code, "pending": pending, "next": after, "carried": following[2]},
                )
            )
        return sorted(warnings, key=lambda w: w.line)

    def stored_neighbours(self) -> dict[tuple, tuple[int, int, int]]:
        """The stored rows of the quarters before and after the file's (line 0: not in the file)."""
        if not self.carry:
            return {}
        periods = set()
        for _u, _f, code in self.carry:
            period = Period.parse(code)
            periods |= {period.previous_quarter().code, period.next_quarter().code}
        stored = Form06Figure.objects.filter(
            unit_id__in={unit_id for unit_id, _f, _p in self.carry}, period__in=periods
        ).values_list(
            "unit_id", "field_id", "period", "pending_in_time", "pending_overdue", "carried_over"
        )
        return {(u, f, p): (0, pin + pov, carried) for u, f, p, pin, pov, carried in stored}


class FeedbackValidator(Validator):
    kind = "feedback"
    unit_at = 2
    columns = ("code", "channel", "unit", "received_on", "due_on", "resolved_on", "published_on")

    def load(self):
        self.units_map()

    def clean(self, values, errs):
        code, channel, unit, received, due, resolved, published = values
        code = self.text(code, "code", errs, max_length=60)
        channel = self.choice(channel, "channel", errs)
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
    unit_at = 2
    columns = ("code", "kind", "unit", "date", "lead", "conclusion")

    def load(self):
        self.units_map()
        self.plans = dict(Plan.objects.values_list("year", "id"))

    def clean(self, values, errs):
        code, kind, unit, date, lead, conclusion = values
        code = self.text(code, "code", errs, max_length=60)
        kind = self.choice(kind, "kind", errs)
        unit_id = self.unit(unit, errs)
        date = self.date(date, "date", errs)
        if date:
            errs.extend(inspection_date_errors(dt.date.fromisoformat(date)))
        lead = self.text(lead, "lead", errs, max_length=200, required=False)
        conclusion = cell_unquote(conclusion)
        self.unique(code, errs)
        plan_id = self.plans.get(int(date[:4])) if date else None
        done = Inspection.Status.DONE.value
        return (code, kind, unit_id, date, lead, conclusion, done, plan_id, "", "", False, "")


def inspection_date_errors(day: dt.date) -> list[str]:
    """The inspections form's own date rule (not in the future): one home for it."""
    try:
        InspectionForm.clean_date(SimpleNamespace(cleaned_data={"date": day}))
    except ValidationError as exc:
        return list(exc.messages)
    return []


class DatedEvidenceValidator(Validator):
    columns = ("code", "unit", "title", "date")
    unit_at = 1

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
    unit_at, unit_in_key = 0, True
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
                errs.append(
                    _('Đường dẫn "url" không hợp lệ: "%(value)s".') % {"value": excerpt(url)}
                )
        published_on = self.date(published, "published_on", errs)
        if unit_id and period:
            self.unique((unit.upper(), period), errs)
        return (unit_id, period, url, published_on)


class EPaymentValidator(Validator):
    kind = "epayment"
    unit_at, unit_in_key = 0, True
    columns = ("unit", "adopted_on")

    def load(self):
        self.units_map()

    def clean(self, values, errs):
        unit, adopted = values
        unit_id = self.unit(unit, errs)
        adopted_on = self.date(adopted, "adopted_on", errs)
        if unit_id:
            self.unique(unit.upper(), errs)
        return (unit_id, adopted_on)


KEEP = object()  # an optional units column absent from the file: the field stays as it is


class UnitValidator(Validator):
    """Units, parents before children. The optional columns `active_from`, `active_to` and
    `successors` may be left out (then the fields stay as they are); successors may be defined
    anywhere in the file, so they are checked once every row is read."""

    kind = "units"
    columns = ("code", "name", "kind", "sector", "parent")
    optional_columns = ("active_from", "active_to", "successors")

    def __init__(self, header: list[str]):
        super().__init__(header)
        header = self.header  # labels read as codes
        self.optional = tuple(c for c in self.optional_columns if c in header)
        self.index = self.index + [header.index(c) for c in self.optional]
        self.line = 0
        self.successor_refs: list[tuple[int, str]] = []  # (line, code) not known yet

    def load(self):
        self.existing = dict(Unit.objects.values_list("code", "kind"))
        self.canonical = {code.upper(): code for code in self.existing}
        self.existing_codes_text = codes_listed(self.existing)
        self.existing_parents = dict(Unit.objects.values_list("code", "parent__code"))
        self.file_parents: dict[str, tuple[int, str]] = {}  # code: (line, parent code)
        self.existing_dates = {
            code: (active_from, active_to)
            for code, active_from, active_to in Unit.objects.values_list(
                "code", "active_from", "active_to"
            )
        }
        self.districts = set(Unit.objects.districts().values_list("code", flat=True))

    def code_of(self, raw: str) -> str:
        """Unit codes are case-insensitive: an existing unit's code as stored, else upper case."""
        upper = raw.upper()
        return self.canonical.get(upper, upper)

    def day(self, raw: str, column: str, errs: list):
        iso = self.date(raw, column, errs, required=False)
        if iso is None:
            return INVALID_DATE
        return dt.date.fromisoformat(iso) if iso else None

    def clean(self, values, errs):
        code, name, kind, sector, parent = values[:5]
        extra = dict(zip(self.optional, values[5:], strict=True))
        code = self.text(code, "code", errs, max_length=32)
        code = self.code_of(code) if code else code
        parent = self.code_of(parent) if parent else parent
        name = self.text(name, "name", errs, max_length=255)
        kind = self.choice(kind, "kind", errs)
        sector = self.text(sector, "sector", errs, max_length=50, required=False)
        if (
            code
            and kind
            and self.existing.get(code) in Unit.SCOPE_KINDS
            and kind not in Unit.SCOPE_KINDS
        ):
            errs.append(
                _('Không thể đổi đơn vị cấp quận/thành phố "%(code)s" thành loại "%(kind)s".')
                % {"code": code, "kind": kind}
            )
        if not parent:
            if kind not in Unit.SCOPE_KINDS:  # a district or a city: blank is no parent
                if len(self.districts) != 1:
                    errs.append(
                        _(
                            "Cột parent để trống nhưng hệ thống có %(n)s đơn vị cấp quận "
                            "(cần đúng 1)."
                        )
                        % {"n": len(self.districts)}
                    )
                else:
                    parent = next(iter(self.districts))
        elif parent == code:
            errs.append(_("Đơn vị không thể là cấp trên của chính nó."))
        elif parent not in self.existing and parent not in self.seen:
            errs.append(
                _('Không có đơn vị cấp trên mã "%(code)s" (trong hệ thống hoặc ở dòng trước).')
                % {"code": excerpt(parent)}
                + self.valid_hint(self.existing_codes_text)
            )
        active_from = active_to = successors = KEEP
        if "active_from" in extra:
            active_from = self.day(extra["active_from"], "active_from", errs)
        if "active_to" in extra:
            active_to = self.day(extra["active_to"], "active_to", errs)
        if active_from is not INVALID_DATE and active_to is not INVALID_DATE:
            old_from, old_to = self.existing_dates.get(code, (None, None))
            errs.extend(
                unit_dates_errors(
                    active_from=old_from if active_from is KEEP else active_from,
                    active_to=old_to if active_to is KEEP else active_to,
                )
            )
        if "successors" in extra:
            successors = tuple(
                dict.fromkeys(
                    self.code_of(c.strip()) for c in extra["successors"].split(";") if c.strip()
                )
            )
            errs.extend(unit_successors_errors(code=code, successors=list(successors)))
            for successor in successors:
                if successor != code and successor not in self.existing:
                    self.successor_refs.append((self.line, successor))
        self.unique(code, errs)
        if code and parent:
            self.file_parents.setdefault(code, (self.line, parent))
        if code and kind == Unit.Kind.DISTRICT:
            self.districts.add(code)
        return (code, name, kind, sector, parent, active_from, active_to, successors)

    def rows(self, raw_rows, progress=None):
        def numbered():
            for line, raw in raw_rows:
                self.line = line
                yield line, raw

        yield from super().rows(numbered(), progress)
        unknown = [
            RowError(
                line,
                _('Không có đơn vị kế thừa mã "%(code)s" (trong hệ thống hoặc trong tệp).')
                % {"code": excerpt(successor)}
                + self.valid_hint(self.existing_codes_text),
            )
            for line, successor in self.successor_refs
            if successor not in self.seen
        ]
        found = unknown + self.cycle_errors()
        if found:
            self.errors.extend(found)
            self.errors.sort(key=lambda e: e.line)

    def cycle_errors(self) -> list[RowError]:
        """A unit may not end up above itself (A under B, B under A), through the file's rows
        and the units already in the system; every row of the cycle is named."""
        parents = {**self.existing_parents}
        parents.update({code: parent for code, (_line, parent) in self.file_parents.items()})
        errors, reported = [], set()
        for start in self.file_parents:
            path, node = [], start
            while node and node not in path:
                path.append(node)
                node = parents.get(node)
            if not node:
                continue
            cycle = path[path.index(node) :]
            lines = sorted(self.file_parents[c][0] for c in cycle if c in self.file_parents)
            if frozenset(cycle) in reported or not lines:
                continue
            reported.add(frozenset(cycle))
            message = _(
                "Vòng lặp đơn vị cấp trên: %(chain)s (các dòng %(lines)s); một đơn vị không "
                "thể nằm dưới chính nó."
            ) % {
                "chain": " → ".join(excerpt(c) for c in [*cycle, cycle[0]]),
                "lines": ", ".join(str(n) for n in lines),
            }
            errors.extend(RowError(line, message) for line in lines)
        return errors


VALIDATORS: dict[str, type[Validator]] = {
    v.kind: v
    for v in (
        DossierValidator,
        Form06Validator,
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
# Lazy: built at import, shown in the language of each request.
KIND_LABELS = {
    "dossiers": gettext_lazy("Hồ sơ TTHC"),
    "form06": gettext_lazy("Biểu 06: tình hình giải quyết TTHC"),
    "satisfaction": gettext_lazy("Khảo sát hài lòng"),
    "feedback": gettext_lazy("Phản ánh, kiến nghị"),
    "inspections": gettext_lazy("Kiểm tra CCHC, công vụ"),
    "initiatives": gettext_lazy("Sáng kiến"),
    "outreach": gettext_lazy("Sản phẩm tuyên truyền"),
    "publications": gettext_lazy("Công khai kết quả hài lòng"),
    "epayment": gettext_lazy("Thanh toán điện tử"),
    "units": gettext_lazy("Đơn vị"),
}
