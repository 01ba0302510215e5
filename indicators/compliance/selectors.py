"""Reads of the stored compliance results (`ComplianceResult`)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from indicators.compliance.base import COUNT_RULES
from indicators.compliance.models import ComplianceResult, RecomputeRequest
from plans.models import Plan

COLUMNS = [
    "target",
    "unit",
    "field",
    "period",
    "numerator",
    "denominator",
    "value",
    "threshold",
    "status",
]


def results_for(*, plan: Plan, as_of: dt.date):
    """The stored results of a plan as of a date, with their target, unit and field."""
    return ComplianceResult.objects.at(plan, as_of).select_related("target", "unit", "field")


def results_computed_at(*, plan: Plan, as_of: dt.date) -> dt.datetime | None:
    """When the stored snapshot of (plan, as_of) was computed (its latest `computed_at`), or None
    when there is none: the "Số liệu tính lúc …" line of every page with figures."""
    return ComplianceResult.objects.at(plan, as_of).aggregate(at=Max("computed_at"))["at"]


def results_recomputing(*, plan: Plan, as_of: dt.date) -> bool:
    """Whether a recompute of (plan, as_of) was asked for (a page, the "Tính lại" button) and is
    queued or running: the date is on the plan's request, touched less than `STALE_AFTER` ago."""
    request = RecomputeRequest.objects.filter(plan=plan).first()
    if request is None or as_of.isoformat() not in request.as_of_dates:
        return False
    touched = [t for t in (request.requested_at, request.started_at) if t is not None]
    return bool(touched) and max(touched) > timezone.now() - RecomputeRequest.STALE_AFTER


def _period_key(code: str) -> tuple:
    year, _, quarter = code.partition("-Q")
    return (int(year), int(quarter) if quarter else 5)


def _number(value: Decimal | None, *, count: bool):
    if value is None:
        return None
    return int(value) if count else float(value)


def compliance_rows(*, plan: Plan, as_of: dt.date) -> list[dict]:
    """The contract dicts (`compliance_report --format json`), in a stable order: target, the
    district row first, then units by kind and code, fields in their order, periods Q1…Q4, year.
    Reads only what is stored (`compliance_report` recomputes first).
    """
    query = ComplianceResult.objects.at(plan, as_of)
    values = query.values_list(
        "target__order",
        "target__code",
        "target__rule",
        "unit__kind",
        "unit__code",
        "field__order",
        "field__code",
        "period",
        "numerator",
        "denominator",
        "value",
        "threshold",
        "status",
    )
    ordered = sorted(
        values,
        key=lambda r: (
            r[0],
            r[1],
            r[4] is not None,
            r[3] or "",
            r[4] or "",
            -1 if r[5] is None else r[5],
            r[6] or "",
            _period_key(r[7]),
        ),
    )
    return [
        {
            "target": code,
            "unit": unit,
            "field": field,
            "period": period,
            "numerator": numerator,
            "denominator": denominator,
            "value": _number(value, count=rule in COUNT_RULES),
            "threshold": float(threshold),
            "status": status,
        }
        for (
            _order,
            code,
            rule,
            _kind,
            unit,
            _forder,
            field,
            period,
            numerator,
            denominator,
            value,
            threshold,
            status,
        ) in ordered
    ]


def results_updating(*, plan: Plan) -> bool:
    """Whether a recompute of the plan is queued or running (a change was saved and its figures
    are not stored yet): the pages that show a change's figures say so and poll until done."""
    request = RecomputeRequest.objects.filter(plan=plan).first()
    if request is None:
        return False
    recent = timezone.now() - RecomputeRequest.STALE_AFTER
    queued = request.pending and request.requested_at is not None and request.requested_at > recent
    running = (
        request.started_at is not None
        and request.started_at > recent
        and (request.finished_at is None or request.finished_at < request.started_at)
    )
    return queued or running
