"""The public transparency page (Plan II.7, V.3.1): satisfaction and on-time rates of the units
whose quarterly report is approved and published, as frozen at its approval (`PublishedFigure`),
never the live results: a later import shows here only once the report is approved again."""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Max
from django.utils.translation import gettext as _

from common.percent import percent_value as percent
from common.search import words_match
from indicators.reports.models import PublishedFigure, QuarterlyReport
from indicators.reports.public_cache import public_cached
from indicators.targets.models import ProcedureField
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

    @property
    def has_data(self) -> bool:
        return self.satisfaction is not None or self.ontime is not None

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
    published reports; the district rows pool those per quarter and field (1 query). A row with
    neither a satisfaction nor an on-time figure is left out."""
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
        "district": [
            district[k] for k in sorted(district, key=district_order.get) if district[k].has_data
        ],
        "units": [units[k] for k in sorted(units, key=order.get) if units[k].has_data],
    }


def public_approved_at(*, plan: Plan):
    """When the latest published figures were approved (None when nothing is published)."""
    return published_figures(plan=plan).aggregate(at=Max("approved_at"))["at"]


def public_page_data(*, plan: Plan) -> dict:
    """What the public page shows for the plan, whatever its filters: `public_figures`, when the
    latest of them was approved and the fields to filter by. Cached until a report of the plan is
    approved, published, unpublished or reopened (`indicators.reports.public_cache`)."""

    def compute():
        return {
            **public_figures(plan=plan),
            "approved_at": public_approved_at(plan=plan),
            "fields": list(ProcedureField.objects.values_list("code", "name")),
        }

    return public_cached(plan_id=plan.pk, part="page", compute=compute)


def public_page_head(*, plan: Plan) -> dict:
    """The little the page needs besides its tables (when the figures were approved, the fields
    to filter by, whether anything is published), cached beside `public_page_data` so that a
    visit whose tables are cached does not read every figure."""

    def compute():
        data = public_page_data(plan=plan)
        return {
            "approved_at": data["approved_at"],
            "fields": data["fields"],
            "published_any": bool(data["district"] or data["units"]),
        }

    return public_cached(plan_id=plan.pk, part="head", compute=compute)


@dataclass(frozen=True)
class PublicFilters:
    """The public page's filters: a unit's name or code, a quarter, a procedure field."""

    q: str = ""
    period: str = ""
    field: str = ""

    def query(self, **extra: str) -> str:
        """The query string of these filters (and `extra`), for the downloads."""
        params = {"q": self.q, "period": self.period, "field": self.field, **extra}
        return urlencode({k: v for k, v in params.items() if v})

    @property
    def active(self) -> bool:
        return bool(self.q or self.period or self.field)


def public_filters_parse(*, plan: Plan, params, fields) -> tuple[PublicFilters, list[str]]:
    """The filters asked in `params` (a QueryDict); an unknown quarter or field is ignored and
    said so."""
    q = " ".join((params.get("q") or "").split())[:100]
    period = (params.get("period") or "").strip()
    field = (params.get("field") or "").strip()
    errors = []
    if period and period not in {quarter.code for quarter in plan.quarters()}:
        errors.append(
            _("Không có quý “%(value)s” trong kế hoạch; đang hiển thị mọi quý.")
            % {"value": period[:20]}
        )
        period = ""
    if field and field not in {code for code, _name in fields}:
        errors.append(
            _("Không có lĩnh vực “%(value)s”; đang hiển thị mọi lĩnh vực.") % {"value": field[:40]}
        )
        field = ""
    return PublicFilters(q=q, period=period, field=field), errors


def _in_period_and_field(row: PublicRow, filters: PublicFilters) -> bool:
    return (not filters.period or row.period == filters.period) and (
        not filters.field or row.field_code == filters.field
    )


def public_rows(*, data: dict, filters: PublicFilters) -> dict:
    """The rows of `public_page_data` the filters keep: the district's by quarter and field (the
    district stays as the yardstick whatever unit is searched), the units' also by name or code,
    without accents or capitals ("phuong 1" finds "Phường 1")."""
    return {
        "district": [r for r in data["district"] if _in_period_and_field(r, filters)],
        "units": [
            r
            for r in data["units"]
            if _in_period_and_field(r, filters) and words_match(filters.q, r.unit_name, r.unit_code)
        ],
    }
