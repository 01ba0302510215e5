"""Reads of a plan with its targets: the outline shown on the plan page."""

import datetime as dt
from dataclasses import dataclass, field

from indicators.targets.models import Target
from plans.models import Clause, Plan
from plans.selectors import tasks_with_progress


@dataclass
class OutlineClause:
    clause: Clause
    tasks: list = field(default_factory=list)
    targets: list = field(default_factory=list)


def plan_outline(*, plan: Plan, as_of: dt.date, unit=None) -> list[OutlineClause]:
    """Every clause of the plan in order, with its tasks (progress as of a date) and targets."""
    outline = {c.pk: OutlineClause(c) for c in plan.clauses.all()}
    for task in tasks_with_progress(plan=plan, as_of=as_of, unit=unit):
        outline[task.clause_id].tasks.append(task)
    targets = Target.objects.filter(plan=plan).prefetch_related("clauses")
    for target in targets:
        first = min(target.clauses.all(), key=lambda c: c.order)
        for clause in target.clauses.all():
            outline[clause.pk].targets.append((target, clause.pk == first.pk))
    return list(outline.values())
