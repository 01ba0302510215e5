"""The public figures of a quarterly report (Plan II.7, V.3.1), frozen when it is approved.

Pure computation over plain values, shared by the approval service and the data migration that
froze the reports approved before snapshots existed (docs/counting-rules.md, "The public page"):

- satisfaction of a field = satisfied / responses; over all fields, their sums;
- on-time of a field = resolved early or on time / (resolved + pending overdue at the quarter's
  end), from the report's Biểu 06 numbers; over all fields, their sums.

The values are the figures the approver saw on the report: dossier counts where the unit's
dossiers are imported, the report's own figures otherwise, and the report's survey results.
"""

from dataclasses import dataclass
from decimal import Decimal

from common.percent import percent_value, share_status
from indicators.evidence.models import form06_ontime

SATISFACTION, ONTIME = "satisfaction", "ontime"


@dataclass(frozen=True)
class Threshold:
    """What a public figure is judged against: a target's threshold, per-field thresholds and
    comparator (plain values, so the data migration can build them from historical rows)."""

    threshold: Decimal
    field_thresholds: dict
    comparator: str

    def for_field(self, field_code: str | None) -> Decimal:
        if field_code and field_code in (self.field_thresholds or {}):
            return Decimal(str(self.field_thresholds[field_code]))
        return self.threshold


@dataclass(frozen=True)
class Figure:
    rule: str
    field: object  # a ProcedureField (or its historical model), None for all fields
    numerator: int
    denominator: int
    value: Decimal | None
    threshold: Decimal | None
    status: str


def thresholds_of(targets) -> dict[tuple[str, bool], Threshold]:
    """(rule, per field) → Threshold, from the plan's targets (current or historical rows)."""
    found = {}
    for target in targets:
        if target.rule in (SATISFACTION, ONTIME):
            key = (target.rule, target.scope == "unit_field")
            found.setdefault(
                key, Threshold(target.threshold, target.field_thresholds, target.comparator)
            )
    return found


def _figure(rule, field, num, den, thresholds) -> Figure:
    judged = thresholds.get((rule, field is not None))
    threshold = judged.for_field(field.code if field else None) if judged else None
    status = share_status(num, den, threshold, judged.comparator) if judged else ""
    return Figure(rule, field, num, den, percent_value(num, den), threshold, status)


def published_figures_from(
    rows: list[tuple[object, dict]], thresholds: dict[tuple[str, bool], Threshold]
) -> list[Figure]:
    """Per field with data, and over all fields, the satisfaction and on-time figures.

    `rows` are (procedure field, values with `responses`, `satisfied` and Biểu 06's
    `resolved_early`, `resolved_on_time`, `resolved_late`, `pending_overdue`) in the fields'
    order.
    """
    figures: list[Figure] = []
    totals = {SATISFACTION: [0, 0], ONTIME: [0, 0]}
    for field, values in rows:
        pairs = {
            SATISFACTION: (values.get("satisfied") or 0, values.get("responses") or 0),
            ONTIME: form06_ontime(values),
        }
        if not any(den for _num, den in pairs.values()):
            continue
        for rule, (num, den) in pairs.items():
            totals[rule][0] += num
            totals[rule][1] += den
            figures.append(_figure(rule, field, num, den, thresholds))
    overall = [_figure(rule, None, num, den, thresholds) for rule, (num, den) in totals.items()]
    return overall + figures


def published_summary(figures: list[Figure]) -> str:
    """One line for the report's history: "Tất cả lĩnh vực: hài lòng 93.00% (93/100), đúng hạn
    —; Đất đai: …" (field rows in the order given)."""
    by_field: dict = {}
    for figure in figures:
        key = figure.field.code if figure.field else ""
        name = figure.field.name if figure.field else "Tất cả lĩnh vực"
        by_field.setdefault(key, [name, {}])[1][figure.rule] = figure

    def text(figure):
        if figure is None or figure.value is None:
            return "—"
        return f"{figure.value}% ({figure.numerator}/{figure.denominator})"

    return "; ".join(
        f"{name}: hài lòng {text(rules.get(SATISFACTION))}, đúng hạn {text(rules.get(ONTIME))}"
        for name, rules in by_field.values()
    )
