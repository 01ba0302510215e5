"""The dashboard's matrix: units × per-unit targets for one period, a page of units at a time."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Max, Q, Sum, Value, When, Window
from django.db.models.functions import RowNumber

from common.percent import percent_value as percent
from indicators.compliance.models import ComplianceResult
from indicators.dashboards.base import MET, NO_DATA, NOT_MET, figure_level
from indicators.targets.models import Target
from plans.models import Plan
from plans.periods import Period, reported_periods
from units.models import Unit
from units.selectors import units_in_scope

MATRIX_PAGE_SIZE = 50


@dataclass(frozen=True)
class FieldFigure:
    """A unit's result in one procedure field (a per-field target's worst field)."""

    name: str
    value: Decimal | None
    status: str
    threshold: Decimal | None = None
    target: Target | None = None

    @property
    def level(self) -> str:
        return figure_level(
            status=self.status, value=self.value, threshold=self.threshold, target=self.target
        )


@dataclass
class Cell:
    target: Target
    status: str = NO_DATA
    value: Decimal | None = None
    numerator: int = 0
    denominator: int = 0
    n: int = 0
    threshold: Decimal | None = None
    # a per-field target: how many of the unit's judged fields (met or not) are met, and the worst
    fields_met: int = 0
    fields_judged: int = 0
    worst: FieldFigure | None = None

    @property
    def level(self) -> str:
        """The light shown: a single figure may be amber (`figure_level`), pooled fields not."""
        if self.n != 1:
            return self.status
        return figure_level(
            status=self.status, value=self.value, threshold=self.threshold, target=self.target
        )


@dataclass
class MatrixRow:
    unit: Unit
    cells: list = field(default_factory=list)


def matrix_periods(*, plan: Plan, as_of: dt.date) -> list[Period]:
    return reported_periods(plan.year, as_of, quarterly=True, yearly=True)


def compliance_matrix(
    *, plan: Plan, as_of: dt.date, unit_kind: str | None = None, period: str | None = None, page=1
) -> dict:
    """Units × per-unit targets for one period, 50 units a page (at most 5 queries whatever the
    size).

    A unit × field target shows one cell per unit: not met if any field is not met, met if
    at least one is met and none is not, how many of its judged fields are met, its worst field
    (`_worst_fields`) and the pooled ratio of its fields.
    """
    try:
        chosen = Period.parse(period) if period else Period(plan.year)
    except ValueError:
        chosen = Period(plan.year)
    targets = [
        t
        for t in plan.targets.all()
        if t.per_unit and (t.quarterly if chosen.is_quarter else t.yearly)
    ]
    units = units_in_scope(scope=plan.scope, on=chosen.end_as_of(as_of)).only(
        "code", "name", "kind"
    )
    if unit_kind in Unit.Kind.values:
        units = units.filter(kind=unit_kind)
    units = units.order_by("kind", "code")
    page_obj = Paginator(units, MATRIX_PAGE_SIZE).get_page(page)
    page_units = list(page_obj.object_list)
    rows = {u.pk: MatrixRow(u, [Cell(t) for t in targets]) for u in page_units}
    index = {t.pk: i for i, t in enumerate(targets)}
    if page_units and targets:
        grouped = (
            ComplianceResult.objects.at(plan, as_of)
            .filter(period=chosen.code, unit_id__in=list(rows), target_id__in=list(index))
            .values("unit_id", "target_id")
            .annotate(
                num=Sum("numerator"),
                den=Sum("denominator"),
                single=Max("value"),
                thr=Max("threshold"),
                n=Count("pk"),
                n_met=Count("pk", filter=Q(status=MET)),
                n_not_met=Count("pk", filter=Q(status=NOT_MET)),
            )
            .order_by()
        )
        for row in grouped:
            cell = rows[row["unit_id"]].cells[index[row["target_id"]]]
            cell.numerator, cell.denominator, cell.n = row["num"], row["den"], row["n"]
            cell.value = row["single"] if row["n"] == 1 else percent(row["num"], row["den"])
            cell.threshold = row["thr"]
            if row["n_not_met"]:
                cell.status = NOT_MET
            elif row["n_met"]:
                cell.status = MET
            cell.fields_met, cell.fields_judged = row["n_met"], row["n_met"] + row["n_not_met"]
        per_field = [t.pk for t in targets if t.per_field]
        for unit_id, target_id, worst in _worst_fields(
            plan=plan, as_of=as_of, period=chosen, unit_ids=list(rows), target_ids=per_field
        ):
            cell = rows[unit_id].cells[index[target_id]]
            cell.worst = FieldFigure(
                worst.name, worst.value, worst.status, worst.threshold, cell.target
            )
    return {
        "targets": targets,
        "rows": [rows[u.pk] for u in page_units],
        "page_obj": page_obj,
        "period": chosen,
        "periods": matrix_periods(plan=plan, as_of=as_of),
        "unit_kind": unit_kind if unit_kind in Unit.Kind.values else "",
        "unit_kinds": [(k, label) for k, label in Unit.Kind.choices if k != Unit.Kind.DISTRICT],
    }


def _worst_fields(*, plan: Plan, as_of: dt.date, period: Period, unit_ids, target_ids):
    """(unit id, target id, FieldFigure) of each unit's worst judged field for each per-field
    target, in one query: a field not met before one met, then the furthest below (or the
    least above) its own threshold (land's 96 is not civil status's 98)."""
    if not unit_ids or not target_ids:
        return []
    ranked = (
        ComplianceResult.objects.at(plan, as_of)
        .filter(
            period=period.code,
            unit_id__in=unit_ids,
            target_id__in=target_ids,
            status__in=[MET, NOT_MET],
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("unit_id"), F("target_id")],
                order_by=[
                    Case(
                        When(status=NOT_MET, then=Value(0)),
                        default=Value(1),
                        output_field=IntegerField(),
                    ).asc(),
                    (F("value") - F("threshold")).asc(nulls_last=True),
                    F("field__order").asc(),
                    F("field__code").asc(),
                ],
            )
        )
        .filter(rank=1)
        .values_list("unit_id", "target_id", "field__name", "value", "status", "threshold")
    )
    return [
        (unit_id, target_id, FieldFigure(name or "", value, status, threshold))
        for unit_id, target_id, name, value, status, threshold in ranked
    ]
