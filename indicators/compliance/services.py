"""Writes of the indicators app: recomputing compliance, now or soon (coalesced)."""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from indicators.compliance.models import ComplianceResult, RecomputeRequest
from indicators.compliance.store import compliance_recompute
from plans.models import Plan

log = logging.getLogger(__name__)

# A pending flag older than this is presumed lost (broker down, worker killed before it started).
STALE_AFTER = dt.timedelta(minutes=15)
# Besides the default as-of date, stored snapshots refreshed after a change (newest first).
KEEP_SNAPSHOTS = 8


def compliance_recompute_soon(*, plan: Plan) -> bool:
    """Ask for one recompute of the plan's results after the current transaction commits.

    Coalesced: the first call claims the plan's pending flag with a conditional update and
    queues `recompute_compliance_task` with a countdown; later calls find the flag set and do
    nothing until the job starts (it clears the flag first, so a change during a run queues one
    more). A burst of 100 changes therefore gives ONE recompute. Returns whether it queued.
    Eager mode (no broker) runs the job right after the commit.
    """
    now = timezone.now()
    RecomputeRequest.objects.get_or_create(plan=plan)
    claimed = (
        RecomputeRequest.objects.filter(plan=plan)
        .filter(Q(pending=False) | Q(requested_at__lt=now - STALE_AFTER))
        .update(pending=True, requested_at=now)
    )
    if claimed:
        transaction.on_commit(lambda: _enqueue(plan.pk, plan.code), robust=True)
    return bool(claimed)


def _enqueue(plan_pk: int, plan_code: str) -> None:
    from indicators.compliance.tasks import recompute_compliance_task

    countdown = getattr(settings, "COMPLIANCE_RECOMPUTE_COUNTDOWN", 10)
    try:
        recompute_compliance_task.apply_async(args=[plan_code], countdown=countdown)
    except Exception:
        # Nothing was queued: release the flag so the next change tries again.
        RecomputeRequest.objects.filter(plan_id=plan_pk).update(pending=False)
        raise


def compliance_refresh(*, plan: Plan, as_of: dt.date | None = None) -> int:
    """The job behind `recompute_compliance_task`: clear the pending flag, then recompute.

    With no as-of date, the plan's default one is recomputed, and so are the other stored
    snapshots (the newest few; older ones are dropped and recomputed when next read), since
    the evidence behind them may have changed. Returns the rows written.
    """
    RecomputeRequest.objects.filter(plan=plan, pending=True).update(
        pending=False, started_at=timezone.now()
    )
    if as_of is not None:
        return compliance_recompute(plan=plan, as_of=as_of)
    default = plan.default_as_of()
    written = compliance_recompute(plan=plan, as_of=default)
    stored = list(
        ComplianceResult.objects.filter(plan=plan)
        .exclude(as_of=default)
        .values_list("as_of", flat=True)
        .distinct()
        .order_by("-as_of")
    )
    for day in stored[:KEEP_SNAPSHOTS]:
        written += compliance_recompute(plan=plan, as_of=day)
    if stored[KEEP_SNAPSHOTS:]:
        ComplianceResult.objects.filter(plan=plan, as_of__in=stored[KEEP_SNAPSHOTS:]).delete()
    return written


def compliance_refresh_all() -> int:
    """Nightly: refresh every plan that has targets."""
    plans = Plan.objects.filter(targets__isnull=False).distinct()
    return sum(compliance_refresh(plan=plan) for plan in plans)


def evidence_changed(*, plan: Plan | None = None, day: dt.date | None = None) -> None:
    """Evidence behind the results changed: recompute, coalesced, the plans it may affect.

    With a plan, that plan; with a day, the plans of that year or with it as baseline year;
    with neither (a bulk import of anything), every plan.
    """
    if plan is not None:
        plans = [plan]
    elif day is not None:
        plans = Plan.objects.filter(Q(year=day.year) | Q(baseline_year=day.year))
    else:
        plans = Plan.objects.all()
    for affected in plans:
        compliance_recompute_soon(plan=affected)
