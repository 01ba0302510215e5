"""The top of the staff dashboard: one line per target, tasks, quarterly reports, inspection
coverage and the late units.

Reads precomputed `ComplianceResult` rows with a small, fixed number of grouped queries: the
number of queries does not depend on the number of units or targets. Nothing is computed here:
when no results are stored for the as-of date the lines say `no_data` (the view asks for them).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from common.percent import percent_value as percent
from indicators.compliance.models import ComplianceResult
from indicators.dashboards.base import (
    MET,
    NO_DATA,
    NOT_MET,
    end_of_day,
    figure_level,
    headline_period,
    report_quarter,
)
from indicators.followup.lateness import late_units
from indicators.reports.models import QuarterlyReport
from indicators.targets.models import Target
from plans.models import (
    Assignment,
    Plan,
    assignment_done_by,
    assignment_done_on_time,
    assignment_overdue_on,
)
from plans.periods import Period
from units.selectors import units_in_scope

LATE_LIST_SIZE = 20


@dataclass
class TargetLine:
    target: Target
    period: Period
    threshold: Decimal
    value: Decimal | None = None
    numerator: int = 0
    denominator: int = 0
    status: str = NO_DATA
    per_unit_share: bool = False  # value is the share of units (or unit × field) that met it
    n_met: int = 0
    n_not_met: int = 0
    n_no_data: int = 0

    @property
    def is_count(self) -> bool:
        return self.target.is_count and not self.per_unit_share

    @property
    def level(self) -> str:
        """The light shown (`figure_level`); a share of units met has no amber."""
        if self.per_unit_share:
            return self.status
        return figure_level(
            status=self.status, value=self.value, threshold=self.threshold, target=self.target
        )

    @property
    def unit_suffix(self) -> str:
        if self.is_count:
            return ""
        if self.target.rule == Target.Rule.ONLINE_GROWTH and not self.per_unit_share:
            return " điểm %"
        return "%"


def target_lines(*, plan: Plan, as_of: dt.date, targets=None) -> list[TargetLine]:
    """One line per target: the district result, or for per-unit targets the share of units met.

    Two queries whatever the number of units: the district rows and the per-unit status counts.
    """
    targets = list(targets if targets is not None else plan.targets.all())
    periods = {t.pk: headline_period(t, as_of, plan.year) for t in targets}
    lines = {t.pk: TargetLine(t, periods[t.pk], t.threshold) for t in targets}
    district_rows = ComplianceResult.objects.at(plan, as_of).filter(
        unit__isnull=True, field__isnull=True
    )
    for row in district_rows.only(
        "target_id", "period", "numerator", "denominator", "value", "threshold", "status"
    ):
        line = lines.get(row.target_id)
        if line and row.period == line.period.code and line.target.district_wide:
            line.value, line.status, line.threshold = row.value, row.status, row.threshold
            line.numerator, line.denominator = row.numerator, row.denominator
    counts = (
        ComplianceResult.objects.at(plan, as_of)
        .filter(unit__isnull=False, period__in={p.code for p in periods.values()})
        .values("target_id", "period")
        .annotate(
            n_met=Count("pk", filter=Q(status=MET)),
            n_not_met=Count("pk", filter=Q(status=NOT_MET)),
            n_no_data=Count("pk", filter=Q(status=NO_DATA)),
        )
        .order_by()
    )
    for row in counts:
        line = lines.get(row["target_id"])
        if not line or row["period"] != line.period.code:
            continue
        line.n_met, line.n_not_met, line.n_no_data = (
            row["n_met"],
            row["n_not_met"],
            row["n_no_data"],
        )
        if not line.target.district_wide:
            line.per_unit_share = True
            judged = line.n_met + line.n_not_met
            line.numerator, line.denominator = line.n_met, judged
            line.value = percent(line.n_met, judged)
            line.status = NO_DATA if not judged else (MET if not line.n_not_met else NOT_MET)
    return [lines[t.pk] for t in targets]


def deadline_countdown(
    *, deadline: dt.date, as_of: dt.date, today: dt.date | None = None
) -> SafeString:
    """The days left to the plan's deadline, counted from the as-of date. "Hôm nay" only when
    the as-of date is today: a past as-of date speaks of itself ("Tính đến 25/10/2021: …")."""
    today = today or timezone.localdate()
    days = (deadline - as_of).days
    d = f"{deadline:%d/%m/%Y}"
    if as_of == today:
        if days > 0:
            text = _("Còn <strong>{n}</strong> ngày đến hạn hoàn thành {d}")
        elif days == 0:
            text = _("Hôm nay là hạn hoàn thành ({d})")
        else:
            text = _("Đã qua hạn hoàn thành {d} ({n} ngày)")
    elif days > 0:
        text = _("Tính đến {a}: còn <strong>{n}</strong> ngày đến hạn hoàn thành {d}")
    elif days == 0:
        text = _("Tính đến {a} là hạn hoàn thành")
    else:
        text = _("Tính đến {a}: đã qua hạn hoàn thành {d} ({n} ngày)")
    return format_html(text, n=abs(days), d=d, a=f"{as_of:%d/%m/%Y}")


def dashboard_summary(*, plan: Plan, as_of: dt.date) -> dict:
    """Everything at the top of the dashboard, as the plan stood on `as_of`."""
    lines = target_lines(plan=plan, as_of=as_of)
    assignments = Assignment.objects.for_plan(plan).due_by(as_of)
    done_as_of = assignment_done_by(as_of)
    tasks = assignments.aggregate(
        due=Count("pk"),
        done=Count("pk", filter=done_as_of),
        done_on_time=Count("pk", filter=done_as_of & assignment_done_on_time()),
        overdue=Count("pk", filter=assignment_overdue_on(as_of)),
    )
    tasks["percent"] = percent(tasks["done_on_time"], tasks["due"])

    quarter = report_quarter(plan, as_of)
    due_on = plan.report_due_on(quarter)
    expected = units_in_scope(scope=plan.scope, on=quarter.end_as_of(as_of)).count()
    reports = QuarterlyReport.objects.filter(
        plan=plan, period=quarter.code, submitted_at__lte=end_of_day(as_of)
    ).aggregate(
        submitted=Count("pk"),
        on_time=Count("pk", filter=Q(submitted_at__lte=end_of_day(due_on))),
    )
    reports.update(
        period=quarter,
        due_on=due_on,
        expected=expected,
        percent=percent(reports["submitted"], expected),
        on_time_percent=percent(reports["on_time"], expected),
        is_due=due_on < as_of,
    )
    coverage = [line for line in lines if line.target.rule == Target.Rule.INSPECTION_COVERAGE]
    late = late_units(plan=plan, as_of=as_of)  # the one lateness rule (Plan V.3.3)
    return {
        "plan": plan,
        "as_of": as_of,
        "days_left": (plan.deadline - as_of).days,
        "countdown": deadline_countdown(deadline=plan.deadline, as_of=as_of),
        "lines": lines,
        "tasks": tasks,
        "reports": reports,
        "coverage": coverage,
        "late": {"units": late[:LATE_LIST_SIZE], "count": len(late)},
    }
