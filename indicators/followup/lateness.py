"""Who is late, as of a date (Plan V.3.3): the one rule behind the dashboard's late units, the
Monday escalation list and the V.2.5 proposals.

A unit is late when it has tasks overdue, quarterly reports missing or late, or 1022 feedback
left unresolved past its due date or resolved late. Every figure comes from a handful of grouped
queries, whatever the number of units.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.evidence.models import Feedback
from indicators.reports.models import QuarterlyReport
from plans.models import Assignment, Plan
from plans.periods import Period
from units.models import Unit
from units.selectors import units_in_scope


def _period_labels(codes: list[str]) -> str:
    return ", ".join(Period.parse(code).label for code in codes)


@dataclass
class UnitLateness:
    unit: Unit
    tasks_due: int = 0
    tasks_done_on_time: int = 0
    tasks_done_late: int = 0
    tasks_overdue: int = 0
    reports_due: list = field(default_factory=list)
    reports_missing: list = field(default_factory=list)
    reports_late: list = field(default_factory=list)
    feedback_1022: int = 0
    feedback_1022_unresolved: int = 0
    feedback_1022_late: int = 0

    @property
    def late_items(self) -> int:
        return (
            self.tasks_overdue
            + self.tasks_done_late
            + len(self.reports_missing)
            + len(self.reports_late)
            + self.feedback_1022_unresolved
            + self.feedback_1022_late
        )

    @property
    def escalated(self) -> bool:
        return bool(
            self.tasks_overdue
            or self.reports_missing
            or self.reports_late
            or self.feedback_1022_unresolved
            or self.feedback_1022_late
        )

    @property
    def reasons(self) -> list[str]:
        out = []
        if self.tasks_overdue:
            out.append(_("%(n)s nhiệm vụ quá hạn chưa hoàn thành") % {"n": self.tasks_overdue})
        if self.tasks_done_late:
            out.append(_("%(n)s nhiệm vụ hoàn thành trễ hạn") % {"n": self.tasks_done_late})
        if self.reports_missing:
            out.append(
                _("Chưa nộp báo cáo quý: %(periods)s")
                % {"periods": _period_labels(self.reports_missing)}
            )
        if self.reports_late:
            out.append(
                _("Nộp báo cáo quý trễ hạn: %(periods)s")
                % {"periods": _period_labels(self.reports_late)}
            )
        if self.feedback_1022_unresolved:
            out.append(
                _("%(n)s phản ánh trên Cổng 1022 quá hạn chưa xử lý")
                % {"n": self.feedback_1022_unresolved}
            )
        if self.feedback_1022_late:
            out.append(
                _("%(n)s phản ánh trên Cổng 1022 xử lý trễ hạn") % {"n": self.feedback_1022_late}
            )
        return out

    @property
    def merits(self) -> list[str]:
        out = [
            _("Hoàn thành đúng hạn %(done)s/%(due)s nhiệm vụ")
            % {"done": self.tasks_done_on_time, "due": self.tasks_due}
        ]
        if self.reports_due:
            out.append(_("Nộp đúng hạn %(n)s/%(n)s báo cáo quý") % {"n": len(self.reports_due)})
        if self.feedback_1022:
            out.append(
                _("Xử lý đúng hạn %(n)s phản ánh trên Cổng 1022") % {"n": self.feedback_1022}
            )
        return out


# A quarterly report counts as handed in once submitted (approved later or not).
REPORT_HANDED_IN = (QuarterlyReport.Status.SUBMITTED, QuarterlyReport.Status.APPROVED)


def report_quarters(*, plan: Plan) -> list:
    """The quarters a unit reports on: those starting by the plan's deadline."""
    return [q for q in plan.quarters() if q.start <= plan.deadline]


def _reports_due(*, plan: Plan, as_of: dt.date) -> dict:
    """Quarter code → due date, for the quarters whose report was due before the as-of date."""
    return {
        q.code: plan.report_due_on(q)
        for q in report_quarters(plan=plan)
        if plan.report_due_on(q) < as_of
    }


def units_lateness(*, plan: Plan, as_of: dt.date) -> list[UnitLateness]:
    """Every active unit below the district with its late and on-time items as of a date."""
    units = {u.pk: UnitLateness(u) for u in units_in_scope(scope=plan.scope, on=as_of)}
    done_by = Q(status=Assignment.Status.DONE, completed_on__lte=as_of)
    tasks = (
        Assignment.objects.for_plan(plan)
        .filter(due_on__lt=as_of, unit__in=units)
        .values("unit_id")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=done_by & Q(completed_on__lte=F("due_on"))),
            late=Count("pk", filter=done_by & Q(completed_on__gt=F("due_on"))),
            overdue=Count("pk", filter=~done_by),
        )
    )
    for row in tasks:
        u = units[row["unit_id"]]
        u.tasks_due, u.tasks_done_on_time = row["due"], row["on_time"]
        u.tasks_done_late, u.tasks_overdue = row["late"], row["overdue"]

    due = _reports_due(plan=plan, as_of=as_of)
    submitted = {}
    for unit_id, period, submitted_at in QuarterlyReport.objects.filter(
        plan=plan,
        period__in=due,
        status__in=REPORT_HANDED_IN,
    ).values_list("unit_id", "period", "submitted_at"):
        if submitted_at is None or timezone.localdate(submitted_at) <= as_of:
            submitted[unit_id, period] = submitted_at
    quarters = {code: Period.parse(code) for code in due}
    for u in units.values():
        for code in due:
            u.reports_due.append(code)
            if (u.unit.pk, code) not in submitted:
                u.reports_missing.append(code)
            elif plan.report_days_late(quarters[code], submitted[u.unit.pk, code]):
                u.reports_late.append(code)

    # Plan V.3.2–V.3.3: feedback forwarded through the 1022 portal, this plan's year.
    resolved_by = Q(resolved_on__isnull=False, resolved_on__lte=as_of)
    feedback = (
        Feedback.objects.filter(
            channel=Feedback.Channel.PORTAL_1022,
            unit__in=units,
            received_on__range=(dt.date(plan.year, 1, 1), as_of),
        )
        .values("unit_id")
        .annotate(
            total=Count("pk", filter=Q(due_on__lt=as_of) | resolved_by),
            unresolved=Count("pk", filter=Q(due_on__lt=as_of) & ~resolved_by),
            late=Count("pk", filter=resolved_by & Q(resolved_on__gt=F("due_on"))),
        )
    )
    for row in feedback:
        u = units[row["unit_id"]]
        u.feedback_1022 = row["total"]
        u.feedback_1022_unresolved, u.feedback_1022_late = row["unresolved"], row["late"]
    return list(units.values())


def by_lateness(rows):
    return sorted(rows, key=lambda r: (-r.late_items, r.unit.kind, r.unit.code))


def late_units(*, plan: Plan, as_of: dt.date) -> list[UnitLateness]:
    """Plan V.3.3: the units late on tasks, quarterly reports or 1022 feedback, worst first."""
    return by_lateness(r for r in units_lateness(plan=plan, as_of=as_of) if r.escalated)
