"""Incremental recompute: a change of some units' evidence recomputes only what it touches.

For each target the change can move (`rules_touched`):
- the rows of the changed units, counted from their evidence alone (`Context.only_units`);
- the whole-scope rows that add units up, updated from the stored ones: the old sums, less the
  changed units' old rows, plus their new rows (a whole-scope row adds numerators and
  denominators over the units, never averages: docs/counting-rules.md);
- a target with no rows per unit to add up (`whole_scope_only`: coverage of inspections, the
  conduct count, e-payment, any target for the whole scope only) is counted again whole; those
  read small tables.

Only the rows whose figures differ are written, in one transaction under the plan's lock, so
readers see the old snapshot or the new one. The result equals a full recompute's, row for row
(tests/indicators/test_compliance_incremental.py runs random sequences of changes against it).
A configuration change, a roll-over, the nightly run and a snapshot not stored yet take the
full recompute (`compliance.store`).
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from indicators.compliance.base import COUNT_RULES, Context, Row, count_row, percent_row
from indicators.compliance.models import ComplianceResult
from indicators.compliance.results_cache import results_cache_bump
from indicators.compliance.rules import RULES, growth_row
from indicators.compliance.store import (
    FIGURE_COLUMNS,
    compliance_recompute,
    row_values,
    rows_create,
)
from indicators.targets.models import Target
from plans.models import Plan

Rule = Target.Rule

# What each kind of evidence (the import kinds, and assignments and baselines) moves. A change
# names its kinds; an unknown kind (or none) moves every rule of the changed units.
EVIDENCE_RULES: dict[str, set[str]] = {
    "dossiers": {Rule.ONTIME, Rule.ONLINE_GROWTH},
    "form06": {Rule.ONTIME, Rule.ONLINE_GROWTH},
    "baselines": {Rule.ONLINE_GROWTH},
    "satisfaction": {Rule.SATISFACTION},
    "publications": {Rule.PUBLICATION},
    "feedback": {Rule.FEEDBACK},
    "initiatives": {Rule.INITIATIVES},
    "outreach": {Rule.OUTREACH},
    "inspections": {Rule.INSPECTION_COVERAGE, Rule.CONDUCT_INSPECTIONS},
    "epayment": {Rule.EPAYMENT_SHARE},
    "assignments": {Rule.TASK_COMPLETION},
}

# Rule families whose rows are for the whole scope only, counted over every unit at once.
WHOLE_SCOPE_RULES = {Rule.INSPECTION_COVERAGE, Rule.CONDUCT_INSPECTIONS, Rule.EPAYMENT_SHARE}


def rules_touched(kinds) -> set[str] | None:
    """The rule families a change of these evidence kinds can move; None: every family."""
    if not kinds or any(kind not in EVIDENCE_RULES for kind in kinds):
        return None
    return set().union(*(EVIDENCE_RULES[kind] for kind in kinds))


def whole_scope_only(target: Target) -> bool:
    """Whether the target has no rows per unit that its whole-scope rows add up."""
    return target.rule in WHOLE_SCOPE_RULES or not target.per_unit


Key = tuple[int, int | None, int | None, str]  # target, unit, field, period


def _key(row) -> Key:
    return (row[0], row[1], row[2], row[3])


class SnapshotMissing(Exception):
    """The stored snapshot lacks a whole-scope row to update: recompute it whole instead."""


def compliance_recompute_units(*, plan: Plan, as_of: dt.date, unit_ids, kinds=None) -> int:
    """Recompute the results of (plan, as_of) that a change of these units' evidence (of these
    kinds, or any) can move, and store the rows that changed. Returns the rows written.

    With no snapshot stored for the date yet, the whole plan is computed instead."""
    if not ComplianceResult.objects.at(plan, as_of).exists():
        return compliance_recompute(plan=plan, as_of=as_of)
    whole = Context(plan=plan, as_of=as_of)
    part = Context(plan=plan, as_of=as_of, only_units=frozenset(unit_ids))
    for shared in ("targets", "target_versions", "scope_ids", "fields"):
        part.__dict__[shared] = getattr(whole, shared)  # read once for both
    rules = rules_touched(kinds)
    targets = [t for t in whole.targets if rules is None or t.rule in rules]
    if not targets:
        return 0
    recounted, unit_rows = [], []
    for target in targets:
        if whole_scope_only(target):
            recounted.extend(RULES[target.rule](whole, target))
        else:
            rows = RULES[target.rule](part, target)
            unit_rows.extend(row for row in rows if row[1] is not None)
    try:
        return _store_changes(
            plan=plan,
            as_of=as_of,
            ctx=whole,
            targets=targets,
            unit_ids=part.only_units,
            recounted=recounted,
            unit_rows=unit_rows,
        )
    except SnapshotMissing:
        return compliance_recompute(plan=plan, as_of=as_of)


def _stored(*, plan, as_of, targets, unit_ids) -> dict[Key, tuple]:
    """The stored rows of these targets for the changed units and the whole scope:
    key → (pk, *FIGURE_COLUMNS)."""
    query = ComplianceResult.objects.at(plan, as_of).filter(target__in=[t.pk for t in targets])
    columns = ("pk", "target_id", "unit_id", "field_id", "period", *FIGURE_COLUMNS)
    out = {}
    for scope in (query.filter(unit__isnull=True), query.filter(unit_id__in=unit_ids)):
        for pk, tid, uid, fid, period, *values in scope.values_list(*columns):
            out[(tid, uid, fid, period)] = (pk, *values)
    return out


def _scope_rows(ctx: Context, targets, stored: dict, unit_rows: list) -> list[Row]:
    """The whole-scope rows of the targets counted per unit: stored sums, less the changed
    units' stored rows, plus their new rows; judged as the full recompute judges them."""
    delta: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])

    def add(tid, fid, period, sign, *counts):
        sums = delta[(tid, fid, period)]
        for i, count in enumerate(counts):
            sums[i] += sign * (count or 0)

    for (tid, uid, fid, period), (_pk, num, den, _v, _t, _s, b_num, b_den) in stored.items():
        if uid is not None:
            add(tid, fid, period, -1, num, den, b_num, b_den)
    for tid, _uid, fid, period, num, den, _v, _t, _s, b_num, b_den in unit_rows:
        add(tid, fid, period, 1, num, den, b_num, b_den)
    rows = []
    for target in targets:
        if whole_scope_only(target) or not target.district_wide:
            continue
        field_ids = [f.pk for f in ctx.fields] if target.per_field else [None]
        for window in ctx.windows(target):
            judged = ctx.judged_by(target, window)
            thresholds = ctx.thresholds(judged)
            for fid in field_ids:
                old = stored.get((target.pk, None, fid, window.code))
                if old is None:
                    raise SnapshotMissing
                d_num, d_den, d_bnum, d_bden = delta.get((target.pk, fid, window.code), (0,) * 4)
                num, den = old[1] + d_num, old[2] + d_den
                thr_h = thresholds[fid]
                if target.rule == Rule.ONLINE_GROWTH:
                    b_num, b_den = (old[6] or 0) + d_bnum, (old[7] or 0) + d_bden
                    rows.append(growth_row(judged, None, window, den, num, b_den, b_num, thr_h))
                elif target.rule in COUNT_RULES:
                    rows.append(count_row(judged, None, fid, window, num, thr_h))
                else:
                    rows.append(percent_row(judged, None, fid, window, num, den, thr_h))
    return rows


def _store_changes(*, plan, as_of, ctx, targets, unit_ids, recounted, unit_rows) -> int:
    now = timezone.now()
    with transaction.atomic():
        list(Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk"))
        stored = _stored(plan=plan, as_of=as_of, targets=targets, unit_ids=unit_ids)
        new = [*recounted, *unit_rows, *_scope_rows(ctx, targets, stored, unit_rows)]
        fresh = {_key(row): row for row in new}
        changed = [row for key, row in fresh.items() if _differs(stored.get(key), row)]
        gone = [value[0] for key, value in stored.items() if key not in fresh]
        replaced = [stored[_key(row)][0] for row in changed if _key(row) in stored]
        unchanged = [
            old[0] for key, old in stored.items() if key in fresh and not _differs(old, fresh[key])
        ]
        ComplianceResult.objects.filter(pk__in=[*gone, *replaced]).delete()
        rows_create(changed, plan=plan, as_of=as_of, now=now)
        # The rows counted again but unchanged were computed now too: the pages' "Số liệu
        # tính lúc" says so, rather than the time of an older job.
        ComplianceResult.objects.filter(pk__in=unchanged).update(computed_at=now)
        results_cache_bump(plan_id=plan.pk)
    return len(changed)


def _differs(stored: tuple | None, row) -> bool:
    return stored is None or tuple(stored[1:]) != row_values(row)
