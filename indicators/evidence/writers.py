"""The writer of each kind: `SqlUpsert` for the evidence tables; the ORM for satisfaction
surveys (with history) and units (parents, plan assignments)."""

from __future__ import annotations

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators.evidence.models import (
    Dossier,
    EPaymentAdoption,
    Feedback,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from indicators.evidence.upsert import Counts, SqlUpsert
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
    """Units in file order (a parent may be defined on an earlier line); new units get the plans'
    assignments."""

    def run(self, rows, *, validator, dry_run) -> Counts:
        rows = list(rows)
        if validator.errors or not rows:
            return Counts()
        counts = Counts()
        with transaction.atomic():
            ids = dict(Unit.objects.values_list("code", "id"))
            existing = {u.code: u for u in Unit.objects.filter(code__in=[r[0] for r in rows])}
            for code, name, kind, sector, parent in rows:
                parent_id = ids.get(parent)
                unit = existing.get(code)
                if unit is None:
                    counts.created += 1
                    unit = Unit(code=code, name=name, kind=kind, sector=sector, parent_id=parent_id)
                    if not dry_run:
                        unit.save()
                    ids[code] = unit.pk or -len(ids)
                elif (unit.name, unit.kind, unit.sector, unit.parent_id) != (
                    name,
                    kind,
                    sector,
                    parent_id,
                ):
                    counts.updated += 1
                    unit.name, unit.kind, unit.sector, unit.parent_id = (
                        name,
                        kind,
                        sector,
                        parent_id,
                    )
                    if not dry_run:
                        unit.save(update_fields=["name", "kind", "sector", "parent"])
                else:
                    counts.unchanged += 1
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
