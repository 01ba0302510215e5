"""Reads for inspections (plan I.2.1, V.2): visibility, coverage, planning, follow-up, proposals.

Coverage rules (computed by the compliance engine, `indicators.compliance`; the coverage page
reads its stored results, and the planning projection applies the same rules to planned + done):

* ``INSP-AGENCY``, ``INSP-PSU``, ``INSP-WARD`` (plan I.2.1a, V.2.1) — for the plan's year and an
  as-of date, the window is ``[1 January, min(31 December, as_of)]``. The numerator is the number
  of ACTIVE units of the kind (agency, public_service, ward) with at least one inspection whose
  status is ``done``, whose kind is ``cchc_periodic`` or ``cchc_surprise`` and whose date lies in
  the window (both ends included). The denominator is the number of active units of the kind.
  The value is the percentage rounded half-up to 2 decimals; the status is ``met`` when the exact
  ratio is ≥ the target's threshold (30 %), ``not_met`` otherwise, ``no_data`` when the kind has no
  active unit. The period is the year (``"2021"``).
* ``INSP-CONDUCT-Q`` (plan I.2.1b) — for every quarter of the plan's year that has started by the
  as-of date, the number of distinct units (any unit, active or not) with a ``done``
  ``conduct_surprise`` inspection dated between the quarter's start and min(quarter's last day,
  as_of). The value is that count; ``met`` when it is ≥ the threshold (5). Never ``no_data``.

Inspections are counted by their date, whatever plan they are attached to. Each figure comes from
one grouped query.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import ExtractMonth, ExtractQuarter
from django.http import Http404
from django.shortcuts import get_object_or_404

from indicators.compliance import results_ensure, results_for
from indicators.compliance.base import percent_value, share_status
from indicators.models import ComplianceResult, Target
from plans.models import Plan
from plans.periods import Period, quarters
from units.models import Unit

from .models import CorrectiveAction, Inspection, RecognitionProposal

# Group of units → (target code, unit kind, Vietnamese label).
GROUPS = (
    ("INSP-AGENCY", Unit.Kind.AGENCY, "Cơ quan chuyên môn"),
    ("INSP-PSU", Unit.Kind.PUBLIC_SERVICE, "Đơn vị sự nghiệp công lập"),
    ("INSP-WARD", Unit.Kind.WARD, "UBND phường"),
)
CONDUCT_TARGET = "INSP-CONDUCT-Q"
DEFAULT_THRESHOLDS = {"INSP-AGENCY": 30, "INSP-PSU": 30, "INSP-WARD": 30, CONDUCT_TARGET: 5}
GROUP_KINDS = [kind for _, kind, _ in GROUPS]
# Plan V.2.5 suggestions: a unit with at least this many `not_met` results is to be reminded.
MANY_NOT_MET = 3


# --- visibility -------------------------------------------------------------------------------


def inspections_visible_to(*, user):
    """Every inspection for Phòng Nội vụ and leaders; a unit head's own DONE inspections only
    (a planned surprise inspection must stay a surprise)."""
    qs = Inspection.objects.select_related("unit")
    if not user.is_authenticated:
        return qs.none()
    if user.sees_all_units:
        return qs
    if user.is_unit_head:
        return qs.filter(unit_id=user.unit_id, status=Inspection.Status.DONE)
    return qs.none()


def inspections_listed(*, user):
    """The list page: visible inspections with their number of findings and open actions."""
    return (
        inspections_visible_to(user=user)
        .annotate(
            n_findings=Count("findings", distinct=True),
            n_open=Count(
                "findings__actions",
                filter=Q(findings__actions__status=CorrectiveAction.Status.OPEN),
                distinct=True,
            ),
        )
        .order_by("-date", "code")
    )


def inspection_get(*, user, pk: int) -> Inspection:
    """The inspection if the user may see it, else 404."""
    return get_object_or_404(inspections_visible_to(user=user), pk=pk)


def inspection_findings(*, inspection: Inspection):
    return inspection.findings.prefetch_related("actions__unit").order_by("pk")


def actions_visible_to(*, user):
    """Corrective actions: all for Phòng Nội vụ and leaders, a unit head's own unit's."""
    qs = CorrectiveAction.objects.select_related("unit", "finding__inspection__unit")
    if not user.is_authenticated:
        return qs.none()
    if user.sees_all_units:
        return qs
    if user.is_unit_head:
        return qs.filter(unit_id=user.unit_id)
    return qs.none()


def action_get(*, user, pk: int) -> CorrectiveAction:
    return get_object_or_404(actions_visible_to(user=user), pk=pk)


def require_sees_all(user) -> None:
    """District-wide pages (planning, coverage, proposals): a unit head gets 404."""
    if not user.sees_all_units:
        raise Http404


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


def _year_window(plan: Plan, as_of: dt.date | None) -> tuple[dt.date, dt.date]:
    year = Period(plan.year)
    return year.start, year.last_day if as_of is None else year.end_as_of(as_of)


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
    start, end = _year_window(plan, None)
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
    start, end = _year_window(plan, as_of)
    return _units_without(plan, Inspection.objects.done().between(start, end))


def units_to_suggest(*, plan: Plan) -> dict[str, list[Unit]]:
    """Active units per kind with no CCHC inspection this year, neither done nor planned."""
    start, end = _year_window(plan, None)
    return _units_without(plan, Inspection.objects.between(start, end))


def planned_inspections(*, plan: Plan):
    start, end = _year_window(plan, None)
    return (
        Inspection.objects.filter(status=Inspection.Status.PLANNED)
        .between(start, end)
        .select_related("unit")
        .order_by("date", "unit__code")
    )


@dataclass
class CalendarRow:
    month: int
    planned: int = 0
    done: int = 0
    inspections: list = field(default_factory=list)


def inspection_calendar(*, plan: Plan) -> list[list[CalendarRow]]:
    """Planned vs done inspections per month of the plan's year, grouped by quarter (one query)."""
    start, end = _year_window(plan, None)
    rows = (
        Inspection.objects.between(start, end)
        .order_by()
        .annotate(m=ExtractMonth("date"))
        .values("m", "status")
        .annotate(n=Count("pk"))
    )
    months = {m: CalendarRow(m) for m in range(1, 13)}
    for r in rows:
        setattr(months[r["m"]], r["status"], r["n"])
    return [[months[m] for m in range(3 * q - 2, 3 * q + 1)] for q in range(1, 5)]


def units_for_planning():
    return Unit.objects.active().filter(kind__in=GROUP_KINDS).order_by("kind", "code")


# --- proposals (plan V.2.5) -------------------------------------------------------------------


@dataclass
class Suggestion:
    unit: Unit
    kind: str
    reason: str
    inspection: Inspection | None = None

    @property
    def kind_label(self) -> str:
        return RecognitionProposal.Kind(self.kind).label


def proposals_for(*, plan: Plan):
    return (
        RecognitionProposal.objects.filter(plan=plan)
        .select_related("unit", "inspection")
        .order_by("kind", "unit__code", "pk")
    )


def proposal_suggestions(*, plan: Plan, as_of: dt.date) -> list[Suggestion]:
    """Suggestions for V.2.5, skipping a unit × kind already proposed.

    * criticise: a done inspection this year with an open corrective action whose due date has
      passed (due_on < as_of);
    * commend: a done inspection this year with no finding;
    * commend: every compliance result of the unit for the plan's as-of is `met`;
    * remind: at least MANY_NOT_MET compliance results of the unit are `not_met`.
    """
    start, end = _year_window(plan, as_of)
    taken = set(
        RecognitionProposal.objects.filter(plan=plan).values_list("unit_id", "kind").distinct()
    )
    out: list[Suggestion] = []

    def add(suggestion: Suggestion) -> None:
        key = (suggestion.unit.pk, suggestion.kind)
        if key not in taken:
            taken.add(key)
            out.append(suggestion)

    overdue = Q(
        findings__actions__status=CorrectiveAction.Status.OPEN,
        findings__actions__due_on__lt=as_of,
    )
    inspections = (
        Inspection.objects.done()
        .between(start, end)
        .select_related("unit")
        .order_by("unit__code", "date")
        .annotate(
            n_findings=Count("findings", distinct=True),
            n_overdue=Count("findings__actions", filter=overdue, distinct=True),
        )
    )
    Kind = RecognitionProposal.Kind
    for inspection in inspections:
        if inspection.n_overdue:
            add(
                Suggestion(
                    inspection.unit,
                    Kind.CRITICISE,
                    f"{inspection.n_overdue} biện pháp khắc phục quá hạn chưa hoàn thành sau "
                    f"cuộc kiểm tra {inspection.code} ngày {inspection.date:%d/%m/%Y}.",
                    inspection,
                )
            )
        elif not inspection.n_findings:
            add(
                Suggestion(
                    inspection.unit,
                    Kind.COMMEND,
                    f"Cuộc kiểm tra {inspection.code} ngày {inspection.date:%d/%m/%Y} "
                    "không có phát hiện sai sót.",
                    inspection,
                )
            )

    result_date = plan.default_as_of()
    results = (
        ComplianceResult.objects.filter(plan=plan, as_of=result_date, unit__isnull=False)
        .order_by()
        .values("unit")
        .annotate(
            total=Count("pk"),
            met=Count("pk", filter=Q(status=ComplianceResult.Status.MET)),
            not_met=Count("pk", filter=Q(status=ComplianceResult.Status.NOT_MET)),
        )
    )
    results = list(results)
    units = Unit.objects.in_bulk([r["unit"] for r in results])
    for r in sorted(results, key=lambda r: units[r["unit"]].code):
        unit = units[r["unit"]]
        if r["total"] and r["met"] == r["total"]:
            add(
                Suggestion(
                    unit,
                    Kind.COMMEND,
                    f"Đạt toàn bộ {r['total']} chỉ tiêu tính đến ngày {result_date:%d/%m/%Y}.",
                )
            )
        elif r["not_met"] >= MANY_NOT_MET:
            add(
                Suggestion(
                    unit,
                    Kind.REMIND,
                    f"{r['not_met']}/{r['total']} chỉ tiêu chưa đạt tính đến ngày "
                    f"{result_date:%d/%m/%Y}.",
                )
            )
    return out


def inspection_code_max(*, prefix: str) -> str | None:
    return Inspection.objects.filter(code__startswith=prefix).aggregate(m=Max("code"))["m"]
