"""The Chairman's report on the plan: every clause with its tasks and targets, the units behind
each shortfall, and the issuing body taken from the plan's district."""

import datetime as dt
from dataclasses import dataclass, field

from indicators.compliance.models import ComplianceResult
from indicators.dashboards.base import NOT_MET
from indicators.dashboards.summary import target_lines
from indicators.targets.selectors import plan_outline
from plans.models import Assignment, Plan
from units.models import Unit

# A district's name starts with its body ("Ủy ban nhân dân Quận 3"); the place is the rest.
BODY_PREFIXES = ("ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd ")


def place_name(unit: Unit) -> str:
    """The place a unit governs, from its name: "Ủy ban nhân dân Quận 3" → "Quận 3"."""
    name = unit.name.strip()
    for prefix in BODY_PREFIXES:
        if name.lower().startswith(prefix):
            return name[len(prefix) :].strip()
    return name


def issuing_body(unit: Unit) -> str:
    """The body heading the report: "UBND QUẬN 3" for the district "Ủy ban nhân dân Quận 3"."""
    return f"UBND {place_name(unit).upper()}"


@dataclass
class ReportClause:
    clause: object
    tasks: list = field(default_factory=list)  # (task, overdue unit codes)
    targets: list = field(default_factory=list)  # (TargetLine, not-met unit codes)

    @property
    def has_content(self) -> bool:
        return bool(self.tasks or self.targets)


def chairman_report(*, plan: Plan, as_of: dt.date) -> dict:
    """Every clause with its tasks (done/total, overdue) and targets (result, status), and the
    units behind each shortfall: units with not-met results or overdue assignments.
    """
    outline = plan_outline(plan=plan, as_of=as_of)
    targets = {t.pk: t for item in outline for t, _ in item.targets}
    lines = {
        line.target.pk: line
        for line in target_lines(plan=plan, as_of=as_of, targets=targets.values())
    }
    not_met: dict[int, list[str]] = {}
    for row in (
        ComplianceResult.objects.at(plan, as_of)
        .filter(
            status=NOT_MET,
            unit__isnull=False,
            period__in={line.period.code for line in lines.values()},
        )
        .values("target_id", "period", "unit__code")
        .distinct()
        .order_by("target_id", "unit__code")
    ):
        line = lines.get(row["target_id"])
        if line and row["period"] == line.period.code:
            codes = not_met.setdefault(row["target_id"], [])
            if not codes or codes[-1] != row["unit__code"]:
                codes.append(row["unit__code"])
    overdue: dict[int, list[str]] = {}
    for row in (
        Assignment.objects.for_plan(plan)
        .overdue_on(as_of)
        .values("task_id", "unit__code")
        .distinct()
        .order_by("task_id", "unit__code")
    ):
        overdue.setdefault(row["task_id"], []).append(row["unit__code"])
    clauses = []
    for item in outline:
        clauses.append(
            ReportClause(
                item.clause,
                [(task, overdue.get(task.pk, [])) for task in item.tasks],
                [(lines[t.pk], not_met.get(t.pk, [])) for t, _ in item.targets],
            )
        )
    return {
        "plan": plan,
        "as_of": as_of,
        "clauses": clauses,
        "issuing_body": issuing_body(plan.scope),
        "place": place_name(plan.scope),
    }
