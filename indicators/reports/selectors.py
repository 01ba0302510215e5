"""Reads for the unit head's page and the quarterly reports (writes are in `services.py`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.evidence.models import (
    FORM06_COUNTS,
    Dossier,
    Form06Figure,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
    carried_over_into,
    dossiers_matter_to,
    overdue_unresolved_at,
    pending_at,
    resolved_between,
)
from indicators.reports.models import QuarterlyReport, ReportFigure
from indicators.targets.models import ProcedureField
from plans.models import Assignment, Plan
from plans.periods import Period
from plans.statuses import report_status, status_label
from units.models import Unit, unit_active_on
from units.selectors import unit_scope_ids

DOSSIER_KEYS = FORM06_COUNTS  # Biểu 06's eight numbers
SURVEY_KEYS = ("responses", "satisfied")
FIGURE_KEYS = DOSSIER_KEYS + SURVEY_KEYS
SUBMITTED_STATUSES = (QuarterlyReport.Status.SUBMITTED, QuarterlyReport.Status.APPROVED)


def plan_quarter(*, plan: Plan, text: str) -> Period | None:
    """The plan's quarter written as `2021-Q3`, or None when the text is not one of them."""
    try:
        period = Period.parse(text)
    except ValueError:
        return None
    if not period.is_quarter or period.year != plan.year:
        return None
    return period


def report_for(*, plan: Plan, unit: Unit, period: Period) -> QuarterlyReport:
    """The unit's report for the quarter, or an unsaved draft when none exists yet."""
    report = (
        QuarterlyReport.objects.select_related("submitted_by", "reviewed_by")
        .filter(plan=plan, unit=unit, period=period.code)
        .first()
    )
    return report or QuarterlyReport(plan=plan, unit=unit, period=period.code)


def report_dossier_counts(
    *, unit: Unit, period: Period, as_of: dt.date | None = None
) -> dict[int, dict]:
    """Biểu 06's eight numbers by field, counted from a unit's dossiers for a quarter, in ONE
    grouped query (`docs/counting-rules.md`): received in it online or in person, carried over
    from before it, resolved in it early (before `due_on`), on time (on `due_on`) or late, and
    pending at its end within or past `due_on`. A field appears only when it has dossiers that
    matter to the quarter (then its dossiers, not a form, count for it)."""
    start = period.start
    end = period.end_as_of(as_of or timezone.localdate())
    received = Q(received_on__range=(start, end))
    resolved = resolved_between(start, end)
    pending = pending_at(end)
    carried = carried_over_into(start)
    rows = (
        Dossier.objects.filter(unit=unit)
        .filter(received | resolved | carried | pending)
        .values("field")
        .annotate(
            matter=Count("id", filter=dossiers_matter_to(start, end)),
            received_online=Count("id", filter=received & Q(online=True)),
            received_direct=Count("id", filter=received & Q(online=False)),
            carried_over=Count("id", filter=carried),
            resolved_early=Count("id", filter=resolved & Q(resolved_on__lt=F("due_on"))),
            resolved_on_time=Count("id", filter=resolved & Q(resolved_on=F("due_on"))),
            resolved_late=Count("id", filter=resolved & Q(resolved_on__gt=F("due_on"))),
            pending_in_time=Count("id", filter=pending & Q(due_on__gte=end)),
            pending_overdue=Count("id", filter=overdue_unresolved_at(end)),
        )
        .order_by()
    )
    return {row.pop("field"): row for row in rows if row.pop("matter")}


@dataclass
class FigureRow:
    """One procedure field of a report: counts from dossiers where the unit has dossiers for
    the field and quarter, else the report's own Biểu 06 figures (prefilled from an imported
    form when the report has none)."""

    field: ProcedureField
    values: dict
    from_dossiers: bool
    from_import: bool = False

    @property
    def cells(self) -> list[int]:
        """The values in the table's column order (Biểu 06's eight, then the survey)."""
        return [self.values[key] for key in FIGURE_KEYS]


def report_figure_rows(*, report: QuarterlyReport, period: Period) -> list[FigureRow]:
    """Every procedure field with the report's figures; dossier counts where dossiers exist."""
    counts = report_dossier_counts(unit=report.unit, period=period)
    figures = (
        {f.field_id: f for f in ReportFigure.objects.filter(report=report)} if report.pk else {}
    )
    imported = {
        f.field_id: f for f in Form06Figure.objects.filter(unit=report.unit, period=period.code)
    }
    surveys = {
        s.field_id: s
        for s in SatisfactionSurvey.objects.filter(unit=report.unit, period=period.code)
    }
    rows = []
    for procedure_field in ProcedureField.objects.all():
        figure = figures.get(procedure_field.pk)
        form = imported.get(procedure_field.pk) if figure is None else None
        values = {key: getattr(figure, key) if figure else 0 for key in FIGURE_KEYS}
        if form is not None:
            values.update({key: getattr(form, key) for key in DOSSIER_KEYS})
        survey = surveys.get(procedure_field.pk)
        if figure is None and survey is not None:
            values.update(responses=survey.responses, satisfied=survey.satisfied)
        computed = counts.get(procedure_field.pk)
        if computed:
            values.update(computed)
        rows.append(
            FigureRow(
                procedure_field,
                values,
                from_dossiers=computed is not None,
                from_import=form is not None and computed is None,
            )
        )
    return rows


def report_publication(*, unit: Unit, period: Period) -> SatisfactionPublication | None:
    return SatisfactionPublication.objects.filter(unit=unit, period=period.code).first()


def report_evidence(*, unit: Unit, period: Period) -> dict[str, list]:
    """Initiatives and outreach products of the unit dated in the quarter."""
    dates = (period.start, period.last_day)
    return {
        "initiative": list(Initiative.objects.filter(unit=unit, date__range=dates)),
        "outreach": list(OutreachProduct.objects.filter(unit=unit, date__range=dates)),
    }


@dataclass
class Change:
    when: dt.datetime
    who: object
    what: str
    old: object
    new: object


_REPORT_TRACKED = {
    "status": QuarterlyReport._meta.get_field("status").verbose_name,
    "feedback_received": QuarterlyReport._meta.get_field("feedback_received").verbose_name,
    "feedback_handled": QuarterlyReport._meta.get_field("feedback_handled").verbose_name,
    "publication_url": QuarterlyReport._meta.get_field("publication_url").verbose_name,
    "published": QuarterlyReport._meta.get_field("published").verbose_name,
    "published_summary": QuarterlyReport._meta.get_field("published_summary").verbose_name,
}


def _changes(records, tracked: dict, prefix=lambda record: "") -> list[Change]:
    """Diff consecutive history records of the same object (records ordered by id, then date)."""
    changes, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        for name, label in tracked.items():
            old = getattr(before, name) if before is not None else None
            new = getattr(record, name)
            if before is None and not new:
                continue
            if old != new:
                if name == "status":
                    old, new = (None if old is None else status_label(old)), status_label(new)
                elif isinstance(new, bool):  # “Có”/“Không”, not Python's True/False
                    old = None if old is None else (_("Có") if old else _("Không"))
                    new = _("Có") if new else _("Không")
                changes.append(
                    Change(
                        record.history_date,
                        record.history_user,
                        f"{prefix(record)}{label}",
                        old,
                        new,
                    )
                )
        if record.history_change_reason and before is not None:
            changes.append(
                Change(
                    record.history_date,
                    record.history_user,
                    _("Lý do"),
                    None,
                    record.history_change_reason,
                )
            )
        previous[record.id] = record
    return changes


def report_history(*, report: QuarterlyReport) -> list[Change]:
    """Every change to the report and its figures: what, old → new, who, when (newest first)."""
    if not report.pk:
        return []
    fields = {f.pk: f.name for f in ProcedureField.objects.all()}
    figure_labels = {key: ReportFigure._meta.get_field(key).verbose_name for key in FIGURE_KEYS}
    figure_records = (
        ReportFigure.history.filter(report_id=report.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    report_records = (
        QuarterlyReport.history.filter(id=report.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes = _changes(
        figure_records, figure_labels, prefix=lambda r: f"{fields.get(r.field_id, '')}: "
    ) + _changes(report_records, _REPORT_TRACKED)
    return sorted(changes, key=lambda c: c.when, reverse=True)


@dataclass
class QuarterRow:
    period: Period
    due_on: dt.date
    report: QuarterlyReport | None
    status: str  # `plans.statuses.report_status` as of the page's day


def unit_quarters(*, plan: Plan, unit: Unit, as_of: dt.date) -> list[QuarterRow]:
    """The plan's quarters with the unit's report (if any), its due date and its status as of
    the day."""
    reports = {r.period: r for r in QuarterlyReport.objects.filter(plan=plan, unit=unit)}
    rows = []
    for quarter in plan.quarters():
        report, due_on = reports.get(quarter.code), plan.report_due_on(quarter)
        status = report_status(report, as_of=as_of, due_on=due_on)
        rows.append(QuarterRow(quarter, due_on, report, status))
    return rows


def unit_assignments(*, plan: Plan, unit: Unit):
    return (
        Assignment.objects.for_plan(plan)
        .filter(unit=unit)
        .select_related("task", "task__clause", "completed_by")
        .order_by("due_on", "task__code", "period")
    )


def with_publication(reports):
    """Annotate `has_publication`: the unit published the quarter's satisfaction result, which is
    what SAT-PUBLISH counts (Plan II.7)."""
    return reports.annotate(
        has_publication=Exists(
            SatisfactionPublication.objects.filter(unit=OuterRef("unit"), period=OuterRef("period"))
        )
    )


def reports_for_review(*, plan: Plan, period: str = "", status: str = ""):
    """The review list; reports waiting for review come oldest submission first."""
    reports = with_publication(
        QuarterlyReport.objects.filter(plan=plan).select_related(
            "plan", "unit", "submitted_by", "reviewed_by"
        )
    )
    if period:
        reports = reports.filter(period=period)
    if status:
        reports = reports.filter(status=status)
    if status == QuarterlyReport.Status.SUBMITTED:
        return reports.order_by("submitted_at", "unit__code", "period")
    return reports.order_by("period", "unit__kind", "unit__code")


def reports_by_ids(*, plan: Plan, ids: list[int]):
    """The plan's reports among `ids` (others ignored), in the review queue's order."""
    return (
        QuarterlyReport.objects.filter(plan=plan, pk__in=ids)
        .select_related("plan", "unit")
        .order_by("submitted_at", "unit__code", "period")
    )


def report_counts(*, plan: Plan) -> list[dict]:
    """Per quarter: reports submitted (or approved) against units expected to report."""
    submitted = dict(
        QuarterlyReport.objects.filter(plan=plan, status__in=SUBMITTED_STATUSES)
        .values("period")
        .annotate(n=Count("id"))
        .values_list("period", "n")
    )
    quarters = plan.quarters()
    # a unit owes the report of a quarter it is active at the end of
    expected = (
        Unit.objects.below_scope()
        .filter(pk__in=unit_scope_ids(scope=plan.scope))
        .aggregate(**{q.code: Count("pk", filter=unit_active_on(q.last_day)) for q in quarters})
    )
    return [
        {"period": q, "submitted": submitted.get(q.code, 0), "expected": expected[q.code]}
        for q in quarters
    ]


def units_for_picker():
    return Unit.objects.below_scope().order_by("kind", "code")
