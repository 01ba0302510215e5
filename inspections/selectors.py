"""Reads for inspections (plan I.2.1, V.2): visibility, coverage, planning, follow-up, proposals.

Coverage rules (computed by the compliance engine, `indicators.compliance`; the coverage page
reads its stored results, and the planning projection applies the same rules to planned + done):

* ``INSP-AGENCY``, ``INSP-PSU``, ``INSP-WARD`` (plan I.2.1a, V.2.1) — for the plan's year and an
  as-of date, the window is ``[1 January, min(31 December, as_of)]``. The numerator is the number
  of ACTIVE units of the kind (agency, public_service, ward) with at least one inspection whose
  status is ``done``, whose kind is ``cchc_periodic`` or ``cchc_surprise`` and whose date lies in
  the window (both ends included). The denominator is the number of active units of the kind.
  The value is the percentage rounded half-up to 2 decimals; the status is ``met`` when the exact
  ratio is ≥ the target's threshold (30 %), ``not_met`` otherwise, ``no_data`` when the kind has no
  active unit. The period is the year (``"2021"``).
* ``INSP-CONDUCT-Q`` (plan I.2.1b) — for every quarter of the plan's year that has started by the
  as-of date, the number of distinct units (any unit, active or not) with a ``done``
  ``conduct_surprise`` inspection dated between the quarter's start and min(quarter's last day,
  as_of). The value is that count; ``met`` when it is ≥ the threshold (5). Never ``no_data``.

Inspections are counted by their date, whatever plan they are attached to. Each figure comes from
one grouped query.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractMonth
from django.http import Http404
from django.shortcuts import get_object_or_404

from inspections.models import CorrectiveAction, Inspection, RecognitionProposal
from plans.models import Plan
from plans.periods import Period
from units.models import Unit

# The kinds of unit that CCHC inspections cover (plan V.2.1).
GROUP_KINDS = [Unit.Kind.AGENCY, Unit.Kind.PUBLIC_SERVICE, Unit.Kind.WARD]


def year_window(plan: Plan, as_of: dt.date | None) -> tuple[dt.date, dt.date]:
    year = Period(plan.year)
    return year.start, year.last_day if as_of is None else year.end_as_of(as_of)


# --- visibility -------------------------------------------------------------------------------


def inspections_visible_to(*, user):
    """Every inspection for Phòng Nội vụ and leaders; a unit head's own DONE inspections only
    (a planned surprise inspection must stay a surprise)."""
    qs = Inspection.objects.select_related("unit")
    if not user.is_authenticated:
        return qs.none()
    if user.sees_all_units:
        return qs
    if user.is_unit_head:
        return qs.filter(unit_id=user.unit_id, status=Inspection.Status.DONE)
    return qs.none()


def inspections_listed(*, user):
    """The list page: visible inspections with their number of findings and open actions."""
    return (
        inspections_visible_to(user=user)
        .annotate(
            n_findings=Count("findings", distinct=True),
            n_open=Count(
                "findings__actions",
                filter=Q(findings__actions__status=CorrectiveAction.Status.OPEN),
                distinct=True,
            ),
        )
        .order_by("-date", "code")
    )


def inspection_get(*, user, pk: int) -> Inspection:
    """The inspection if the user may see it, else 404."""
    return get_object_or_404(inspections_visible_to(user=user), pk=pk)


def inspection_findings(*, inspection: Inspection):
    return inspection.findings.prefetch_related("actions__unit").order_by("pk")


def actions_visible_to(*, user):
    """Corrective actions: all for Phòng Nội vụ and leaders, a unit head's own unit's."""
    qs = CorrectiveAction.objects.select_related("unit", "finding__inspection__unit")
    if not user.is_authenticated:
        return qs.none()
    if user.sees_all_units:
        return qs
    if user.is_unit_head:
        return qs.filter(unit_id=user.unit_id)
    return qs.none()


def action_get(*, user, pk: int) -> CorrectiveAction:
    return get_object_or_404(actions_visible_to(user=user), pk=pk)


def require_sees_all(user) -> None:
    """District-wide pages (planning, coverage, proposals): a unit head gets 404."""
    if not user.sees_all_units:
        raise Http404


def planned_inspections(*, plan: Plan):
    start, end = year_window(plan, None)
    return (
        Inspection.objects.filter(status=Inspection.Status.PLANNED)
        .between(start, end)
        .select_related("unit")
        .order_by("date", "unit__code")
    )


@dataclass
class CalendarRow:
    month: int
    planned: int = 0
    done: int = 0
    inspections: list = field(default_factory=list)


def inspection_calendar(*, plan: Plan) -> list[list[CalendarRow]]:
    """Planned vs done inspections per month of the plan's year, grouped by quarter (one query)."""
    start, end = year_window(plan, None)
    rows = (
        Inspection.objects.between(start, end)
        .order_by()
        .annotate(m=ExtractMonth("date"))
        .values("m", "status")
        .annotate(n=Count("pk"))
    )
    months = {m: CalendarRow(m) for m in range(1, 13)}
    for r in rows:
        setattr(months[r["m"]], r["status"], r["n"])
    return [[months[m] for m in range(3 * q - 2, 3 * q + 1)] for q in range(1, 5)]


def proposals_for(*, plan: Plan):
    return (
        RecognitionProposal.objects.filter(plan=plan)
        .select_related("unit", "inspection")
        .order_by("kind", "unit__code", "pk")
    )


def inspection_code_max(*, prefix: str) -> str | None:
    return Inspection.objects.filter(code__startswith=prefix).aggregate(m=Max("code"))["m"]
