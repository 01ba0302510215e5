"""The recompute jobs' work: the as-of dates pages asked for, then the stored snapshots."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from indicators.compliance.incremental import compliance_recompute_units
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


@dataclass(frozen=True)
class Change:
    """What the changes noted since the last job touched (`RecomputeRequest`): the whole plan,
    or these units' evidence of these kinds (None: any kind), or nothing (only asked dates)."""

    full: bool
    units: frozenset[int] = frozenset()
    kinds: frozenset[str] | None = None


def _take_change(plan: Plan, *, full: bool) -> Change:
    """Clear the pending flag and the noted change at the job's start, and return the change: a
    change noted during the run queues one more job."""
    with transaction.atomic():
        request = RecomputeRequest.objects.select_for_update().filter(plan=plan).first()
        if request is None:
            return Change(full=True)
        change = Change(
            full=full or request.full,
            units=frozenset(request.changed_units),
            kinds=None if "*" in request.changed_kinds else frozenset(request.changed_kinds),
        )
        request.pending, request.started_at = False, timezone.now()
        request.full, request.changed_units, request.changed_kinds = False, [], []
        request.save(
            update_fields=["pending", "started_at", "full", "changed_units", "changed_kinds"]
        )
    return change


def compliance_refresh(*, plan: Plan, as_of: dt.date | None = None, full: bool = False) -> int:
    """The job behind `recompute_compliance_task`: take the noted change, then recompute.

    First the as-of dates pages asked for (someone is waiting for them), then the given date;
    with no as-of date, the plan's default one, and the other stored snapshots (the newest few;
    older ones are dropped and asked for again when next read), since the evidence behind them
    may have changed. A change of some units' evidence recomputes only what it moves in each
    (`compliance_recompute_units`); a configuration change, `full` (the nightly run) or a given
    date recomputes whole. Returns the rows written.
    """
    change = _take_change(plan, full=full or as_of is not None)
    try:
        written = _refresh(plan=plan, as_of=as_of, change=change)
    except Exception:
        # the change was taken: note it again (whole), so that the retry or the sweeper redoes it
        RecomputeRequest.objects.filter(plan=plan).update(full=True)
        raise
    # A job started and never finished (a killed worker) is queued again by the sweeper. An
    # incremental job that changed nothing still leaves results the sweeper must expect.
    expected = written or int(ComplianceResult.objects.filter(plan=plan).exists())
    RecomputeRequest.objects.filter(plan=plan).update(
        finished_at=timezone.now(), last_written=expected
    )
    return written


def _recompute(*, plan: Plan, as_of: dt.date, change: Change) -> int:
    if change.full:
        return compliance_recompute(plan=plan, as_of=as_of)
    # a date with nothing stored yet is computed whole there
    return compliance_recompute_units(
        plan=plan, as_of=as_of, unit_ids=change.units, kinds=change.kinds
    )


def _refresh(*, plan: Plan, as_of: dt.date | None, change: Change) -> int:
    asked = _asked_dates(plan)
    written = 0
    for day in asked:
        written += compliance_recompute(plan=plan, as_of=day)
    _asked_done(plan, asked)
    if as_of is not None:
        if as_of not in asked:
            written += compliance_recompute(plan=plan, as_of=as_of)
        return written
    if not change.full and not change.units:
        if asked:
            return written  # only the asked dates were wanted
        change = Change(full=True)  # queued with nothing noted: recompute, as asked
    default = plan.default_as_of()
    if default not in asked:
        written += _recompute(plan=plan, as_of=default, change=change)
    stored = list(
        ComplianceResult.objects.filter(plan=plan)
        .exclude(as_of=default)
        .values_list("as_of", flat=True)
        .distinct()
        .order_by("-as_of")
    )
    for day in stored[:KEEP_SNAPSHOTS]:
        if day not in asked:
            written += _recompute(plan=plan, as_of=day, change=change)
    dropped = [day for day in stored[KEEP_SNAPSHOTS:] if day not in asked]
    if dropped:
        ComplianceResult.objects.filter(plan=plan, as_of__in=dropped).delete()
        results_cache_bump(plan_id=plan.pk)
    return written


def compliance_refresh_all() -> int:
    """Nightly: refresh every plan that has targets."""
    plans = Plan.objects.filter(targets__isnull=False).distinct()
    return sum(compliance_refresh(plan=plan, full=True) for plan in plans)
