"""Inspection coverage (plan I.2.1, V.2.1): the stored results read for the coverage page and the
projection of planned + done inspections for planning. (The V.2.5 proposals, which also read
inspection conclusions, are in `indicators.followup.proposals`.)
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractQuarter

from common.percent import percent_value, share_status
from indicators.compliance.selectors import results_for
from indicators.compliance.store import results_ensure
from indicators.targets.models import Target
from inspections.models import Inspection
from inspections.selectors import GROUP_KINDS, year_window
from plans.models import Plan
from plans.periods import Period, quarters
from units.models import Unit

# Group of units → (target code, unit kind, Vietnamese label).
GROUPS = (
    ("INSP-AGENCY", Unit.Kind.AGENCY, "Cơ quan chuyên môn"),
    ("INSP-PSU", Unit.Kind.PUBLIC_SERVICE, "Đơn vị sự nghiệp công lập"),
    ("INSP-WARD", Unit.Kind.WARD, "UBND phường"),
)
CONDUCT_TARGET = "INSP-CONDUCT-Q"
DEFAULT_THRESHOLDS = {"INSP-AGENCY": 30, "INSP-PSU": 30, "INSP-WARD": 30, CONDUCT_TARGET: 5}

# --- coverage ---------------------------------------------------------------------------------


@dataclass
class GroupCoverage:
    target: str
    kind: str
    label: str
    numerator: int
    denominator: int
    threshold: Decimal
    value: Decimal | None = None
    status: str = "no_data"
    period: str = ""

    @property
    def percent(self) -> float:
        return float(self.value or 0)


@dataclass
class QuarterCoverage:
    period: Period
    count: int
    threshold: Decimal
    status: str = "not_met"

    @property
    def target(self) -> str:
        return CONDUCT_TARGET

    @property
    def percent(self) -> float:
        """Progress toward the threshold, capped at 100 (for a progress bar)."""
        return min(100.0, float(100 * self.count / self.threshold)) if self.threshold else 100.0


@dataclass
class Coverage:
    plan: Plan
    as_of: dt.date | None
    groups: list[GroupCoverage] = field(default_factory=list)
    quarters: list[QuarterCoverage] = field(default_factory=list)


def thresholds_for(*, plan: Plan) -> dict[str, Decimal]:
    found = dict(
        Target.objects.filter(plan=plan, code__in=DEFAULT_THRESHOLDS).values_list(
            "code", "threshold"
        )
    )
    return {code: Decimal(found.get(code, default)) for code, default in DEFAULT_THRESHOLDS.items()}


def share(numerator: int, denominator: int, threshold: Decimal) -> tuple[Decimal | None, str]:
    """Percentage rounded to 2 decimals and the status by the exact ratio, as the engine does."""
    return percent_value(numerator, denominator), share_status(
        numerator, denominator, threshold, Target.Comparator.GTE
    )


def _group_counts(inspection_q: Q) -> dict[str, tuple[int, int]]:
    """{kind: (covered active units, active units)} in one grouped query."""
    rows = (
        Unit.objects.active()
        .filter(kind__in=GROUP_KINDS)
        .order_by()
        .values("kind")
        .annotate(
            total=Count("pk", distinct=True),
            covered=Count("pk", distinct=True, filter=inspection_q),
        )
    )
    return {r["kind"]: (r["covered"], r["total"]) for r in rows}


def _conduct_counts(inspections) -> dict[int, int]:
    """{quarter number: distinct units} in one grouped query."""
    rows = (
        inspections.conduct()
        .order_by()
        .annotate(q=ExtractQuarter("date"))
        .values("q")
        .annotate(n=Count("unit", distinct=True))
    )
    return {r["q"]: r["n"] for r in rows}


def _coverage(plan, as_of, *, inspection_q, inspections) -> Coverage:
    thresholds = thresholds_for(plan=plan)
    result = Coverage(plan=plan, as_of=as_of)
    counts = _group_counts(inspection_q)
    for target, kind, label in GROUPS:
        numerator, denominator = counts.get(kind, (0, 0))
        value, status = share(numerator, denominator, thresholds[target])
        result.groups.append(
            GroupCoverage(
                target=target,
                kind=kind,
                label=label,
                numerator=numerator,
                denominator=denominator,
                threshold=thresholds[target],
                value=value,
                status=status,
                period=str(plan.year),
            )
        )
    per_quarter = _conduct_counts(inspections)
    threshold = thresholds[CONDUCT_TARGET]
    periods = quarters(plan.year)
    if as_of is not None:
        periods = [p for p in periods if p.started_by(as_of)]
    for period in periods:
        count = per_quarter.get(period.quarter, 0)
        status = "met" if count >= threshold else "not_met"
        result.quarters.append(QuarterCoverage(period, count, threshold, status))
    return result


def inspection_coverage(*, plan: Plan, as_of: dt.date) -> Coverage:
    """INSP-AGENCY, INSP-PSU, INSP-WARD and INSP-CONDUCT-Q as the compliance engine computed
    them for the as-of date (once, if not stored yet): the page cannot disagree with the engine."""
    results_ensure(plan=plan, as_of=as_of)
    stored = {
        (r.target.code, r.period): r
        for r in results_for(plan=plan, as_of=as_of).filter(target__code__in=DEFAULT_THRESHOLDS)
    }
    coverage = Coverage(plan=plan, as_of=as_of)
    for target, kind, label in GROUPS:
        result = stored.get((target, str(plan.year)))
        if result is not None:
            coverage.groups.append(
                GroupCoverage(
                    target=target,
                    kind=kind,
                    label=label,
                    numerator=result.numerator,
                    denominator=result.denominator,
                    threshold=result.threshold,
                    value=result.value,
                    status=result.status,
                    period=result.period,
                )
            )
    for period in quarters(plan.year):
        result = stored.get((CONDUCT_TARGET, period.code))
        if result is not None:
            coverage.quarters.append(
                QuarterCoverage(period, result.numerator, result.threshold, result.status)
            )
    return coverage


def inspection_projection(*, plan: Plan) -> Coverage:
    """What the year will reach if every planned inspection is done: planned + done, whole year."""
    start, end = year_window(plan, None)
    inspection_q = Q(
        inspections__kind__in=Inspection.CCHC_KINDS,
        inspections__date__range=(start, end),
    )
    return _coverage(
        plan,
        None,
        inspection_q=inspection_q,
        inspections=Inspection.objects.between(start, end),
    )


def _units_without(plan: Plan, inspections) -> dict[str, list[Unit]]:
    covered = inspections.cchc().filter(unit=OuterRef("pk"))
    units = (
        Unit.objects.active()
        .filter(kind__in=GROUP_KINDS)
        .annotate(covered=Exists(covered))
        .filter(covered=False)
        .order_by("kind", "code")
    )
    grouped = {kind: [] for kind in GROUP_KINDS}
    for unit in units:
        grouped[unit.kind].append(unit)
    return grouped


def units_not_covered(*, plan: Plan, as_of: dt.date) -> dict[str, list[Unit]]:
    """Active units per kind with no done CCHC inspection in the coverage window."""
    start, end = year_window(plan, as_of)
    return _units_without(plan, Inspection.objects.done().between(start, end))


def units_to_suggest(*, plan: Plan) -> dict[str, list[Unit]]:
    """Active units per kind with no CCHC inspection this year, neither done nor planned."""
    start, end = year_window(plan, None)
    return _units_without(plan, Inspection.objects.between(start, end))
