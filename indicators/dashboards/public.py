"""The public transparency page (Plan II.7, V.3.1): satisfaction and on-time rates of the units
whose quarterly report is approved and published, as frozen at its approval (`PublishedFigure`),
never the live results: a later import shows here only once the report is approved again."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from common.percent import percent_value as percent
from indicators.reports.models import PublishedFigure, QuarterlyReport
from plans.models import Plan
from plans.periods import Period

SATISFACTION, ONTIME = PublishedFigure.Rule.SATISFACTION, PublishedFigure.Rule.ONTIME


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

    def set(self, rule: str, numerator: int, denominator: int) -> None:
        if rule == ONTIME:
            self.ontime, self.ontime_n = percent(numerator, denominator), denominator
        else:
            self.satisfaction, self.satisfaction_n = percent(numerator, denominator), denominator


def published_figures(*, plan: Plan):
    """The frozen figures of the plan's approved and published quarterly reports."""
    return PublishedFigure.objects.filter(
        report__plan=plan,
        report__status=QuarterlyReport.Status.APPROVED,
        report__published=True,
    )


def public_figures(*, plan: Plan) -> dict:
    """Per unit × quarter × field (field '' = all fields) the frozen figures of the approved and
    published reports; the district rows pool those per quarter and field (2 queries)."""
    rows = published_figures(plan=plan).values_list(
        "report__unit__code",
        "report__unit__name",
        "report__unit__kind",
        "report__period",
        "rule",
        "field__code",
        "field__name",
        "field__order",
        "numerator",
        "denominator",
    )
    units: dict[tuple, PublicRow] = {}
    order: dict[tuple, tuple] = {}
    district: dict[tuple, PublicRow] = {}
    district_order: dict[tuple, tuple] = {}
    pooled: dict[tuple, list] = {}
    for code, name, kind, period, rule, fcode, fname, forder, num, den in rows:
        fcode, fname, forder = fcode or "", fname or "", forder or 0
        key = (code, period, fcode)
        if key not in units:
            units[key] = PublicRow(code, name, period, fcode, fname)
            order[key] = (kind, code, period, 1 if fcode else 0, forder, fcode)
        units[key].set(rule, num, den)
        dkey = (period, fcode)
        if dkey not in district:
            district[dkey] = PublicRow(plan.scope.code, plan.scope.name, period, fcode, fname)
            district_order[dkey] = (period, 1 if fcode else 0, forder, fcode)
        sums = pooled.setdefault((*dkey, rule), [0, 0])
        sums[0] += num
        sums[1] += den
    for (period, fcode, rule), (num, den) in pooled.items():
        district[(period, fcode)].set(rule, num, den)
    return {
        "as_of": plan.default_as_of(),
        "district": [district[k] for k in sorted(district, key=district_order.get)],
        "units": [units[k] for k in sorted(units, key=order.get)],
    }


def public_approved_at(*, plan: Plan):
    """When the latest published figures were approved (None when nothing is published)."""
    return published_figures(plan=plan).aggregate(at=Max("approved_at"))["at"]
