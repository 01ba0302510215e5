"""Small helpers shared by the dashboards' selectors: the period a target is judged on at a
glance, the light a figure shows, and lookups of a unit or field given by code."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from indicators.compliance.models import ComplianceResult
from indicators.targets.models import ProcedureField, Target
from plans.models import Plan
from plans.periods import Period
from units.models import Unit

MET, NOT_MET, NO_DATA = (
    ComplianceResult.Status.MET,
    ComplianceResult.Status.NOT_MET,
    ComplianceResult.Status.NO_DATA,
)

NEAR = "near"  # a display level only, never stored: met, but close to the threshold


def figure_level(
    *, status: str, value: Decimal | None, threshold: Decimal, target: Target | None
) -> str:
    """The light a figure shows: its stored status, except a share met by less than the
    target's `amber_margin` points above the threshold shows amber (`near`, "Sát ngưỡng").

    The margin compares the value as shown (2 decimals): 98.00 met against ≥ 98 with the
    default margin 2 is amber, 100.00 is green. A count, an `=` target or a margin of 0 has no
    amber (docs/counting-rules.md "Sát ngưỡng")."""
    if status != MET or value is None or target is None:
        return status
    if target.is_count or target.comparator == Target.Comparator.EQ or not target.amber_margin:
        return status
    if Decimal(value) < Decimal(threshold) + target.amber_margin:
        return NEAR
    return status


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


def end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def as_unit(value) -> Unit | None:
    """A unit given as an object, a code or nothing."""
    if value is None or isinstance(value, Unit):
        return value
    return Unit.objects.get(code=value)


def as_field(value) -> ProcedureField | None:
    if value is None or isinstance(value, ProcedureField):
        return value
    return ProcedureField.objects.get(code=value)
