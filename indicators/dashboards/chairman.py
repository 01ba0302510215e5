"""The Chairman's report on the plan: every clause with its tasks and targets, the units behind
each shortfall, headed and signed as an administrative document of the plan's scope unit
(Nghị định 30/2020/NĐ-CP). The web page, its print and the Word file show the same rows."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.official_document import Letterhead
from indicators.compliance.models import ComplianceResult
from indicators.dashboards.base import MET, NOT_MET
from indicators.dashboards.summary import TargetLine, target_lines
from indicators.targets.models import Target
from indicators.targets.selectors import plan_outline
from plans.models import Assignment, Plan
from plans.statuses import task_status
from units.letterhead import (
    unit_body_lines,
    unit_body_title,
    unit_place,
    unit_signature_position,
    unit_symbol,
)

TITLE = "BÁO CÁO"
SUMMARY = "Kết quả thực hiện Kế hoạch cải cách hành chính năm {year}"
COUNT_RULES = (Target.Rule.INITIATIVES, Target.Rule.OUTREACH, Target.Rule.CONDUCT_INSPECTIONS)
NOTHING = "—"
COLUMNS = (
    gettext_lazy("Nội dung"),
    gettext_lazy("Kết quả"),
    gettext_lazy("Đánh giá"),
    gettext_lazy("Đơn vị chưa đạt / quá hạn"),
)


@dataclass(frozen=True)
class ReportRow:
    """One task or target under its clause, as every form of the report prints it."""

    kind: str  # "task" or "target"
    code: str
    content: str
    result: str
    status: str
    units: list[str]  # overdue or not-met unit codes


@dataclass
class ReportClause:
    clause: object
    tasks: list = field(default_factory=list)  # (task, overdue unit codes)
    targets: list = field(default_factory=list)  # (TargetLine, not-met unit codes)
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        return bool(self.tasks or self.targets)

    @property
    def title(self) -> str:
        """The label with the heading, or with the whole text where there is no heading."""
        return f"{self.clause.label}. {self.clause.heading or self.clause.text}"

    @property
    def text(self) -> str:
        """The clause's text under its heading, whole (never cut)."""
        return self.clause.text if self.clause.heading else ""


def chairman_letterhead(*, plan: Plan, as_of: dt.date) -> Letterhead:
    """The scope unit issues the report and its chairman signs it; it goes up to the scope's
    parent where there is one."""
    scope = plan.scope
    recipients = []
    if scope.parent_id:
        recipients.append(_("%(body)s (để báo cáo)") % {"body": unit_body_title(scope.parent)})
    recipients.append(_("Chủ tịch, các Phó Chủ tịch %(body)s") % {"body": unit_body_title(scope)})
    recipients.append(_("Các cơ quan, đơn vị thực hiện kế hoạch"))
    position = unit_signature_position(scope)
    return Letterhead(
        body_lines=unit_body_lines(scope),
        number=f"Số: ……/BC-{unit_symbol(scope)}",
        place=unit_place(scope),
        date=as_of,
        title=TITLE,
        summary=SUMMARY.format(year=plan.year),
        recipients=tuple(recipients),
        position=position,
        signer=signer_name(plan.signed_by, position=position),
    )


def signer_name(signed_by: str, *, position: tuple[str, ...]) -> str:
    """The name under the signature: a plan's signer may be written with the position before
    the name ("CHỦ TỊCH Võ Văn Đức"), which the block already prints above."""
    signed_by, title = signed_by.strip(), position[-1]
    if signed_by.upper().startswith(title + " "):
        return signed_by[len(title) :].strip()
    return signed_by


def task_row(task, units: list[str]) -> ReportRow:
    result = _("%(done)s/%(total)s hoàn thành") % {
        "done": task.n_done,
        "total": task.n_assignments,
    }
    if task.n_overdue:
        result += ", " + _("%(n)s quá hạn") % {"n": task.n_overdue}
    status = task_status(
        n_assignments=task.n_assignments, n_done=task.n_done, n_overdue=task.n_overdue
    )
    return ReportRow("task", task.code, task.title, result, status, units)


def target_result(line: TargetLine, units_judged: int, units_not_met: int) -> str:
    """A count as an integer, a share with "%", a per-unit target as the units that met it:
    units, not unit × field pairs."""
    if line.per_unit_share:
        if not units_judged:
            return NOTHING
        return _("%(met)s/%(judged)s đơn vị đạt") % {
            "met": units_judged - units_not_met,
            "judged": units_judged,
        }
    if line.value is None:
        return NOTHING
    if line.target.rule in COUNT_RULES:
        return str(int(line.value))
    return f"{floatformat(line.value, '-2')}{line.target.threshold_unit}"


def target_row(line: TargetLine, units: list[str], units_judged: int) -> ReportRow:
    target = line.target
    threshold = f"{target.comparator_sign} {floatformat(line.threshold, '-2')}"
    content = f"{target.code} – {target.title} ({line.period.label}; {threshold}"
    content += f"{target.threshold_unit})"
    result = target_result(line, units_judged, len(units))
    return ReportRow("target", target.code, content, result, line.status, units)


def _not_met_units(plan, as_of, lines) -> dict[int, list[str]]:
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
    return not_met


def _judged_units(plan, as_of, lines) -> dict[int, int]:
    """Distinct units with a met or not-met result per target (a unit × field target counts a
    unit once)."""
    judged = {}
    for row in (
        ComplianceResult.objects.at(plan, as_of)
        .filter(
            status__in=(MET, NOT_MET),
            unit__isnull=False,
            period__in={line.period.code for line in lines.values()},
        )
        .values("target_id", "period")
        .annotate(units=Count("unit", distinct=True))
        .order_by()
    ):
        line = lines.get(row["target_id"])
        if line and row["period"] == line.period.code:
            judged[row["target_id"]] = row["units"]
    return judged


def _overdue_units(plan, as_of) -> dict[int, list[str]]:
    overdue: dict[int, list[str]] = {}
    for row in (
        Assignment.objects.for_plan(plan)
        .overdue_on(as_of)
        .values("task_id", "unit__code")
        .distinct()
        .order_by("task_id", "unit__code")
    ):
        overdue.setdefault(row["task_id"], []).append(row["unit__code"])
    return overdue


def chairman_report(*, plan: Plan, as_of: dt.date) -> dict:
    """Every clause with its tasks (done/total, overdue) and targets (result, status), and the
    units behind each shortfall: units with not-met results or overdue assignments.
    """
    outline = plan_outline(plan=plan, as_of=as_of)
    targets = {t.pk: t for item in outline for t, _first in item.targets}
    lines = {
        line.target.pk: line
        for line in target_lines(plan=plan, as_of=as_of, targets=targets.values())
    }
    not_met = _not_met_units(plan, as_of, lines)
    judged = _judged_units(plan, as_of, lines)
    overdue = _overdue_units(plan, as_of)
    clauses = []
    for item in outline:
        tasks = [(task, overdue.get(task.pk, [])) for task in item.tasks]
        target_items = [(lines[t.pk], not_met.get(t.pk, [])) for t, _first in item.targets]
        rows = [task_row(task, units) for task, units in tasks]
        rows += [
            target_row(line, units, judged.get(line.target.pk, 0)) for line, units in target_items
        ]
        clauses.append(ReportClause(item.clause, tasks, target_items, rows))
    letterhead = chairman_letterhead(plan=plan, as_of=as_of)
    return {
        "plan": plan,
        "as_of": as_of,
        "clauses": clauses,
        "letterhead": letterhead,
        "intro": _("%(title)s. Số liệu tính đến ngày %(date)s.")
        % {"title": plan.title.rstrip("."), "date": f"{as_of:%d/%m/%Y}"},
        "columns": COLUMNS,
        "issuing_body": " – ".join(letterhead.body_lines),
        "place": letterhead.place,
    }
