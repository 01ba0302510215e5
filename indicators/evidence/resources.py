"""django-import-export resources for the evidence tables.

They do not re-implement any rule: `import_data` hands the dataset to `imports.import_file`
(the same validators and writer as the `import_data` command and the browser import, so the
messages are the same) and `export` uses `exports.export_rows` (the import's columns, cells
neutralised against formula injection). Use them from the admin or a shell:

    EvidenceResource("dossiers").export().export("xlsx")
"""

import csv
import io

import tablib
from django.core.exceptions import ValidationError
from import_export.resources import Resource
from import_export.results import Result, RowResult

from indicators.evidence.exports import _csv_value, export_columns, export_rows
from indicators.evidence.imports import KINDS, ImportRejected, import_file


class EvidenceResource(Resource):
    def __init__(self, kind: str, **kwargs):
        if kind not in KINDS:
            raise ValueError(kind)
        self.kind = kind
        super().__init__(**kwargs)

    def export(self, queryset=None, **kwargs) -> tablib.Dataset:
        dataset = tablib.Dataset(headers=list(export_columns(self.kind)))
        for row in export_rows(self.kind):
            dataset.append([_csv_value(v) for v in row])
        return dataset

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs) -> Result:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(h).strip().lower() for h in dataset.headers or []])
        writer.writerows(["" if v is None else v for v in row] for row in dataset)
        source = io.BytesIO(buffer.getvalue().encode("utf-8"))
        result = Result()
        result.add_dataset_headers(dataset.headers)
        try:
            outcome = import_file(kind=self.kind, source=source, name="data.csv", dry_run=dry_run)
        except ImportRejected as exc:
            if raise_errors:
                raise
            rows = {}
            for error in exc.errors:
                rows.setdefault(error.line, []).append(error.message)
            for line, messages in rows.items():
                values = dataset[line - 2] if 2 <= line < len(dataset) + 2 else ()
                row = dict(zip(dataset.headers or [], values, strict=False))
                result.append_invalid_row(line, row, ValidationError(messages))
            return result
        result.totals[RowResult.IMPORT_TYPE_NEW] = outcome.created
        result.totals[RowResult.IMPORT_TYPE_UPDATE] = outcome.updated
        result.totals[RowResult.IMPORT_TYPE_SKIP] = outcome.unchanged
        return result
