"""The drill-down behind one figure of the dashboard: the stored result(s) of a cell and the
records that were counted for it, chosen by the target's rule."""

import datetime as dt
from dataclasses import dataclass

from indicators.compliance.base import Context, Window
from indicators.compliance.models import ComplianceResult
from indicators.compliance.rules import FROM_REPORT, forms_counted, publication_deadline
from indicators.dashboards.base import as_field, as_unit
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
from indicators.targets.models import ProcedureField, Target
from inspections.models import Inspection
from plans.models import Assignment, Plan
from plans.periods import Period, reported_periods
from units.models import Unit, unit_active_on

EVIDENCE_PAGE_SIZE = 50


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


@dataclass
class FormRow:
    """A Biểu 06 row counted for a cell instead of dossiers (DESIGN "Biểu 06")."""

    unit: Unit
    field: ProcedureField
    period: Period
    numbers: dict
    from_report: bool


def _forms_counted(plan, as_of, unit, field, period) -> list[FormRow]:
    ctx = Context(plan=plan, as_of=as_of)
    window = Window(period, period.start, period.end_as_of(as_of))
    found = forms_counted(
        ctx,
        unit_id=unit.pk if unit else None,
        field_id=field.pk if field else None,
        window=window,
    )
    units = Unit.objects.in_bulk({row[0] for row in found})
    fields = ProcedureField.objects.in_bulk({row[1] for row in found})
    return [
        FormRow(units[u], fields[f], Period.parse(code), numbers, source == FROM_REPORT)
        for u, f, code, numbers, source in found
    ]


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
    unit, field = as_unit(unit), as_field(field)
    start, end = period.start, period.end_as_of(as_of)
    results = (
        ComplianceResult.objects.at(plan, as_of)
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
            SatisfactionPublication.objects.filter(
                period=period.code,
                published_on__range=(start, publication_deadline(period, as_of)),
            ),
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
            if target.kinds:
                records = records.filter(unit_active_on(end, prefix="unit__"))
                records = records.filter(unit__kind__in=target.kinds)
        records = _unit_filter(records, unit).select_related("unit").order_by("date", "code")
    elif rule == R.EPAYMENT_SHARE:
        kind = "epayment"
        records = EPaymentAdoption.objects.filter(
            unit_active_on(end, prefix="unit__"),
            adopted_on__lte=end,
            unit__kind__in=target.kinds or [Unit.Kind.PUBLIC_SERVICE],
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
    forms = []
    if rule in (R.ONTIME, R.ONLINE_GROWTH):
        forms = _forms_counted(plan, as_of, unit, field, period)
    return {
        "kind": kind,
        "records": records,
        "forms": forms,
        "results": results,
        "start": start,
        "end": end,
    }
