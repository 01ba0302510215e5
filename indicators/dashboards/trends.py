"""Quarter-by-quarter trends of a target, and which of the plan's targets the trend chart shows
(chosen by rule and scope, never by code)."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from common.percent import percent_value as percent
from common.percent import share_status
from indicators.compliance.models import ComplianceResult
from indicators.dashboards.base import as_field, as_unit
from indicators.targets.models import Target
from plans.models import Plan
from plans.periods import Period


def trend_target(*, plan: Plan, rule: str, per_field: bool = False) -> Target | None:
    """The plan's first quarterly target of a rule: the per-field one when a field is chosen,
    else one judged over all fields; any target of the rule when there is no such one."""
    candidates = [t for t in plan.targets.all() if t.rule == rule and t.quarterly]
    preferred = [t for t in candidates if t.per_field == per_field]
    return (preferred or candidates or [None])[0]


def trend_series(
    *, plan: Plan, as_of: dt.date, target: Target | None, unit=None, field=None
) -> list[dict]:
    """Quarter-by-quarter values of a target (one grouped query).

    District-wide targets read their district rows; otherwise (or for a unit / field) the
    counts of the matching rows are pooled: sum of numerators / sum of denominators.
    """
    if target is None:
        return []
    unit, field = as_unit(unit), as_field(field)
    quarters = [q.code for q in plan.quarters() if q.started_by(as_of)]
    rows = ComplianceResult.objects.at(plan, as_of).filter(target=target, period__in=quarters)
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


def online_baseline(*, plan: Plan, as_of: dt.date, unit=None) -> dict | None:
    """The baseline year's online share beside this year's (Plan II.4), for the trend section:
    read from the stored `online_growth` result of the year (the district's, or the chosen
    unit's), never counted here.

    The result keeps this year's online and received dossiers and the growth in points, so the
    baseline share is this year's exact share minus the growth as stored (2 decimals): it may
    differ from the exact baseline by 0.01. None without such a target or result.
    """
    target = next((t for t in plan.targets.all() if t.rule == Target.Rule.ONLINE_GROWTH), None)
    if target is None or (unit is None and not target.district_wide):
        return None
    unit = as_unit(unit)
    row = (
        ComplianceResult.objects.at(plan, as_of)
        .filter(target=target, period=str(plan.year), unit=unit, field__isnull=True)
        .only("numerator", "denominator", "value", "threshold")
        .first()
    )
    if row is None or row.value is None or not row.denominator:
        return None
    exact = Decimal(100 * row.numerator) / Decimal(row.denominator)
    return {
        "target": target,
        "baseline_year": plan.baseline_year,
        "baseline": (exact - row.value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        "year": plan.year,
        "current": percent(row.numerator, row.denominator),
        "growth": row.value,
        "threshold": row.threshold,
    }
