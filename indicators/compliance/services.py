"""Writes of the indicators app: recomputing compliance, now or soon (coalesced), and asking for
the results of an as-of date a page needs (queued, never computed inside the request)."""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.background import run_now
from common.commit import after_commit_once
from indicators.compliance.models import ComplianceResult, RecomputeRequest
from indicators.compliance.tasks import recompute_compliance_task
from plans.models import Plan
from units.models import Unit
from units.selectors import unit_scope_ids

log = logging.getLogger(__name__)

# A pending flag older than this is presumed lost (broker down, worker killed before it started).
STALE_AFTER = RecomputeRequest.STALE_AFTER


def compliance_recompute_soon(
    *, plan: Plan, as_of: dt.date | None = None, units=None, kinds=None, full: bool = False
) -> bool:
    """Ask for one recompute of the plan's results after the current transaction commits.

    Coalesced: the first call claims the plan's pending flag with a conditional update and
    queues `recompute_compliance_task` with a countdown; later calls find the flag set and do
    nothing until the job starts (it clears the flag first, so a change during a run queues one
    more). A burst of 100 changes therefore gives ONE recompute. Returns whether it queued.

    With `as_of`, that date is also recorded on the request (`as_of_dates`): the job computes it
    first, and a newly asked date always queues a job if none is pending, without countdown.
    With `units` (ids, and the evidence `kinds` if known), the change is recorded as theirs and
    the job recomputes only what they move (`compliance.incremental`); with neither `as_of` nor
    `units`, or `full`, the job recomputes the whole plan.

    Eager mode (no broker) runs the job after the commit in a background thread
    (`common.background`), so the request that asked never waits for it.
    """
    now = timezone.now()
    RecomputeRequest.objects.get_or_create(plan=plan)
    _record_change(
        plan=plan, as_of=as_of, units=units, kinds=kinds, full=full or (as_of is None and not units)
    )
    claimed = (
        RecomputeRequest.objects.filter(plan=plan)
        .filter(Q(pending=False) | Q(requested_at__lt=now - STALE_AFTER))
        .update(pending=True, requested_at=now)
    )
    if claimed:
        countdown = 0 if as_of is not None else None
        transaction.on_commit(lambda: _enqueue(plan.pk, plan.code, countdown), robust=True)
    return bool(claimed)


def _record_change(*, plan: Plan, as_of, units, kinds, full: bool) -> None:
    """Note on the plan's request what the job must recompute, merged with what is noted."""
    with transaction.atomic():
        request = RecomputeRequest.objects.select_for_update().get(plan=plan)
        changed = []
        if as_of is not None and as_of.isoformat() not in request.as_of_dates:
            request.as_of_dates = [*request.as_of_dates, as_of.isoformat()]
            changed.append("as_of_dates")
        if (full or units) and not request.full:
            ids = set(request.changed_units) | {int(pk) for pk in units or ()}
            if full or len(ids) > RecomputeRequest.INCREMENTAL_MAX_UNITS:
                request.full, request.changed_units, request.changed_kinds = True, [], []
            else:
                request.changed_units = sorted(ids)
                request.changed_kinds = sorted(set(request.changed_kinds) | set(kinds or ["*"]))
            changed += ["full", "changed_units", "changed_kinds"]
        if changed:
            request.save(update_fields=changed)


def results_request(*, plan: Plan, as_of: dt.date) -> bool:
    """Whether stored results exist for (plan, as_of), for a page about to read them.

    When none do, their computation is asked for (coalesced, see `compliance_recompute_soon`)
    unless it already was and is under way, and False is returned: the page says so and polls.
    Nothing is ever computed here.
    """
    if ComplianceResult.objects.at(plan, as_of).exists():
        return True
    request = RecomputeRequest.objects.filter(plan=plan).first()
    if request is not None and as_of.isoformat() in request.as_of_dates:
        since = timezone.now() - STALE_AFTER
        touched = [t for t in (request.requested_at, request.started_at) if t is not None]
        if touched and max(touched) > since:  # asked, and queued or started a moment ago
            return False
    compliance_recompute_soon(plan=plan, as_of=as_of)
    return False


def results_recompute_ask(*, plan: Plan, as_of: dt.date, user) -> bool:
    """The "Tính lại" button (Phòng Nội vụ only): queue a recompute of the plan, the as-of date
    first (coalesced, see `compliance_recompute_soon`); the page shows "đang tính" and polls until
    it is stored. Returns whether a new job was queued (else one already was)."""
    if not getattr(user, "is_noivu", False):
        raise PermissionDenied(_("Chỉ Phòng Nội vụ được yêu cầu tính lại số liệu."))
    return compliance_recompute_soon(plan=plan, as_of=as_of, full=True)


def _enqueue(plan_pk: int, plan_code: str, countdown: int | None = None) -> None:
    if countdown is None:
        countdown = getattr(settings, "COMPLIANCE_RECOMPUTE_COUNTDOWN", 10)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # `.apply_async` would run the job inline, inside the request: run it off the request
        # (this runs after the commit already, so the thread starts now).
        run_now(_apply, plan_pk, plan_code, countdown)
    else:
        _apply(plan_pk, plan_code, countdown)


def _apply(plan_pk: int, plan_code: str, countdown: int) -> bool:
    """Hand the job to the broker; never raises into the request that asked.

    When the broker is unreachable the request stays pending in the database (the page says
    "đang tính") and the sweeper queues it again once the broker is back
    (`recompute_requests_sweep`). Returns whether the broker took it.
    """
    RecomputeRequest.objects.filter(plan_id=plan_pk).update(attempts=F("attempts") + 1)
    try:
        recompute_compliance_task.apply_async(args=[plan_code], countdown=countdown)
    except Exception as exc:  # noqa: BLE001 - kombu's OperationalError, a DNS error, a timeout…
        log.warning(
            "Recompute of %s not queued (broker unreachable: %s); kept pending", plan_code, exc
        )
        return False
    return True


def recompute_requests_sweep(*, now: dt.datetime | None = None) -> int:
    """The sweeper's part (every minute): queue again the recomputes that were lost.

    - pending for longer than `REQUEUE_AFTER` with no job running: the broker was down or lost
      the message;
    - started more than `RUNNING_TIMEOUT` ago and never finished: the worker was killed
      mid-recompute (the broker would redeliver it only after its visibility timeout, 1 h);
    - a plan with targets and no stored snapshot at all, while its last job stored some (or it
      has none yet, or stored nothing more than `STALE_AFTER` ago): the results table
      (UNLOGGED on PostgreSQL) was emptied by a crash.

    Each is claimed with a conditional update, so two sweepers queue it once. Returns how many
    were queued.
    """
    now = now or timezone.now()
    queued = 0
    running = Q(started_at__gt=now - RecomputeRequest.RUNNING_TIMEOUT) & (
        Q(finished_at__isnull=True) | Q(finished_at__lt=F("started_at"))
    )
    lost = (
        RecomputeRequest.objects.filter(
            pending=True, requested_at__lt=now - RecomputeRequest.REQUEUE_AFTER
        )
        .exclude(running)
        .select_related("plan")
    )
    died = RecomputeRequest.objects.filter(
        pending=False, started_at__lt=now - RecomputeRequest.RUNNING_TIMEOUT
    ).filter(Q(finished_at__isnull=True) | Q(finished_at__lt=F("started_at")))
    for request in [*lost, *died.select_related("plan")]:
        # a killed job had taken the changes it was recomputing: redo the whole plan
        killed = {"full": True} if not request.pending else {}
        won = RecomputeRequest.objects.filter(
            pk=request.pk, pending=request.pending, requested_at=request.requested_at
        ).update(pending=True, requested_at=now, **killed)
        if won:
            log.warning(
                "Recompute of %s lost (broker down or worker killed): queued again",
                request.plan.code,
            )
            _enqueue(request.plan_id, request.plan.code, 0)
            queued += 1
    emptied = (
        Plan.objects.filter(targets__isnull=False)
        .filter(~Exists(ComplianceResult.objects.filter(plan=OuterRef("pk"))))
        .exclude(recompute_request__pending=True)
        .exclude(
            recompute_request__last_written=0,
            recompute_request__finished_at__gt=now - STALE_AFTER,
        )
        .distinct()
    )
    for plan in emptied:
        if compliance_recompute_soon(plan=plan, as_of=plan.default_as_of()):
            log.warning("Plan %s has no stored results: recompute queued", plan.code)
            queued += 1
    return queued


def evidence_changed(
    *, plan: Plan | None = None, day: dt.date | None = None, units=None, kinds=None
) -> None:
    """Evidence behind the results changed: recompute, coalesced, the plans it may affect.

    With a plan, that plan; with a day, the plans of that year or with it as baseline year;
    with neither (a bulk import of anything), every plan. With `units` (and `kinds`), only what
    those units' evidence moves (see `compliance_recompute_soon`).
    """
    if plan is not None:
        plans = [plan]
    elif day is not None:
        plans = Plan.objects.filter(Q(year=day.year) | Q(baseline_year=day.year))
    else:
        plans = Plan.objects.all()
    for affected in plans:
        compliance_recompute_soon(plan=affected, units=units, kinds=kinds)


def plans_not_ended(today: dt.date | None = None):
    """The plans whose deadline is today or later: the ones a change of the map can still move
    (an ended period is judged by the units active at its end, DESIGN "The past does not move")."""
    return Plan.objects.filter(deadline__gte=today or timezone.localdate()).select_related("scope")


def _recompute_changed(items: list[tuple[str, int]]) -> None:
    """After the commit of a configuration change: one coalesced recompute per affected plan.

    Items are ("plan", pk) for a target or task of that plan, ("unit", pk) for a unit: the plans
    not yet ended whose scope contains it (every such plan when the unit is gone)."""
    plan_ids = {pk for kind, pk in items if kind == "plan"}
    unit_ids = {pk for kind, pk in items if kind == "unit"}
    plans = list(Plan.objects.filter(pk__in=plan_ids))
    if unit_ids:
        existing = set(Unit.objects.filter(pk__in=unit_ids).values_list("pk", flat=True))
        for plan in plans_not_ended():
            if plan.pk in plan_ids:
                continue
            scope_ids = unit_scope_ids(scope=plan.scope) | {plan.scope_id}
            if unit_ids - existing or unit_ids & scope_ids:
                plans.append(plan)
    for plan in plans:
        compliance_recompute_soon(plan=plan)


def plan_config_changed(*, plan_id: int) -> None:
    """A target or task of the plan changed: recompute it after the commit (once per
    transaction however many rows changed, then coalesced by `compliance_recompute_soon`)."""
    after_commit_once(_recompute_changed, ("plan", plan_id))


def unit_config_changed(*, unit_id: int) -> None:
    """A unit (its dates, kind, parent, successors) changed: recompute, after the commit, the
    plans not yet ended whose scope contains it."""
    after_commit_once(_recompute_changed, ("unit", unit_id))
