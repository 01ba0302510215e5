"""Bulk import of evidence files (the columns of each kind: docs/imports.md).

Reading (`reading`), validating (`validators`) and writing (`writers`, `upsert`) are kept apart;
this module runs them for one file. A file with any bad row is rejected whole
(`ImportRejected`): nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from indicators.evidence.columns import choice_lookup, column_spec, header_codes, text_fold
from indicators.evidence.errors import ImportRejected, RowError
from indicators.evidence.form06_sheet import CONTRACT_HEADER, form06_sheet_rows, is_form06_sheet
from indicators.evidence.models import ImportJob
from indicators.evidence.reading import FileUnreadable, excerpt, read_table
from indicators.evidence.validation import PREVIEW_ROWS
from indicators.evidence.validators import VALIDATORS
from indicators.evidence.vectorised import dossiers_read
from indicators.evidence.writers import WRITERS
from plans.signals import evidence_changed_send


@dataclass
class ImportResult:
    kind: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    columns: tuple[str, ...] = ()
    preview: list[tuple[int, list[str]]] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    def summary(self) -> str:
        prefix = _("Kiểm tra (không ghi)") if self.dry_run else _("Đã nhập")
        return _(
            "%(prefix)s %(kind)s: %(total)s dòng — mới %(created)s, cập nhật %(updated)s, "
            "không đổi %(unchanged)s."
        ) % {
            "prefix": prefix,
            "kind": self.kind,
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def import_file(
    *,
    kind: str,
    source,
    name: str = "",
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    max_rows: int | None = None,
) -> ImportResult:
    """Validate a whole file and, unless `dry_run`, upsert it; raise `ImportRejected` if any row
    is bad (then nothing is written). A file over `max_rows` rows (default
    `settings.IMPORT_MAX_ROWS`) is refused while it is read."""
    if kind not in VALIDATORS:
        raise ImportRejected([RowError(0, _('Loại dữ liệu "%(kind)s" không có.') % {"kind": kind})])
    try:
        validator, rows = _read(
            kind=kind, source=source, name=name, max_rows=max_rows, progress=progress
        )
        counts = WRITERS[kind].run(rows, validator=validator, dry_run=dry_run)
    except FileUnreadable as exc:
        raise ImportRejected([RowError(exc.line, str(exc))]) from exc
    except OSError as exc:
        raise ImportRejected([RowError(0, _("Không đọc được tệp: %(e)s") % {"e": exc})]) from exc
    if validator.errors:
        raise ImportRejected(validator.errors, validator.total)
    validator.finish()
    if not validator.total:
        raise ImportRejected([RowError(0, _("Tệp rỗng: không có dòng dữ liệu nào."))])
    if not dry_run and (counts.created or counts.updated):
        evidence_changed_send(sender=ImportJob, units=validator.changed_units(counts), kinds=[kind])
    return ImportResult(
        kind=kind,
        total=validator.total,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        dry_run=dry_run,
        columns=validator.columns,
        preview=validator.preview,
        warnings=validator.warnings,
    )


def file_preview(*, kind: str, source, name: str = "") -> list[tuple[int, list[str]]]:
    """The first rows of a file as the importer reads them (for the preview page): headers
    given as labels are read as their columns, and a choice is shown by its label."""
    validator = VALIDATORS[kind]
    columns = validator.columns
    shown = [_choice_shown(kind, c) for c in columns]
    preview = []
    try:
        header, raw_rows = _contract_rows(kind, *read_table(source, name=name))
        index = [header.index(c) if c in header else None for c in columns]
        for line, raw in raw_rows:
            cells = [raw[i].strip() if i is not None and i < len(raw) else "" for i in index]
            preview.append(
                (line, [excerpt(show(cell), 200) for show, cell in zip(shown, cells, strict=True)])
            )
            if len(preview) >= PREVIEW_ROWS:
                break
    except (FileUnreadable, OSError, ImportRejected):
        pass
    return preview


def _choice_shown(kind: str, column: str) -> Callable[[str], str]:
    """How the preview shows a cell of a column: a choice by its label, the rest as read."""
    choices = column_spec(kind=kind, code=column).choices
    if choices is None:
        return str
    lookup = choice_lookup(choices)
    labels = dict(choices.choices)
    return lambda cell: str(labels[code]) if (code := lookup.get(text_fold(cell))) else cell


def _read(*, kind: str, source, name: str, max_rows, progress):
    """The file's validator and its clean rows: a large clean dossier file checked by column
    (`vectorised`), any other file row by row (bad rows go to `validator.errors`)."""
    if kind == "dossiers":
        read = dossiers_read(source=source, name=name, max_rows=max_rows)
        if read is not None:
            if progress:
                read[0].report(progress)
            return read
    header, raw_rows = _contract_rows(kind, *read_table(source, name=name, max_rows=max_rows))
    validator = VALIDATORS[kind](header)
    return validator, validator.rows(raw_rows, progress)


def _contract_rows(kind: str, header: list[str], raw_rows):
    """The file's header and rows in the contract's columns: headers given as labels (the
    templates) are read as their codes, and a Biểu 06 filled in as the form (title lines, the
    13-column table) is read into `form06` rows."""
    validator = VALIDATORS[kind]
    codes = header_codes(
        kind=kind, columns=validator.columns + validator.optional_columns, header=header
    )
    if kind == "form06" and is_form06_sheet(codes):
        return CONTRACT_HEADER, iter(form06_sheet_rows([(1, header), *raw_rows]))
    return codes, raw_rows
