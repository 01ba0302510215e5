"""Loads a plan shipped as data (`indicators/targets/plandata/`) into the database, idempotently."""

import importlib
from types import ModuleType

from django.db import transaction

from indicators.targets.models import ProcedureField, Target
from plans.models import Clause, Plan, Task
from plans.services import plan_expand_assignments
from units.models import Unit
from units.roles import roles_sync

PLAN_MODULES = {"CCHC-2021": "indicators.targets.plandata.cchc_2021"}


class UnknownPlan(ValueError):
    pass


def plan_data(code: str) -> ModuleType:
    try:
        return importlib.import_module(PLAN_MODULES[code])
    except KeyError:
        known = ", ".join(sorted(PLAN_MODULES))
        raise UnknownPlan(f"Không có kế hoạch {code!r}. Các kế hoạch có sẵn: {known}") from None


def _upsert(model, lookup: dict, values: dict):
    obj, _ = model.objects.update_or_create(**lookup, defaults=values)
    return obj


def _load_units(data) -> Unit:
    code, name, website = data.DISTRICT
    district = _upsert(
        Unit,
        {"code": code},
        {"name": name, "kind": Unit.Kind.DISTRICT, "website": website, "parent": None},
    )
    for kind, rows in ((Unit.Kind.AGENCY, data.AGENCIES), (Unit.Kind.WARD, data.WARDS)):
        for unit_code, unit_name in rows:
            _upsert(
                Unit, {"code": unit_code}, {"name": unit_name, "kind": kind, "parent": district}
            )
    return district


def _load_fields(data) -> None:
    for order, (code, name, _threshold) in enumerate(data.FIELDS):
        _upsert(ProcedureField, {"code": code}, {"name": name, "order": order})


def _parent_label(label: str, labels: set[str]) -> str | None:
    for end in range(len(label) - 1, 0, -1):
        if label[:end] in labels and label[end] in ".abcdefgh":
            return label[:end]
    return None


def _load_clauses(data, plan: Plan) -> dict[str, Clause]:
    clauses: dict[str, Clause] = {}
    for order, (label, heading, text) in enumerate(data.CLAUSES, start=1):
        parent = clauses.get(_parent_label(label, set(clauses)) or "")
        clauses[label] = _upsert(
            Clause,
            {"plan": plan, "label": label},
            {"heading": heading, "text": text, "order": order, "parent": parent},
        )
    return clauses


def _load_targets(data, plan: Plan, clauses: dict[str, Clause]) -> None:
    for order, row in enumerate(data.TARGETS):
        code, title, labels, rule, comparator, threshold, scope, periods, extra = row
        values = {
            "title": title,
            "rule": rule,
            "comparator": comparator,
            "threshold": threshold,
            "scope": scope,
            "periods": periods,
            "order": order,
            "unit_kinds": "",
            "field_thresholds": {},
            "unit_sector": "",
            **extra,
        }
        target = _upsert(Target, {"plan": plan, "code": code}, values)
        target.clauses.set([clauses[label] for label in labels])


def _load_tasks(data, plan: Plan, clauses: dict[str, Clause]) -> None:
    units = {u.code: u for u in Unit.objects.all()}
    for code, label, title, lead, assigned, kinds, due_on, recurrence in data.TASKS:
        task = _upsert(
            Task,
            {"plan": plan, "code": code},
            {
                "clause": clauses[label],
                "title": title,
                "lead_unit": units[lead] if lead else None,
                "assigned_kinds": kinds,
                "due_on": due_on,
                "recurrence": recurrence,
            },
        )
        task.assigned_units.set([units[c] for c in assigned])


@transaction.atomic
def plan_load(*, code: str) -> Plan:
    """Load the district, its agencies and wards, fields, clauses, targets, tasks, assignments."""
    data = plan_data(code)
    roles_sync()
    district = _load_units(data)
    _load_fields(data)
    plan = _upsert(
        Plan,
        {"code": data.CODE},
        {
            "year": data.YEAR,
            "title": data.TITLE,
            "legal_basis": data.LEGAL_BASIS,
            "closing_text": data.CLOSING_TEXT,
            "scope": district,
            "deadline": data.DEADLINE,
            "baseline_year": data.BASELINE_YEAR,
            "signed_by": data.SIGNED_BY,
        },
    )
    clauses = _load_clauses(data, plan)
    _load_targets(data, plan, clauses)
    _load_tasks(data, plan, clauses)
    plan_expand_assignments(plan=plan)
    return plan
