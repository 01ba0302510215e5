"""The Chairman's report as a Word document in the layout of Nghị định 30/2020/NĐ-CP: the same
rows as the web page and its print."""

from common.official_document import (
    docx_heading,
    docx_paragraph,
    docx_table,
    official_document_docx,
)
from plans.statuses import status_label

COLUMN_WIDTHS = [45, 18, 15, 22]  # content, result, status, units


def chairman_report_docx(report: dict) -> bytes:
    def build_body(document):
        docx_paragraph(document, report["intro"])
        for item in report["clauses"]:
            if item.clause.heading:
                docx_heading(document, item.title)
                if item.text:
                    docx_paragraph(document, item.text)
            else:
                docx_paragraph(document, item.title)
            if item.has_content:
                docx_table(
                    document,
                    header=[str(c) for c in report["columns"]],
                    widths=COLUMN_WIDTHS,
                    rows=[
                        [row.content, row.result, status_label(row.status), ", ".join(row.units)]
                        for row in item.rows
                    ],
                )

    return official_document_docx(letterhead=report["letterhead"], build_body=build_body)
