"""Shared pieces of the compliance engine: reported windows, exact judging, the result grid.

Numbers are kept as integers until they are written: a value is carried in hundredths
(`value_h`), a threshold too (`thr_h`), and the status compares the exact ratio with integer
arithmetic, so 24,499 of 25,000 is shown as 98.00 and is still `not_met` against ≥ 98
(docs/counting-rules.md).
"""

import bisect
import copy
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from common.percent import hundredths, judge, round_half_up
from indicators.compliance.models import ComplianceResult
from indicators.targets.models import ProcedureField, Target
from plans.models import Plan
from plans.periods import Period, reported_periods
from units.models import Unit
from units.selectors import unit_scope_ids

MET = ComplianceResult.Status.MET.value
NOT_MET = ComplianceResult.Status.NOT_MET.value
NO_DATA = ComplianceResult.Status.NO_DATA.value

# Rule families whose value is a count (shown as an integer), not a percentage.
# What a period is judged by: these come from the target's version at the period's end.
JUDGING_FIELDS = ("threshold", "comparator", "field_thresholds", "unit_kinds", "unit_sector")

COUNT_RULES = {
    Target.Rule.CONDUCT_INSPECTIONS.value,
    Target.Rule.INITIATIVES.value,
    Target.Rule.OUTREACH.value,
}


@dataclass(frozen=True)
class Window:
    """A reported period cut at the as-of date: [start, end], both included."""

    period: Period
    start: dt.date
    end: dt.date
    code: str = ""

    def __post_init__(self):
        object.__setattr__(self, "code", self.period.code)

    @property
    def is_quarter(self) -> bool:
        return self.period.is_quarter

    @property
    def ended(self) -> bool:
        """Whether the whole period lies within the as-of date (not cut by it)."""
        return self.end >= self.period.last_day


class Row(NamedTuple):
    """One result before it is stored; value and threshold in hundredths. The hot path builds
    plain tuples of the same shape (a NamedTuple costs a microsecond more per row).

    `base_num`/`base_den` are the baseline year's counts behind an online-growth row (online,
    received), None for every other rule: stored, so that a change of one unit can update the
    whole-scope row without counting every unit again (`compliance.incremental`)."""

    target_id: int
    unit_id: int | None
    field_id: int | None
    period: str
    numerator: int
    denominator: int
    value_h: int | None
    thr_h: int
    status: str
    base_num: int | None = None
    base_den: int | None = None


def exact_row(target, unit_id, field_id, window, num, den, n, d, thr_h) -> Row:
    """A row whose exact value is n/d (d = 0 means no data); num/den are what is shown."""
    if d == 0:
        return Row(target.pk, unit_id, field_id, window.code, num, den, None, thr_h, NO_DATA)
    status = MET if judge(n, d, thr_h, target.comparator) else NOT_MET
    value_h = round_half_up(n * 100, d)
    return Row(target.pk, unit_id, field_id, window.code, num, den, value_h, thr_h, status)


def percent_row(target, unit_id, field_id, window, num: int, den: int, thr_h: int) -> Row:
    """A share: value = num / den in percent; no data when den is 0."""
    return exact_row(target, unit_id, field_id, window, num, den, num * 100, den, thr_h)


def count_row(target, unit_id, field_id, window, count: int, thr_h: int) -> Row:
    """A count: value = count, numerator = count, denominator = 1 (a count is never no data)."""
    return exact_row(target, unit_id, field_id, window, count, 1, count, 1, thr_h)


class Context:
    """What every rule family needs for one (plan, as_of): units, fields, windows, memos."""

    def __init__(self, *, plan: Plan, as_of: dt.date, only_units: frozenset[int] | None = None):
        self.plan = plan
        self.as_of = as_of
        # An incremental recompute counts these units only (their evidence, their rows);
        # None: every unit of the plan (`compliance.incremental`).
        self.only_units = only_units
        self.year = plan.year
        self.year_start = dt.date(plan.year, 1, 1)
        self.memo: dict = {}

    @cached_property
    def targets(self) -> list[Target]:
        return list(Target.objects.filter(plan=self.plan).order_by("order", "code"))

    @cached_property
    def target_versions(self) -> dict[int, tuple[list[dt.datetime], list[dict]]]:
        """Per target, its historical versions (dates, and the judging fields) in date order:
        ONE query for every target of the plan."""
        rows = (
            Target.history.filter(id__in=[t.pk for t in self.targets])
            .order_by("id", "history_date", "history_id")
            .values("id", "history_date", *JUDGING_FIELDS)
        )
        out: dict[int, tuple[list, list]] = {}
        for row in rows:
            dates, versions = out.setdefault(row.pop("id"), ([], []))
            dates.append(row.pop("history_date"))
            versions.append(row)
        return out

    def judged_by(self, target: Target, window: "Window") -> Target:
        """The target as it judges a window (DESIGN "The past does not move"): an ended period
        by the latest version saved by the end of its last day (the earliest version if none
        was; the current row if the target has no history); a period not yet ended, or cut by
        the as-of date, by the current target. Threshold, comparator, field thresholds, unit
        kinds and sector come from that version; the rest is the current row's."""
        if not window.ended or target.pk not in self.target_versions:
            return target
        dates, versions = self.target_versions[target.pk]
        end = timezone.make_aware(dt.datetime.combine(window.period.last_day, dt.time.max))
        i = max(bisect.bisect_right(dates, end) - 1, 0)
        key = ("judged", target.pk, i)
        if key not in self.memo:
            values = versions[i]
            if all(getattr(target, name) == values[name] for name in JUDGING_FIELDS):
                self.memo[key] = target
            else:
                version = copy.copy(target)
                for name in JUDGING_FIELDS:
                    setattr(version, name, values[name])
                self.memo[key] = version
        return self.memo[key]

    @cached_property
    def scope_ids(self) -> set[int]:
        return unit_scope_ids(scope=self.plan.scope)

    def units_on(self, day: dt.date) -> list[tuple[int, str, str]]:
        """The plan's units active on the day, but the scope itself: (id, kind, sector)."""
        key = ("units_on", day)
        if key not in self.memo:
            ids = self.scope_ids if self.only_units is None else self.scope_ids & self.only_units
            units = Unit.objects.active_on(day).below_scope().filter(pk__in=ids)
            units = units.order_by("kind", "code").values_list("pk", "kind", "sector")
            self.memo[key] = list(units)
        return self.memo[key]

    def of_units(self, queryset, field: str = "unit_id"):
        """The evidence queryset cut to the units being recomputed (all of them by default)."""
        if self.only_units is None:
            return queryset
        return queryset.filter(**{f"{field}__in": self.only_units})

    @cached_property
    def fields(self) -> list[ProcedureField]:
        return list(ProcedureField.objects.order_by("order", "code"))

    def units_for(self, target: Target, window: "Window") -> list[int]:
        """The units a target counts in a window: those active at its end (DESIGN "Plans and
        units through time": a unit counts in a period when it is active on the period's end)."""
        key = ("units_for", tuple(target.kinds), target.unit_sector, window.end)
        if key not in self.memo:
            self.memo[key] = [
                pk
                for pk, kind, sector in self.units_on(window.end)
                if target.counts_unit(kind, sector)
            ]
        return self.memo[key]

    def windows(self, target: Target) -> list[Window]:
        periods = reported_periods(
            self.year, self.as_of, quarterly=target.quarterly, yearly=target.yearly
        )
        return [Window(p, p.start, p.end_as_of(self.as_of)) for p in periods]

    def windows_of(self, rule: str) -> list[Window]:
        """The union of the windows of every target of a rule family, in period order."""
        seen = {}
        for target in self.targets:
            if target.rule == rule:
                for window in self.windows(target):
                    seen[window.code] = window
        return sorted(seen.values(), key=lambda w: w.period.quarter or 5)

    def thresholds(self, target: Target) -> dict[int | None, int]:
        """Threshold in hundredths per field id (None: no field); land's on-time is 96. Pass
        the target as it judges the window (`judged_by`)."""
        key = ("thresholds", id(target))
        if key not in self.memo:
            out = {None: hundredths(target.threshold)}
            for field in self.fields:
                out[field.pk] = hundredths(target.threshold_for(field))
            self.memo[key] = (target, out)  # the target is kept so that its id stays unique
        return self.memo[key][1]


def grouped_rows(queryset) -> list[tuple]:
    """The rows of a `values(…).annotate(counts…)` query as plain tuples, in its column order,
    read from the cursor: a country's scan returns hundreds of thousands of groups, and
    Django's converter per value (counts are ints already) costs seconds there."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def grid(ctx: Context, target: Target, pairs: dict, make_row) -> list[Row]:
    """Rows for every unit (× field) and window the target applies to, plus the district.

    `pairs[(unit_id, field_id, period)] = (num, den)`, with field_id None unless the target is
    per field. District rows add numerators and denominators over the units (never an average of
    percentages). Missing keys are (0, 0): a no-data row, still reported. Each window is judged
    by the target as it stood then (`Context.judged_by`).
    """
    field_ids = [f.pk for f in ctx.fields] if target.per_field else [None]
    rows = []
    current = target
    for window in ctx.windows(current):
        target = ctx.judged_by(current, window)
        thresholds = ctx.thresholds(target)
        units = ctx.units_for(target, window)
        code = window.code
        if target.district_wide:
            for fid in field_ids:
                num = den = 0
                for uid in units:
                    n, d = pairs.get((uid, fid, code), (0, 0))
                    num += n
                    den += d
                rows.append(make_row(target, None, fid, window, num, den, thresholds[fid]))
        if target.per_unit and make_row is percent_row:
            rows.extend(_percent_rows(target, units, field_ids, code, pairs, thresholds))
        elif target.per_unit:
            for uid in units:
                for fid in field_ids:
                    n, d = pairs.get((uid, fid, code), (0, 0))
                    rows.append(make_row(target, uid, fid, window, n, d, thresholds[fid]))
    return rows


def _percent_rows(target, units, field_ids, code, pairs, thresholds) -> list[Row]:
    """`percent_row` for a whole period, inlined: a country has a million of these rows."""
    tid, comparator = target.pk, target.comparator
    strict, equal = comparator == Target.Comparator.GT, comparator == Target.Comparator.EQ
    get, zero, rows = pairs.get, (0, 0), []
    append = rows.append
    for uid in units:
        for fid in field_ids:
            num, den = get((uid, fid, code), zero)
            thr_h = thresholds[fid]
            if not den:
                append((tid, uid, fid, code, num, den, None, thr_h, NO_DATA, None, None))
                continue
            lhs, rhs = num * 10000, thr_h * den  # num/den·100 against thr_h/100, in integers
            met = lhs > rhs if strict else lhs == rhs if equal else lhs >= rhs
            value_h = (20000 * num + den) // (2 * den)  # round half up, num ≥ 0
            status = MET if met else NOT_MET
            append((tid, uid, fid, code, num, den, value_h, thr_h, status, None, None))
    return rows


def collapse_fields(pairs: dict) -> dict:
    """(unit, field, period) → (unit, None, period), adding numerators and denominators."""
    out: dict = {}
    for (uid, _fid, code), (n, d) in pairs.items():
        num, den = out.get((uid, None, code), (0, 0))
        out[(uid, None, code)] = (num + n, den + d)
    return out
