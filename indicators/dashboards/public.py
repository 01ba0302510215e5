"""The public transparency page (Plan II.7, V.3.1): satisfaction and on-time rates of the units
whose quarterly report is approved and published. Targets are chosen by rule, never by code."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Sum

from common.percent import percent_value as percent
from indicators.compliance.models import ComplianceResult
from indicators.reports.models import QuarterlyReport
from indicators.targets.models import Target
from plans.models import Plan
from plans.periods import Period

SATISFACTION, ONTIME = Target.Rule.SATISFACTION, Target.Rule.ONTIME
PUBLIC_RULES = (SATISFACTION, ONTIME)


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
    published = QuarterlyReport.objects.filter(
        plan=plan,
        unit=OuterRef("unit"),
        period=OuterRef("period"),
        status=QuarterlyReport.Status.APPROVED,
        published=True,
    )
    rows = (
        ComplianceResult.objects.at(plan, as_of)
        .filter(target__rule__in=PUBLIC_RULES, unit__isnull=False, period__contains="-Q")
        .filter(Exists(published))
    )
    # Per unit × quarter × field (field null = all fields), one grouped query.
    per_unit = (
        rows.values("unit__code", "unit__name", "unit__kind", "period", "target__rule")
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
        rows.filter(target__rule=ONTIME)
        .values("unit__code", "unit__name", "unit__kind", "period")
        .annotate(num=Sum("numerator"), den=Sum("denominator"))
        .order_by()
    )
    # District: pool the published unit rows per quarter and field.
    district = (
        rows.values("period", "target__rule")
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
        if r["target__rule"] == ONTIME:
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
                plan.scope.code,
                plan.scope.name,
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
        if r["target__rule"] == ONTIME:
            row.ontime, row.ontime_n = value, r["den"]
        else:
            row.satisfaction, row.satisfaction_n = value, r["den"]
        if r["target__rule"] == ONTIME:
            sums = pooled_all.setdefault(r["period"], [0, 0])
            sums[0] += r["num"]
            sums[1] += r["den"]
    # District on-time over all fields: pool every published unit × field row of the quarter.
    for period, (num, den) in pooled_all.items():
        key = (period, "")
        if key not in district_rows:
            district_rows[key] = PublicRow(plan.scope.code, plan.scope.name, period, "", "")
            district_order[key] = (period, 0, 0, "")
        district_rows[key].ontime, district_rows[key].ontime_n = percent(num, den), den
    return {
        "as_of": as_of,
        "district": [district_rows[k] for k in sorted(district_rows, key=district_order.get)],
        "units": [units[k] for k in sorted(units, key=order.get)],
    }
