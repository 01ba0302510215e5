"""A unit's quarterly report as a Word document in the layout of Nghị định 30/2020/NĐ-CP: the
unit heads and signs it, it goes to the plan's scope. The dossier figures are those of Biểu số
06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP), by procedure field, with the totals."""

import datetime as dt

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.official_document import (
    Letterhead,
    docx_heading,
    docx_paragraph,
    docx_table,
    official_document_docx,
)
from common.percent import percent_value
from indicators.reports import selectors as sel
from indicators.reports.models import QuarterlyReport
from plans.periods import Period
from units.letterhead import (
    unit_body_lines,
    unit_body_title,
    unit_place,
    unit_signature_position,
    unit_symbol,
)

TITLE = "BÁO CÁO"
SUMMARY = "Kết quả thực hiện công tác cải cách hành chính {period}"
FIELD = gettext_lazy("Lĩnh vực")
TOTAL = gettext_lazy("Tổng số")
# Biểu 06: received (online, in person or by post, carried over), resolved (early, on time,
# late), pending (within the deadline, overdue); each group with its total first.
DOSSIER_GROUPS = (
    (
        gettext_lazy("Số hồ sơ tiếp nhận"),
        (
            (gettext_lazy("Trực tuyến"), "received_online"),
            (gettext_lazy("Trực tiếp, bưu chính"), "received_direct"),
            (gettext_lazy("Kỳ trước chuyển qua"), "carried_over"),
        ),
    ),
    (
        gettext_lazy("Số hồ sơ đã giải quyết"),
        (
            (gettext_lazy("Trước hạn"), "resolved_early"),
            (gettext_lazy("Đúng hạn"), "resolved_on_time"),
            (gettext_lazy("Quá hạn"), "resolved_late"),
        ),
    ),
    (
        gettext_lazy("Số hồ sơ đang giải quyết"),
        (
            (gettext_lazy("Trong hạn"), "pending_in_time"),
            (gettext_lazy("Quá hạn"), "pending_overdue"),
        ),
    ),
)
SURVEY_COLUMNS = (
    (gettext_lazy("Số phiếu khảo sát"), "responses"),
    (gettext_lazy("Số phiếu hài lòng"), "satisfied"),
)


def report_as_of(report: QuarterlyReport) -> dt.date:
    """The document's date: the day the report was submitted, or today (capped at the plan's
    deadline) for a report not submitted yet."""
    if report.submitted_at:
        return timezone.localdate(report.submitted_at)
    return report.plan.default_as_of()


def report_letterhead(*, report: QuarterlyReport, period: Period) -> Letterhead:
    unit, scope = report.unit, report.plan.scope
    recipients = [unit_body_title(scope)]
    if unit.parent_id and unit.parent_id != scope.pk:
        recipients.append(unit_body_title(unit.parent))
    signer = report.submitted_by.get_full_name() if report.submitted_by else ""
    return Letterhead(
        body_lines=unit_body_lines(unit),
        number=f"Số: ……/BC-{unit_symbol(unit)}",
        place=unit_place(unit),
        date=report_as_of(report),
        title=TITLE,
        summary=SUMMARY.format(period=period.label.lower()),
        recipients=tuple(recipients),
        position=unit_signature_position(unit),
        signer=signer,
    )


def dossier_table(rows: list) -> dict:
    """Header, groups and rows of the Biểu 06 table: a field per row, each group's total before
    its columns, and a total row."""
    header, groups = [str(FIELD)], [("", 1)]
    for label, columns in DOSSIER_GROUPS:
        header += [str(TOTAL)] + [str(c) for c, _key in columns]
        groups.append((str(label), len(columns) + 1))
    lines = []
    sums = [0] * (len(header) - 1)
    for row in rows:
        numbers = []
        for _label, columns in DOSSIER_GROUPS:
            values = [row.values[key] for _c, key in columns]
            numbers += [sum(values), *values]
        sums = [a + b for a, b in zip(sums, numbers, strict=True)]
        lines.append([row.field.name, *numbers])
    lines.append([str(TOTAL), *sums])
    widths = [3] + [1] * (len(header) - 1)  # the field's name needs room; numbers do not
    return {"header": header, "groups": groups, "rows": lines, "widths": widths}


def survey_table(rows: list) -> dict:
    header = [str(FIELD)] + [str(c) for c, _key in SURVEY_COLUMNS] + [_("Tỷ lệ hài lòng")]
    lines = []
    for row in rows:
        responses, satisfied = row.values["responses"], row.values["satisfied"]
        share = percent_value(satisfied, responses)
        rate = "—" if share is None else f"{floatformat(share, '-2')}%"
        lines.append([row.field.name, responses, satisfied, rate])
    return {"header": header, "rows": lines, "widths": [3, 2, 2, 2]}


def report_document_docx(*, report: QuarterlyReport, period: Period) -> bytes:
    rows = sel.report_figure_rows(report=report, period=period)
    publication = sel.report_publication(unit=report.unit, period=period)
    evidence = sel.report_evidence(unit=report.unit, period=period)

    def build_body(document):
        docx_heading(document, _("1. Tình hình, kết quả giải quyết thủ tục hành chính"))
        docx_table(document, **dossier_table(rows), size=9)
        docx_heading(document, _("2. Khảo sát mức độ hài lòng của người dân, tổ chức"))
        docx_table(document, **survey_table(rows))
        docx_heading(document, _("3. Tiếp nhận, xử lý phản ánh, kiến nghị"))
        docx_paragraph(
            document,
            _("Tiếp nhận %(received)s phản ánh, kiến nghị; đã xử lý %(handled)s.")
            % {"received": report.feedback_received, "handled": report.feedback_handled},
        )
        docx_heading(document, _("4. Công khai kết quả đánh giá mức độ hài lòng"))
        docx_paragraph(document, publication_sentence(publication))
        docx_heading(document, _("5. Sáng kiến, sản phẩm tuyên truyền trong quý"))
        for title, items in (
            (_("Sáng kiến"), evidence["initiative"]),
            (_("Sản phẩm tuyên truyền"), evidence["outreach"]),
        ):
            docx_paragraph(document, f"{title}: {len(items)}.")
            for item in items:
                docx_paragraph(document, f"- {item.date:%d/%m/%Y}: {item.title}")
        if report.note:
            docx_heading(document, _("6. Ghi chú"))
            docx_paragraph(document, report.note)

    return official_document_docx(
        letterhead=report_letterhead(report=report, period=period), build_body=build_body
    )


def publication_sentence(publication) -> str:
    if publication is None:
        return _("Chưa công khai kết quả trong quý.")
    return _("Đã công khai ngày %(day)s tại %(url)s.") % {
        "day": f"{publication.published_on:%d/%m/%Y}",
        "url": publication.url,
    }
