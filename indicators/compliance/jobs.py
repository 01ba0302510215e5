"""The recompute jobs' work: the as-of dates pages asked for, then the stored snapshots."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from indicators.compliance.models import ComplianceResult, RecomputeRequest
from indicators.compliance.results_cache import results_cache_bump
from indicators.compliance.store import compliance_recompute
from plans.models import Plan

# Besides the default as-of date, stored snapshots refreshed after a change (newest first).
KEEP_SNAPSHOTS = 8


def _asked_dates(plan: Plan) -> list[dt.date]:
    request = RecomputeRequest.objects.filter(plan=plan).first()
    return sorted({dt.date.fromisoformat(d) for d in request.as_of_dates} if request else set())


def _asked_done(plan: Plan, days: list[dt.date]) -> None:
    done = {d.isoformat() for d in days}
    with transaction.atomic():
        request = RecomputeRequest.objects.select_for_update().filter(plan=plan).first()
        if request is not None and done & set(request.as_of_dates):
            request.as_of_dates = [d for d in request.as_of_dates if d not in done]
            request.save(update_fields=["as_of_dates"])


def compliance_refresh(*, plan: Plan, as_of: dt.date | None = None) -> int:
    """The job behind `recompute_compliance_task`: clear the pending flag, then recompute.

    First the as-of dates pages asked for (someone is waiting for them), then the given date;
    with no as-of date, the plan's default one, and the other stored snapshots (the newest few;
    older ones are dropped and asked for again when next read), since the evidence behind them
    may have changed. Returns the rows written.
    """
    RecomputeRequest.objects.filter(plan=plan).update(pending=False, started_at=timezone.now())
    written = _refresh(plan=plan, as_of=as_of)
    # A job started and never finished (a killed worker) is queued again by the sweeper.
    RecomputeRequest.objects.filter(plan=plan).update(
        finished_at=timezone.now(), last_written=written
    )
    return written


def _refresh(*, plan: Plan, as_of: dt.date | None) -> int:
    asked = _asked_dates(plan)
    written = 0
    for day in asked:
        written += compliance_recompute(plan=plan, as_of=day)
    _asked_done(plan, asked)
    if as_of is not None:
        if as_of not in asked:
            written += compliance_recompute(plan=plan, as_of=as_of)
        return written
    default = plan.default_as_of()
    if default not in asked:
        written += compliance_recompute(plan=plan, as_of=default)
    stored = list(
        ComplianceResult.objects.filter(plan=plan)
        .exclude(as_of=default)
        .values_list("as_of", flat=True)
        .distinct()
        .order_by("-as_of")
    )
    for day in stored[:KEEP_SNAPSHOTS]:
        if day not in asked:
            written += compliance_recompute(plan=plan, as_of=day)
    dropped = [day for day in stored[KEEP_SNAPSHOTS:] if day not in asked]
    if dropped:
        ComplianceResult.objects.filter(plan=plan, as_of__in=dropped).delete()
        results_cache_bump(plan_id=plan.pk)
    return written


def compliance_refresh_all() -> int:
    """Nightly: refresh every plan that has targets."""
    plans = Plan.objects.filter(targets__isnull=False).distinct()
    return sum(compliance_refresh(plan=plan) for plan in plans)
