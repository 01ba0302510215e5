"""The writer of each kind: `SqlUpsert` for the evidence tables; the ORM for satisfaction
surveys (with history) and units (parents, plan assignments)."""

from __future__ import annotations

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators.evidence.models import (
    FORM06_COUNTS,
    Dossier,
    EPaymentAdoption,
    Feedback,
    Form06Figure,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from indicators.evidence.upsert import Counts, SqlUpsert
from indicators.evidence.validators import KEEP
from inspections.models import Inspection
from plans.models import Plan
from plans.services import plan_expand_assignments
from units.models import Unit


class SurveyWriter:
    """Satisfaction surveys keep their history (simple-history), so they go through the ORM."""

    def run(self, rows, *, validator, dry_run) -> Counts:
        rows = list(rows)
        if validator.errors or not rows:
            return Counts()
        periods = {r[2] for r in rows}
        existing = {
            (s.unit_id, s.field_id, s.period): s
            for s in SatisfactionSurvey.objects.filter(period__in=periods)
        }
        new, changed = [], []
        for unit_id, field_id, period, responses, satisfied in rows:
            survey = existing.get((unit_id, field_id, period))
            if survey is None:
                new.append(
                    SatisfactionSurvey(
                        unit_id=unit_id,
                        field_id=field_id,
                        period=period,
                        responses=responses,
                        satisfied=satisfied,
                    )
                )
            elif (survey.responses, survey.satisfied) != (responses, satisfied):
                survey.responses, survey.satisfied = responses, satisfied
                changed.append(survey)
        counts = Counts(len(new), len(changed), len(rows) - len(new) - len(changed))
        if not dry_run:
            with transaction.atomic():
                bulk_create_with_history(new, SatisfactionSurvey, batch_size=1000)
                if changed:
                    bulk_update_with_history(
                        changed, SatisfactionSurvey, ["responses", "satisfied"], batch_size=1000
                    )
        return counts


class UnitWriter:
    """Units in file order (a parent may be defined on an earlier line), then their successors
    (which may be defined anywhere in the file); new units get the plans' assignments. An
    optional column left out of the file (`KEEP`) leaves its field as it is."""

    def run(self, rows, *, validator, dry_run) -> Counts:
        rows = list(rows)
        if validator.errors or not rows:
            return Counts()
        counts = Counts()
        codes = [r[0] for r in rows]
        with transaction.atomic():
            ids = dict(Unit.objects.values_list("code", "id"))
            existing = {u.code: u for u in Unit.objects.filter(code__in=codes)}
            old_successors: dict[str, set[str]] = {}
            for code, successor in Unit.successors.through.objects.filter(
                from_unit__code__in=codes
            ).values_list("from_unit__code", "to_unit__code"):
                old_successors.setdefault(code, set()).add(successor)
            successors_to_set: list[tuple[Unit, tuple[str, ...]]] = []
            for code, name, kind, sector, parent, active_from, active_to, successors in rows:
                parent_id = ids.get(parent) if parent else None
                values = {"name": name, "kind": kind, "sector": sector, "parent_id": parent_id}
                if active_from is not KEEP:
                    values["active_from"] = active_from
                if active_to is not KEEP:
                    values["active_to"] = active_to
                unit = existing.get(code)
                if unit is None:
                    counts.created += 1
                    unit = Unit(code=code, **values)
                    if not dry_run:
                        unit.save()
                    ids[code] = unit.pk or -len(ids)
                    if successors is not KEEP and successors:
                        successors_to_set.append((unit, successors))
                    continue
                changed = [f for f, v in values.items() if getattr(unit, f) != v]
                successors_changed = successors is not KEEP and set(successors) != (
                    old_successors.get(code, set())
                )
                if changed or successors_changed:
                    counts.updated += 1
                    for f in changed:
                        setattr(unit, f, values[f])
                    if changed and not dry_run:
                        unit.save(update_fields=[f.removesuffix("_id") for f in changed])
                    if successors_changed:
                        successors_to_set.append((unit, successors))
                else:
                    counts.unchanged += 1
            if not dry_run:
                for unit, successors in successors_to_set:
                    unit.successors.set([ids[c] for c in successors])
            if (counts.created or counts.updated) and not dry_run:
                for plan in Plan.objects.all():
                    plan_expand_assignments(plan=plan)
        return counts


WRITERS = {
    "dossiers": SqlUpsert(
        Dossier,
        ["code", "unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid"],
        ["code"],
        ["unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid"],
    ),
    "form06": SqlUpsert(
        Form06Figure,
        ["unit", "field", "period", *FORM06_COUNTS],
        ["unit", "field", "period"],
        list(FORM06_COUNTS),
    ),
    "satisfaction": SurveyWriter(),
    "feedback": SqlUpsert(
        Feedback,
        ["code", "channel", "unit", "received_on", "due_on", "resolved_on", "published_on"],
        ["code"],
        ["channel", "unit", "received_on", "due_on", "resolved_on", "published_on"],
    ),
    "inspections": SqlUpsert(
        Inspection,
        [
            "code",
            "kind",
            "unit",
            "date",
            "lead",
            "conclusion",
            "status",
            "plan",
            "team",
            "scope",
            "head_responsibility",
            "minutes",
        ],
        ["code"],
        ["kind", "unit", "date", "lead", "conclusion", "status"],
    ),
    "initiatives": SqlUpsert(
        Initiative,
        ["code", "unit", "title", "date", "evidence_file", "evidence_link"],
        ["code"],
        ["unit", "title", "date"],
    ),
    "outreach": SqlUpsert(
        OutreachProduct,
        ["code", "unit", "title", "date", "evidence_file", "evidence_link"],
        ["code"],
        ["unit", "title", "date"],
    ),
    "publications": SqlUpsert(
        SatisfactionPublication,
        ["unit", "period", "url", "published_on"],
        ["unit", "period"],
        ["url", "published_on"],
    ),
    "epayment": SqlUpsert(EPaymentAdoption, ["unit", "adopted_on"], ["unit"], ["adopted_on"]),
    "units": UnitWriter(),
}
