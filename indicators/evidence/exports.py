"""Export of the evidence tables with the import's columns, so an export re-imports unchanged.

Cells that a spreadsheet would run as a formula get a leading apostrophe (`common.cells`); the
importer removes it again.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator

from openpyxl import Workbook

from common.cells import cell_neutralise
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
from indicators.evidence.validators import VALIDATORS
from inspections.models import Inspection
from units.models import Unit

# KIND → (queryset, values_list lookups in the import's column order)
_SOURCES = {
    "dossiers": (
        lambda: Dossier.objects.order_by("code"),
        [
            "code",
            "unit__code",
            "field__code",
            "received_on",
            "due_on",
            "resolved_on",
            "online",
            "e_paid",
        ],
    ),
    "form06": (
        lambda: Form06Figure.objects.order_by("period", "unit__code", "field__code"),
        ["unit__code", "field__code", "period", *FORM06_COUNTS],
    ),
    "satisfaction": (
        lambda: SatisfactionSurvey.objects.order_by("period", "unit__code", "field__code"),
        ["unit__code", "field__code", "period", "responses", "satisfied"],
    ),
    "feedback": (
        lambda: Feedback.objects.order_by("code"),
        ["code", "channel", "unit__code", "received_on", "due_on", "resolved_on", "published_on"],
    ),
    "inspections": (
        lambda: Inspection.objects.done().order_by("code"),
        ["code", "kind", "unit__code", "date", "lead", "conclusion"],
    ),
    "initiatives": (
        lambda: Initiative.objects.order_by("code"),
        ["code", "unit__code", "title", "date"],
    ),
    "outreach": (
        lambda: OutreachProduct.objects.order_by("code"),
        ["code", "unit__code", "title", "date"],
    ),
    "publications": (
        lambda: SatisfactionPublication.objects.order_by("period", "unit__code"),
        ["unit__code", "period", "url", "published_on"],
    ),
    "epayment": (
        lambda: EPaymentAdoption.objects.order_by("unit__code"),
        ["unit__code", "adopted_on"],
    ),
}


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_neutralise(value)


def _successor_codes() -> dict[int, str]:
    """Each unit's successors' codes, sorted and separated by ";" (the import's format)."""
    codes: dict[int, list[str]] = {}
    for unit_id, code in Unit.successors.through.objects.order_by("to_unit__code").values_list(
        "from_unit_id", "to_unit__code"
    ):
        codes.setdefault(unit_id, []).append(code)
    return {unit_id: ";".join(c) for unit_id, c in codes.items()}


def _units_rows() -> Iterator[tuple]:
    """Units but the districts and cities, parents before children, with their dates and
    successors; a parent that is a district is blank (the import's default)."""
    units = list(Unit.objects.below_scope().select_related("parent").order_by("code"))
    successors = _successor_codes()
    placed: set[int] = set(Unit.objects.scopes().values_list("id", flat=True))

    def row(unit: Unit) -> tuple:
        parent = unit.parent
        parent_code = "" if parent is None or parent.kind == Unit.Kind.DISTRICT else parent.code
        return (
            unit.code,
            unit.name,
            unit.kind,
            unit.sector,
            parent_code,
            unit.active_from,
            unit.active_to,
            successors.get(unit.id, ""),
        )

    pending = units
    while pending:
        later = []
        for unit in pending:
            if unit.parent_id is None or unit.parent_id in placed:
                placed.add(unit.id)
                yield row(unit)
            else:
                later.append(unit)
        if len(later) == len(pending):  # a cycle: write the rest as they are
            for unit in later:
                yield row(unit)
            return
        pending = later


# A background export records its progress every this many rows.
PROGRESS_EVERY = 2000


def export_count(kind: str) -> int:
    """The rows an export of `kind` writes, by one COUNT (the units' order is not needed)."""
    if kind == "units":
        return Unit.objects.below_scope().count()
    queryset, _lookups = _SOURCES[kind]
    return queryset().order_by().count()


def export_rows(kind: str, *, progress: Callable[[int], None] | None = None) -> Iterator[tuple]:
    """The rows of `kind` in the import's column order; `progress(n)` is told the rows yielded
    so far every `PROGRESS_EVERY` rows and once at the end."""
    if kind == "units":
        rows = _units_rows()
    else:
        queryset, lookups = _SOURCES[kind]
        rows = queryset().values_list(*lookups).iterator(chunk_size=5000)
    if progress is None:
        yield from rows
        return
    n = 0
    for n, row in enumerate(rows, start=1):
        yield row
        if n % PROGRESS_EVERY == 0:
            progress(n)
    progress(n)


def export_columns(kind: str) -> tuple[str, ...]:
    return VALIDATORS[kind].columns + VALIDATORS[kind].optional_columns


class _Echo:
    def write(self, value):
        return value


def csv_lines(kind: str, *, progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """The CSV export line by line (for a streaming response), with a UTF-8 BOM for Excel."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(export_columns(kind))
    for row in export_rows(kind, progress=progress):
        yield writer.writerow([_csv_value(v) for v in row])


def write_csv(kind: str, stream, *, progress: Callable[[int], None] | None = None) -> None:
    for line in csv_lines(kind, progress=progress):
        stream.write(line)


def write_xlsx(kind: str, target, *, progress: Callable[[int], None] | None = None) -> None:
    """An XLSX workbook (write-only, so large tables stay out of memory); dates are date cells."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(kind)
    sheet.append(list(export_columns(kind)))
    for row in export_rows(kind, progress=progress):
        sheet.append([(1 if v else 0) if isinstance(v, bool) else cell_neutralise(v) for v in row])
    workbook.save(target)
