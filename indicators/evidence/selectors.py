"""The codes an import offers (the import page's lists and the templates' drop-downs)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from indicators.targets.models import ProcedureField
from plans.models import Plan
from plans.selectors import plan_current
from units.models import Unit
from units.selectors import units_in_scope


def import_units(*, today: dt.date, plan: Plan | None = None) -> QuerySet[Unit]:
    """The units of the current plan's map active today (every active unit below a district or
    city when there is no plan), by code. Older codes are still accepted by the importer."""
    plan = plan or plan_current()
    if plan is None:
        units = Unit.objects.active_on(today).below_scope()
    else:
        units = units_in_scope(scope=plan.scope, on=today)
    return units.order_by("code")


def import_parent_units(*, today: dt.date, plan: Plan | None = None) -> list[Unit]:
    """What a `parent` column offers: the plan's scope unit, then its units."""
    plan = plan or plan_current()
    scope = [plan.scope] if plan else list(Unit.objects.active_on(today).scopes().order_by("code"))
    return scope + list(import_units(today=today, plan=plan))


def import_fields() -> QuerySet[ProcedureField]:
    return ProcedureField.objects.order_by("order", "code")
