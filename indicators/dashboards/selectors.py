"""Read-only selectors for the staff dashboard, the public page and the Chairman's report.

Everything here reads precomputed `ComplianceResult` rows with a small, fixed number of grouped
queries: the number of queries does not depend on the number of units or targets.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.utils import timezone

from common.percent import percent_value as percent
from common.percent import share_status
from indicators.compliance.models import ComplianceResult
from indicators.compliance.store import results_ensure
from indicators.evidence.models import (
    Dossier,
    EPaymentAdoption,
    Feedback,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
    overdue_unresolved_at,
    resolved_between,
)
from indicators.reports.models import QuarterlyReport
from indicators.targets.models import ProcedureField, Target
from indicators.targets.selectors import plan_outline
from inspections.models import Inspection
from plans.models import (
    Assignment,
    Plan,
    assignment_done_by,
    assignment_done_on_time,
    assignment_overdue_on,
)
from plans.periods import Period, reported_periods
from units.models import Unit

MATRIX_PAGE_SIZE = 50
LATE_LIST_SIZE = 20
EVIDENCE_PAGE_SIZE = 50
MET, NOT_MET, NO_DATA = (
    ComplianceResult.Status.MET,
    ComplianceResult.Status.NOT_MET,
    ComplianceResult.Status.NO_DATA,
)


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def headline_period(target: Target, as_of: dt.date, year: int) -> Period:
    """The period a target is judged on at a glance: the year, else the last finished quarter."""
    if target.yearly:
        return Period(year)
    current = Period.quarter_of(min(as_of, dt.date(year, 12, 31)))
    if current.year != year:
        return Period(year, 1)
    if current.last_day <= as_of or current.quarter == 1:
        return current
    return Period(year, current.quarter - 1)


def report_quarter(plan: Plan, as_of: dt.date) -> Period:
    """The quarter whose reports are expected now: the last finished one (else the first)."""
    for period in reversed(plan.quarters()):
        if period.last_day < as_of:
            return period
    return plan.quarters()[0]


def _end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def _as_unit(value) -> Unit | None:
    """A unit given as an object, a code or nothing."""
    if value is None or isinstance(value, Unit):
        return value
    return Unit.objects.get(code=value)


def _as_field(value) -> ProcedureField | None:
    if value is None or isinstance(value, ProcedureField):
        return value
    return ProcedureField.objects.get(code=value)


def _results(plan, as_of):
    return ComplianceResult.objects.filter(plan=plan, as_of=as_of)


# ---------------------------------------------------------------------------------------------
# Dashboard summary
# ---------------------------------------------------------------------------------------------


@dataclass
class TargetLine:
    target: Target
    period: Period
    threshold: Decimal
    value: Decimal | None = None
    numerator: int = 0
    denominator: int = 0
    status: str = NO_DATA
    per_unit_share: bool = False  # value is the share of units (or unit × field) that met it
    n_met: int = 0
    n_not_met: int = 0
    n_no_data: int = 0

    @property
    def is_count(self) -> bool:
        return (
            self.target.rule
            in (
                Target.Rule.INITIATIVES,
                Target.Rule.OUTREACH,
                Target.Rule.CONDUCT_INSPECTIONS,
            )
            and not self.per_unit_share
        )

    @property
    def unit_suffix(self) -> str:
        if self.is_count:
            return ""
        if self.target.rule == Target.Rule.ONLINE_GROWTH and not self.per_unit_share:
            return " điểm %"
        return "%"


def target_lines(*, plan: Plan, as_of: dt.date, targets=None) -> list[TargetLine]:
    """One line per target: the district result, or for per-unit targets the share of units met.

    Two queries whatever the number of units: the district rows and the per-unit status counts.
    """
    targets = list(targets if targets is not None else plan.targets.all())
    periods = {t.pk: headline_period(t, as_of, plan.year) for t in targets}
    lines = {t.pk: TargetLine(t, periods[t.pk], t.threshold) for t in targets}
    district_rows = _results(plan, as_of).filter(unit__isnull=True, field__isnull=True)
    for row in district_rows.only(
        "target_id", "period", "numerator", "denominator", "value", "threshold", "status"
    ):
        line = lines.get(row.target_id)
        if line and row.period == line.period.code and line.target.district_wide:
            line.value, line.status, line.threshold = row.value, row.status, row.threshold
            line.numerator, line.denominator = row.numerator, row.denominator
    counts = (
        _results(plan, as_of)
        .filter(unit__isnull=False, period__in={p.code for p in periods.values()})
        .values("target_id", "period")
        .annotate(
            n_met=Count("pk", filter=Q(status=MET)),
            n_not_met=Count("pk", filter=Q(status=NOT_MET)),
            n_no_data=Count("pk", filter=Q(status=NO_DATA)),
        )
        .order_by()
    )
    for row in counts:
        line = lines.get(row["target_id"])
        if not line or row["period"] != line.period.code:
            continue
        line.n_met, line.n_not_met, line.n_no_data = (
            row["n_met"],
            row["n_not_met"],
            row["n_no_data"],
        )
        if not line.target.district_wide:
            line.per_unit_share = True
            judged = line.n_met + line.n_not_met
            line.numerator, line.denominator = line.n_met, judged
            line.value = percent(line.n_met, judged)
            line.status = NO_DATA if not judged else (MET if not line.n_not_met else NOT_MET)
    return [lines[t.pk] for t in targets]


def dashboard_summary(*, plan: Plan, as_of: dt.date) -> dict:
    """Everything at the top of the dashboard, as the plan stood on `as_of`."""
    has_results = results_ensure(plan=plan, as_of=as_of)
    lines = target_lines(plan=plan, as_of=as_of)
    assignments = Assignment.objects.for_plan(plan).due_by(as_of)
    done_as_of = assignment_done_by(as_of)
    tasks = assignments.aggregate(
        due=Count("pk"),
        done=Count("pk", filter=done_as_of),
        done_on_time=Count("pk", filter=done_as_of & assignment_done_on_time()),
        overdue=Count("pk", filter=assignment_overdue_on(as_of)),
    )
    tasks["percent"] = percent(tasks["done_on_time"], tasks["due"])

    quarter = report_quarter(plan, as_of)
    due_on = plan.report_due_on(quarter)
    expected = Unit.objects.active().below_district().count()
    reports = QuarterlyReport.objects.filter(
        plan=plan, period=quarter.code, submitted_at__lte=_end_of_day(as_of)
    ).aggregate(
        submitted=Count("pk"),
        on_time=Count("pk", filter=Q(submitted_at__lte=_end_of_day(due_on))),
    )
    reports.update(
        period=quarter,
        due_on=due_on,
        expected=expected,
        percent=percent(reports["submitted"], expected),
        on_time_percent=percent(reports["on_time"], expected),
        is_due=due_on < as_of,
    )
    coverage = [line for line in lines if line.target.rule == Target.Rule.INSPECTION_COVERAGE]
    return {
        "plan": plan,
        "as_of": as_of,
        "days_left": (plan.deadline - as_of).days,
        "has_results": has_results,
        "lines": lines,
        "tasks": tasks,
        "reports": reports,
        "coverage": coverage,
        "late": late_units(plan=plan, as_of=as_of),
    }


def late_units(*, plan: Plan, as_of: dt.date, limit: int = LATE_LIST_SIZE) -> dict:
    """Units late on tasks, on quarterly reports and on 1022 feedback, worst first (3 queries)."""
    overdue_tasks = (
        Assignment.objects.for_plan(plan)
        .overdue_on(as_of)
        .values("unit__code", "unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit__code")[:limit]
    )
    quarter = report_quarter(plan, as_of)
    due_on = plan.report_due_on(quarter)
    late_reports = Unit.objects.none()
    if due_on < as_of:
        on_time = QuarterlyReport.objects.filter(
            plan=plan,
            unit=OuterRef("pk"),
            period=quarter.code,
            submitted_at__lte=_end_of_day(due_on),
        )
        late_reports = (
            Unit.objects.active()
            .below_district()
            .filter(~Exists(on_time))
            .only("code", "name")
            .order_by("kind", "code")[:limit]
        )
    late_feedback = (
        Feedback.objects.filter(
            channel=Feedback.Channel.PORTAL_1022, due_on__lt=as_of, received_on__year=plan.year
        )
        .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=F("due_on")))
        .values("unit__code", "unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit__code")[:limit]
    )
    return {
        "tasks": list(overdue_tasks),
        "reports": list(late_reports),
        "reports_period": quarter,
        "reports_due_on": due_on,
        "feedback": list(late_feedback),
    }


# ---------------------------------------------------------------------------------------------
# Matrix
# ---------------------------------------------------------------------------------------------


@dataclass
class Cell:
    target: Target
    status: str = NO_DATA
    value: Decimal | None = None
    numerator: int = 0
    denominator: int = 0
    n: int = 0


@dataclass
class MatrixRow:
    unit: Unit
    cells: list = field(default_factory=list)


def matrix_periods(*, plan: Plan, as_of: dt.date) -> list[Period]:
    return reported_periods(plan.year, as_of, quarterly=True, yearly=True)


def compliance_matrix(
    *, plan: Plan, as_of: dt.date, unit_kind: str | None = None, period: str | None = None, page=1
) -> dict:
    """Units × per-unit targets for one period, 50 units a page (4 queries whatever the size).

    A unit × field target shows one cell per unit: not met if any field is not met, met if
    at least one is met and none is not, and the pooled ratio of its fields.
    """
    try:
        chosen = Period.parse(period) if period else Period(plan.year)
    except ValueError:
        chosen = Period(plan.year)
    targets = [
        t
        for t in plan.targets.all()
        if t.per_unit and (t.quarterly if chosen.is_quarter else t.yearly)
    ]
    units = Unit.objects.active().below_district().only("code", "name", "kind")
    if unit_kind in Unit.Kind.values:
        units = units.filter(kind=unit_kind)
    units = units.order_by("kind", "code")
    page_obj = Paginator(units, MATRIX_PAGE_SIZE).get_page(page)
    page_units = list(page_obj.object_list)
    rows = {u.pk: MatrixRow(u, [Cell(t) for t in targets]) for u in page_units}
    index = {t.pk: i for i, t in enumerate(targets)}
    if page_units and targets:
        grouped = (
            _results(plan, as_of)
            .filter(period=chosen.code, unit_id__in=list(rows), target_id__in=list(index))
            .values("unit_id", "target_id")
            .annotate(
                num=Sum("numerator"),
                den=Sum("denominator"),
                single=Max("value"),
                n=Count("pk"),
                n_met=Count("pk", filter=Q(status=MET)),
                n_not_met=Count("pk", filter=Q(status=NOT_MET)),
            )
            .order_by()
        )
        for row in grouped:
            cell = rows[row["unit_id"]].cells[index[row["target_id"]]]
            cell.numerator, cell.denominator, cell.n = row["num"], row["den"], row["n"]
            cell.value = row["single"] if row["n"] == 1 else percent(row["num"], row["den"])
            if row["n_not_met"]:
                cell.status = NOT_MET
            elif row["n_met"]:
                cell.status = MET
    return {
        "targets": targets,
        "rows": [rows[u.pk] for u in page_units],
        "page_obj": page_obj,
        "period": chosen,
        "periods": matrix_periods(plan=plan, as_of=as_of),
        "unit_kind": unit_kind if unit_kind in Unit.Kind.values else "",
        "unit_kinds": [(k, label) for k, label in Unit.Kind.choices if k != Unit.Kind.DISTRICT],
    }


# ---------------------------------------------------------------------------------------------
# Cell evidence: the records behind one figure
# ---------------------------------------------------------------------------------------------


def _unit_filter(qs, unit, prefix="unit"):
    return qs.filter(**{prefix: unit}) if unit is not None else qs


def _late_or_counted(qs, start, end):
    """The records an on-time rate counts: resolved in the period, or unresolved and overdue."""
    return qs.filter(resolved_between(start, end) | overdue_unresolved_at(end))


def _period_codes(period: Period, as_of: dt.date) -> list[str]:
    if period.is_quarter:
        return [period.code]
    started = [q.code for q in reported_periods(period.year, as_of, quarterly=True, yearly=False)]
    return [*started, period.code]


def cell_evidence(
    *,
    plan: Plan,
    as_of: dt.date,
    target: Target | str,
    unit: Unit | str | None,
    field: ProcedureField | str | None,
    period: Period | str,
) -> dict:
    """The result(s) of one cell and the queryset of the records that were counted for it.

    `kind` names the evidence (dossiers, surveys, feedback, publications, inspections,
    initiatives, outreach, epayment, assignments); `records` is an unevaluated queryset for
    the view to paginate.
    """
    if not isinstance(target, Target):
        target = plan.targets.get(code=target)
    if not isinstance(period, Period):
        period = Period.parse(period)
    unit, field = _as_unit(unit), _as_field(field)
    start, end = period.start, period.end_as_of(as_of)
    results = (
        _results(plan, as_of)
        .filter(target=target, period=period.code, unit=unit)
        .select_related("unit", "field")
        .order_by("field__order", "field__code")
    )
    if field is not None:
        results = results.filter(field=field)
    rule = target.rule
    R = Target.Rule
    if rule == R.ONTIME:
        kind = "dossiers"
        records = _late_or_counted(_unit_filter(Dossier.objects.all(), unit), start, end)
        if field is not None:
            records = records.filter(field=field)
        records = records.select_related("unit", "field").order_by("received_on", "code")
    elif rule == R.ONLINE_GROWTH:
        kind = "dossiers"
        records = (
            _unit_filter(Dossier.objects.received_between(start, end), unit)
            .select_related("unit", "field")
            .order_by("received_on", "code")
        )
    elif rule == R.SATISFACTION:
        kind = "surveys"
        records = _unit_filter(
            SatisfactionSurvey.objects.filter(period__in=_period_codes(period, as_of)), unit
        )
        if field is not None:
            records = records.filter(field=field)
        records = records.select_related("unit", "field").order_by("period", "unit__code")
    elif rule == R.PUBLICATION:
        kind = "publications"
        records = _unit_filter(
            SatisfactionPublication.objects.filter(period=period.code, published_on__lte=end),
            unit,
        ).select_related("unit")
    elif rule == R.FEEDBACK:
        kind = "feedback"
        records = (
            _late_or_counted(_unit_filter(Feedback.objects.all(), unit), start, end)
            .select_related("unit")
            .order_by("received_on", "code")
        )
    elif rule == R.INITIATIVES:
        kind = "initiatives"
        records = _unit_filter(Initiative.objects.filter(date__range=(start, end)), unit)
        records = records.select_related("unit")
    elif rule == R.OUTREACH:
        kind = "outreach"
        records = _unit_filter(OutreachProduct.objects.filter(date__range=(start, end)), unit)
        records = records.select_related("unit")
    elif rule in (R.INSPECTION_COVERAGE, R.CONDUCT_INSPECTIONS):
        kind = "inspections"
        records = Inspection.objects.done().between(start, end)
        if rule == R.CONDUCT_INSPECTIONS:
            records = records.conduct()
        else:
            kinds = [k for k in target.inspection_kinds.split(",") if k]
            records = records.filter(kind__in=kinds) if kinds else records.cchc()
            if target.unit_kind:
                records = records.filter(unit__kind=target.unit_kind, unit__active=True)
        records = _unit_filter(records, unit).select_related("unit").order_by("date", "code")
    elif rule == R.EPAYMENT_SHARE:
        kind = "epayment"
        records = EPaymentAdoption.objects.filter(
            adopted_on__lte=end, unit__active=True, unit__kind=target.unit_kind or "public_service"
        )
        if target.unit_sector:
            records = records.filter(unit__sector=target.unit_sector)
        records = _unit_filter(records, unit).select_related("unit").order_by("unit__code")
    else:  # task completion
        kind = "assignments"
        records = (
            _unit_filter(Assignment.objects.for_plan(plan).due_by(end), unit)
            .select_related("task", "unit")
            .order_by("due_on", "task__code")
        )
    return {
        "kind": kind,
        "records": records,
        "results": results,
        "start": start,
        "end": end,
    }


# ---------------------------------------------------------------------------------------------
# Trends
# ---------------------------------------------------------------------------------------------


def trend_series(
    *, plan: Plan, as_of: dt.date, target_code: str, unit=None, field=None
) -> list[dict]:
    """Quarter-by-quarter values of a target (one grouped query).

    District-wide targets read their district rows; otherwise (or for a unit / field) the
    counts of the matching rows are pooled: sum of numerators / sum of denominators.
    """
    target = plan.targets.filter(code=target_code).first()
    if target is None:
        return []
    unit, field = _as_unit(unit), _as_field(field)
    quarters = [q.code for q in plan.quarters() if q.started_by(as_of)]
    rows = _results(plan, as_of).filter(target=target, period__in=quarters)
    if unit is not None:
        rows = rows.filter(unit=unit)
    elif target.district_wide and field is None:
        rows = rows.filter(unit__isnull=True)
    else:
        rows = rows.filter(unit__isnull=False)
    if field is not None:
        rows = rows.filter(field=field)
    grouped = {
        r["period"]: r
        for r in rows.values("period").annotate(num=Sum("numerator"), den=Sum("denominator"))
    }
    series = []
    for code in quarters:
        row = grouped.get(code) or {"num": 0, "den": 0}
        threshold = target.threshold_for(field)
        series.append(
            {
                "period": code,
                "label": Period.parse(code).label,
                "numerator": row["num"],
                "denominator": row["den"],
                "value": percent(row["num"], row["den"]),
                "threshold": threshold,
                "status": share_status(row["num"], row["den"], threshold, target.comparator),
            }
        )
    return series


# ---------------------------------------------------------------------------------------------
# Public transparency page (Plan II.7, V.3.1)
# ---------------------------------------------------------------------------------------------

PUBLIC_TARGETS = ("SAT-OVERALL", "SAT-FIELD", "ONTIME")


@dataclass
class PublicRow:
    unit_code: str
    unit_name: str
    period: str
    field_code: str
    field_name: str
    satisfaction: Decimal | None = None
    satisfaction_n: int = 0
    ontime: Decimal | None = None
    ontime_n: int = 0

    @property
    def period_label(self) -> str:
        return Period.parse(self.period).label


def public_figures(*, plan: Plan) -> dict:
    """Satisfaction and on-time rates as published: only unit × quarter whose quarterly report
    is approved AND published; the district rows pool only those (3 queries).
    """
    as_of = plan.default_as_of()
    results_ensure(plan=plan, as_of=as_of)
    published = QuarterlyReport.objects.filter(
        plan=plan,
        unit=OuterRef("unit"),
        period=OuterRef("period"),
        status=QuarterlyReport.Status.APPROVED,
        published=True,
    )
    rows = (
        _results(plan, as_of)
        .filter(target__code__in=PUBLIC_TARGETS, unit__isnull=False, period__contains="-Q")
        .filter(Exists(published))
    )
    # Per unit × quarter × field (field null = all fields), one grouped query.
    per_unit = (
        rows.values("unit__code", "unit__name", "unit__kind", "period", "target__code")
        .annotate(
            field_code=F("field__code"),
            field_name=F("field__name"),
            field_order=F("field__order"),
            num=Sum("numerator"),
            den=Sum("denominator"),
        )
        .order_by()
    )
    # Per unit × quarter on-time over all fields.
    ontime_all = (
        rows.filter(target__code="ONTIME")
        .values("unit__code", "unit__name", "unit__kind", "period")
        .annotate(num=Sum("numerator"), den=Sum("denominator"))
        .order_by()
    )
    # District: pool the published unit rows per quarter and field.
    district = (
        rows.values("period", "target__code")
        .annotate(
            field_code=F("field__code"),
            field_name=F("field__name"),
            field_order=F("field__order"),
            num=Sum("numerator"),
            den=Sum("denominator"),
        )
        .order_by()
    )
    units: dict[tuple, PublicRow] = {}
    order: dict[tuple, tuple] = {}

    def row_for(code, name, kind, period, fcode, fname, forder):
        key = (code, period, fcode or "")
        if key not in units:
            units[key] = PublicRow(code, name, period, fcode or "", fname or "")
            order[key] = (kind, code, period, 0 if not fcode else 1, forder or 0, fcode or "")
        return units[key]

    for r in per_unit:
        row = row_for(
            r["unit__code"],
            r["unit__name"],
            r["unit__kind"],
            r["period"],
            r["field_code"],
            r["field_name"],
            r["field_order"],
        )
        if r["target__code"] == "ONTIME":
            row.ontime, row.ontime_n = percent(r["num"], r["den"]), r["den"]
        else:
            row.satisfaction, row.satisfaction_n = percent(r["num"], r["den"]), r["den"]
    for r in ontime_all:
        row = row_for(
            r["unit__code"], r["unit__name"], r["unit__kind"], r["period"], None, None, None
        )
        row.ontime, row.ontime_n = percent(r["num"], r["den"]), r["den"]

    district_rows: dict[tuple, PublicRow] = {}
    district_order: dict[tuple, tuple] = {}
    pooled_all: dict[str, list] = {}
    for r in district:
        key = (r["period"], r["field_code"] or "")
        if key not in district_rows:
            district_rows[key] = PublicRow(
                plan.district.code,
                plan.district.name,
                r["period"],
                r["field_code"] or "",
                r["field_name"] or "",
            )
            district_order[key] = (
                r["period"],
                1 if r["field_code"] else 0,
                r["field_order"] or 0,
                r["field_code"] or "",
            )
        row = district_rows[key]
        value = percent(r["num"], r["den"])
        if r["target__code"] == "ONTIME":
            row.ontime, row.ontime_n = value, r["den"]
        else:
            row.satisfaction, row.satisfaction_n = value, r["den"]
        if r["target__code"] == "ONTIME":
            sums = pooled_all.setdefault(r["period"], [0, 0])
            sums[0] += r["num"]
            sums[1] += r["den"]
    # District on-time over all fields: pool every published unit × field row of the quarter.
    for period, (num, den) in pooled_all.items():
        key = (period, "")
        if key not in district_rows:
            district_rows[key] = PublicRow(plan.district.code, plan.district.name, period, "", "")
            district_order[key] = (period, 0, 0, "")
        district_rows[key].ontime, district_rows[key].ontime_n = percent(num, den), den
    return {
        "as_of": as_of,
        "district": [district_rows[k] for k in sorted(district_rows, key=district_order.get)],
        "units": [units[k] for k in sorted(units, key=order.get)],
    }


# ---------------------------------------------------------------------------------------------
# Chairman's report
# ---------------------------------------------------------------------------------------------


@dataclass
class ReportClause:
    clause: object
    tasks: list = field(default_factory=list)  # (task, overdue unit codes)
    targets: list = field(default_factory=list)  # (TargetLine, not-met unit codes)

    @property
    def has_content(self) -> bool:
        return bool(self.tasks or self.targets)


def chairman_report(*, plan: Plan, as_of: dt.date) -> dict:
    """Every clause with its tasks (done/total, overdue) and targets (result, status), and the
    units behind each shortfall: units with not-met results or overdue assignments.
    """
    results_ensure(plan=plan, as_of=as_of)
    outline = plan_outline(plan=plan, as_of=as_of)
    targets = {t.pk: t for item in outline for t, _ in item.targets}
    lines = {
        line.target.pk: line
        for line in target_lines(plan=plan, as_of=as_of, targets=targets.values())
    }
    not_met: dict[int, list[str]] = {}
    for row in (
        _results(plan, as_of)
        .filter(
            status=NOT_MET,
            unit__isnull=False,
            period__in={line.period.code for line in lines.values()},
        )
        .values("target_id", "period", "unit__code")
        .distinct()
        .order_by("target_id", "unit__code")
    ):
        line = lines.get(row["target_id"])
        if line and row["period"] == line.period.code:
            codes = not_met.setdefault(row["target_id"], [])
            if not codes or codes[-1] != row["unit__code"]:
                codes.append(row["unit__code"])
    overdue: dict[int, list[str]] = {}
    for row in (
        Assignment.objects.for_plan(plan)
        .overdue_on(as_of)
        .values("task_id", "unit__code")
        .distinct()
        .order_by("task_id", "unit__code")
    ):
        overdue.setdefault(row["task_id"], []).append(row["unit__code"])
    clauses = []
    for item in outline:
        clauses.append(
            ReportClause(
                item.clause,
                [(task, overdue.get(task.pk, [])) for task in item.tasks],
                [(lines[t.pk], not_met.get(t.pk, [])) for t, _ in item.targets],
            )
        )
    return {"plan": plan, "as_of": as_of, "clauses": clauses}
