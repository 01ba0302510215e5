"""Plan V.2.5: whom Phòng Nội vụ proposes to the Chairman to commend, remind or criticise.

One decision per unit, as of a date, from everything the portal knows about it:

* lateness (Plan V.3.3, `indicators.followup.lateness`): tasks overdue or done late, quarterly
  reports missing or late, 1022 feedback unresolved past due or resolved late;
* the compliance results stored for the as-of date: targets with a `not_met` result;
* inspections done this year up to the as-of date (Plan V.2.1): corrective actions overdue
  (`CorrectiveAction.status_on`), inspections without any finding.

The decision, the first rule that applies:

* criticise — at least CRITICISE_MIN_LATE late items, or a corrective action overdue after an
  inspection (a violation left uncorrected);
* remind — any late item, or at least MANY_NOT_MET targets not met;
* commend — none of the above and something done well: every task due done on time, every
  result met, or an inspection without findings.

Each candidate carries the reasons of its decision and, as notes, the facts pointing the other
way (a criticised unit's clean inspection, a commended unit's few targets not met), so the page
shows why. Active units below the district only; a unit already proposed for the same kind is
left out.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from indicators.compliance.models import ComplianceResult
from indicators.followup.lateness import UnitLateness, units_lateness
from inspections.models import Inspection, RecognitionProposal, action_overdue_on
from inspections.selectors import year_window
from plans.models import Plan
from units.models import Unit

# Plan V.2.5: a unit with at least this many late items is proposed for criticism.
CRITICISE_MIN_LATE = 3
# Plan V.2.5: a unit with at least this many targets not met is to be reminded.
MANY_NOT_MET = 3

Kind = RecognitionProposal.Kind


@dataclass
class Candidate:
    unit: Unit
    kind: str
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    inspection: Inspection | None = None
    late_items: int = 0

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def reason(self) -> str:
        """The reasons in one line, as recorded with a proposal."""
        return "; ".join(self.reasons)


@dataclass
class ProposalCandidates:
    as_of: dt.date
    criticise: list[Candidate] = field(default_factory=list)
    remind: list[Candidate] = field(default_factory=list)
    commend: list[Candidate] = field(default_factory=list)
    criticise_min_late: int = CRITICISE_MIN_LATE
    many_not_met: int = MANY_NOT_MET

    @property
    def all(self) -> list[Candidate]:
        return [*self.criticise, *self.remind, *self.commend]

    def __len__(self) -> int:
        return len(self.all)


@dataclass
class _Inspected:
    overdue: list = field(default_factory=list)  # (inspection, number of overdue actions)
    clean: list = field(default_factory=list)  # inspections without findings


def _inspections_by_unit(*, plan: Plan, as_of: dt.date) -> dict[int, _Inspected]:
    """Done inspections of the year up to the as-of date, per unit (one query)."""
    start, end = year_window(plan, as_of)
    rows = (
        Inspection.objects.done()
        .between(start, end)
        .select_related("unit")
        .order_by("unit__code", "date", "code")
        .annotate(
            n_findings=Count("findings", distinct=True),
            n_overdue=Count(
                "findings__actions",
                filter=action_overdue_on(as_of, prefix="findings__actions__"),
                distinct=True,
            ),
        )
    )
    out: dict[int, _Inspected] = defaultdict(_Inspected)
    for inspection in rows:
        if inspection.n_overdue:
            out[inspection.unit_id].overdue.append((inspection, inspection.n_overdue))
        elif not inspection.n_findings:
            out[inspection.unit_id].clean.append(inspection)
    return out


def _results_by_unit(*, plan: Plan, as_of: dt.date) -> dict[int, tuple[int, int, list[str]]]:
    """{unit: (results, met, target codes not met)} of the results stored for the as-of date."""
    rows = (
        ComplianceResult.objects.at(plan, as_of)
        .filter(unit__isnull=False)
        .order_by("target__order", "target__code")
        .values_list("unit_id", "target__code", "status")
    )
    out: dict[int, tuple[int, int, list[str]]] = {}
    for unit_id, code, status in rows:
        total, met, not_met = out.get(unit_id, (0, 0, []))
        if status == ComplianceResult.Status.NOT_MET and code not in not_met:
            not_met.append(code)
        out[unit_id] = (total + 1, met + (status == ComplianceResult.Status.MET), not_met)
    return out


def _decide(row: UnitLateness, results, inspected: _Inspected, as_of: dt.date) -> Candidate:
    total, met, not_met = results
    overdue = [
        _("%(n)s biện pháp khắc phục quá hạn sau cuộc kiểm tra %(code)s ngày %(date)s")
        % {"n": n, "code": i.code, "date": f"{i.date:%d/%m/%Y}"}
        for i, n in inspected.overdue
    ]
    clean = [
        _("Cuộc kiểm tra %(code)s ngày %(date)s không có phát hiện sai sót")
        % {"code": i.code, "date": f"{i.date:%d/%m/%Y}"}
        for i in inspected.clean
    ]
    not_met_text = (
        _("%(n)s chỉ tiêu chưa đạt tính đến ngày %(date)s: %(codes)s")
        % {"n": len(not_met), "date": f"{as_of:%d/%m/%Y}", "codes": ", ".join(not_met)}
        if not_met
        else ""
    )
    all_met = (
        [_("Đạt toàn bộ %(n)s kết quả chỉ tiêu") % {"n": total}] if total and met == total else []
    )
    # The unit's on-time record counts only when nothing is late (`merits` says "all on time").
    on_time = row.merits if row.tasks_due and not row.late_items else []
    merits = on_time + all_met + clean
    first_overdue = inspected.overdue[0][0] if inspected.overdue else None
    candidate = Candidate(row.unit, "", late_items=row.late_items)
    if row.late_items >= CRITICISE_MIN_LATE or overdue:
        candidate.kind, candidate.inspection = Kind.CRITICISE, first_overdue
        candidate.reasons = row.reasons + overdue
        candidate.notes = ([not_met_text] if not_met_text else []) + merits
    elif row.late_items or len(not_met) >= MANY_NOT_MET:
        candidate.kind = Kind.REMIND
        candidate.reasons = row.reasons + ([not_met_text] if len(not_met) >= MANY_NOT_MET else [])
        candidate.notes = ([not_met_text] if 0 < len(not_met) < MANY_NOT_MET else []) + merits
    elif merits:
        candidate.kind = Kind.COMMEND
        candidate.inspection = inspected.clean[0] if inspected.clean else None
        candidate.reasons = merits
        candidate.notes = [not_met_text] if not_met_text else []
    return candidate


def proposal_candidates(*, plan: Plan, as_of: dt.date) -> ProposalCandidates:
    """Plan V.2.5: one decision per unit (see the module), worst first within each kind."""
    results = _results_by_unit(plan=plan, as_of=as_of)
    inspected = _inspections_by_unit(plan=plan, as_of=as_of)
    taken = set(
        RecognitionProposal.objects.filter(plan=plan).values_list("unit_id", "kind").distinct()
    )
    out = ProposalCandidates(as_of=as_of)
    for row in units_lateness(plan=plan, as_of=as_of):
        pk = row.unit.pk
        found = results.get(pk, (0, 0, []))
        candidate = _decide(row, found, inspected.get(pk, _Inspected()), as_of)
        if candidate.kind and (pk, candidate.kind) not in taken:
            getattr(out, candidate.kind).append(candidate)
    for rows in (out.criticise, out.remind, out.commend):
        rows.sort(key=lambda c: (-c.late_items, c.unit.kind, c.unit.code))
    return out
