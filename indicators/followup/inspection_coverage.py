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
from indicators.targets.models import Target
from inspections.models import Inspection
from inspections.selectors import GROUP_KINDS, year_window
from plans.models import Plan
from plans.periods import Period, quarters
from units.models import Unit
from units.selectors import units_in_scope

# The kinds of unit CCHC inspections cover (plan V.2.1), with their label on the pages.
GROUPS = (
    (Unit.Kind.AGENCY, "Cơ quan chuyên môn"),
    (Unit.Kind.PUBLIC_SERVICE, "Đơn vị sự nghiệp công lập"),
    (Unit.Kind.WARD, "UBND phường"),
)
COVERAGE, CONDUCT = Target.Rule.INSPECTION_COVERAGE, Target.Rule.CONDUCT_INSPECTIONS

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
    target: str = ""

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


def coverage_targets(*, plan: Plan) -> tuple[list[Target], Target | None]:
    """The plan's inspection-coverage targets (one per kind of unit, by `unit_kinds`) and its
    conduct-inspections target, chosen by rule: the codes are the plan's data."""
    targets = list(plan.targets.filter(rule__in=(COVERAGE, CONDUCT)).order_by("order", "code"))
    groups = [t for t in targets if t.rule == COVERAGE]
    conduct = next((t for t in targets if t.rule == CONDUCT), None)
    return groups, conduct


def group_label(target: Target) -> str:
    kinds = target.kinds
    return (len(kinds) == 1 and dict(GROUPS).get(kinds[0])) or target.title


def share(numerator: int, denominator: int, threshold: Decimal) -> tuple[Decimal | None, str]:
    """Percentage rounded to 2 decimals and the status by the exact ratio, as the engine does."""
    return percent_value(numerator, denominator), share_status(
        numerator, denominator, threshold, Target.Comparator.GTE
    )


def _group_counts(plan: Plan, on: dt.date, inspection_q: Q) -> dict[str, tuple[int, int]]:
    """{kind: (covered units, units active on the day)} in one grouped query."""
    rows = (
        units_in_scope(scope=plan.scope, on=on)
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
    groups, conduct = coverage_targets(plan=plan)
    result = Coverage(plan=plan, as_of=as_of)
    counts = _group_counts(plan, year_window(plan, as_of)[1], inspection_q)
    for target in groups:
        kinds = target.kinds or list(counts)  # blank: every kind of unit inspections cover
        numerator = sum(counts.get(k, (0, 0))[0] for k in kinds)
        denominator = sum(counts.get(k, (0, 0))[1] for k in kinds)
        value, status = share(numerator, denominator, target.threshold)
        result.groups.append(
            GroupCoverage(
                target=target.code,
                kind=";".join(target.kinds),
                label=group_label(target),
                numerator=numerator,
                denominator=denominator,
                threshold=target.threshold,
                value=value,
                status=status,
                period=str(plan.year),
            )
        )
    if conduct is None:
        return result
    per_quarter = _conduct_counts(inspections)
    threshold = conduct.threshold
    periods = quarters(plan.year)
    if as_of is not None:
        periods = [p for p in periods if p.started_by(as_of)]
    for period in periods:
        count = per_quarter.get(period.quarter, 0)
        status = "met" if count >= threshold else "not_met"
        result.quarters.append(QuarterCoverage(period, count, threshold, status, conduct.code))
    return result


def inspection_coverage(*, plan: Plan, as_of: dt.date) -> Coverage:
    """The inspection-coverage and conduct-inspections targets as the compliance engine stored
    them for the as-of date: the page cannot disagree with the engine. Reads only; when nothing
    is stored the coverage is empty (the page asks for the results and says so)."""
    groups, conduct = coverage_targets(plan=plan)
    wanted = [t.pk for t in groups] + ([conduct.pk] if conduct else [])
    stored = {
        (r.target_id, r.period): r
        for r in results_for(plan=plan, as_of=as_of).filter(
            target_id__in=wanted, unit__isnull=True, field__isnull=True
        )
    }
    coverage = Coverage(plan=plan, as_of=as_of)
    for target in groups:
        result = stored.get((target.pk, str(plan.year)))
        if result is not None:
            coverage.groups.append(
                GroupCoverage(
                    target=target.code,
                    kind=";".join(target.kinds),
                    label=group_label(target),
                    numerator=result.numerator,
                    denominator=result.denominator,
                    threshold=result.threshold,
                    value=result.value,
                    status=result.status,
                    period=result.period,
                )
            )
    for period in quarters(plan.year) if conduct else []:
        result = stored.get((conduct.pk, period.code))
        if result is not None:
            coverage.quarters.append(
                QuarterCoverage(
                    period, result.numerator, result.threshold, result.status, conduct.code
                )
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


def _units_without(plan: Plan, on: dt.date, inspections) -> dict[str, list[Unit]]:
    covered = inspections.cchc().filter(unit=OuterRef("pk"))
    units = (
        units_in_scope(scope=plan.scope, on=on)
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
    return _units_without(plan, end, Inspection.objects.done().between(start, end))


def units_to_suggest(*, plan: Plan) -> dict[str, list[Unit]]:
    """Active units per kind with no CCHC inspection this year, neither done nor planned."""
    start, end = year_window(plan, None)
    return _units_without(plan, end, Inspection.objects.between(start, end))
