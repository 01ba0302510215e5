"""The layout of an administrative document after Nghị định 30/2020/NĐ-CP (Phụ lục I), in Word
and for the print page: issuing body and national motto side by side, number and symbol, place
and date, the document's kind and summary (trích yếu), the body, then recipients (nơi nhận) and
the signature block side by side. The caller gives plain values and fills the body.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS = "Nơi nhận:"
ARCHIVE = "Lưu: VT."
FONT = "Times New Roman"
# NĐ 30, Phụ lục I, I.4-5: A4; top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm; body 13-14.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_PT = 13
SMALL_PT = 12  # the bodies, "Nơi nhận:"
LIST_PT = 11  # the recipients
HEADER_LEFT_MM = 65  # the issuing body's column; the motto takes the rest
SIGN_ROOM = 4  # empty lines left for the signature and seal


@dataclass(frozen=True)
class Letterhead:
    """The plain values of the layout (upper case where the decree writes upper case)."""

    body_lines: tuple[str, ...]  # direct parent (if any) then the issuing body
    number: str  # "Số: ……/BC-UBND"
    place: str
    date: dt.date
    title: str  # the kind of document: "BÁO CÁO"
    summary: str  # trích yếu
    recipients: tuple[str, ...]  # "Lưu: VT." is added last
    position: tuple[str, ...]  # ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer: str

    @property
    def parent_lines(self) -> tuple[str, ...]:
        return self.body_lines[:-1]

    @property
    def body(self) -> str:
        return self.body_lines[-1]

    @property
    def date_line(self) -> str:
        return date_line(place=self.place, day=self.date)

    @property
    def recipient_lines(self) -> list[str]:
        """ "- X;" for each recipient, then "- Lưu: VT." (NĐ 30, Phụ lục I, II.9)."""
        return [f"- {r};" for r in self.recipients] + [f"- {ARCHIVE}"]


def date_line(*, place: str, day: dt.date) -> str:
    """ "Quận 3, ngày 05 tháng 3 năm 2021": NĐ 30, Phụ lục I, II.4b writes a 0 before days under
    10 and months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# --- Word -------------------------------------------------------------------------------------


def official_document_docx(*, letterhead: Letterhead, build_body: Callable[[Document], None]):
    """The document as DOCX bytes; `build_body(document)` adds the body's paragraphs and tables
    (`docx_heading`, `docx_paragraph` and `docx_table` keep them in the decree's fonts)."""
    document = Document()
    _page_setup(document)
    _header(document, letterhead)
    _title(document, letterhead)
    build_body(document)
    _footer(document, letterhead)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)


def _text_width(document):
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _line(cell_or_doc, text, *, size=BODY_PT, bold=False, italic=False, align=None, after=0):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align is None else align
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _rule(cell, *, width_mm: int) -> None:
    """The short solid line under the body and under the motto (1/3 to 1/2 of the text line)."""
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(width_mm)
    paragraph.paragraph_format.right_indent = Mm(width_mm)
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _two_columns(document, left_mm: int):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_widths(table, (Mm(left_mm), _text_width(document) - Mm(left_mm)))
    for cell in table.rows[0].cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # no leading empty line
    return table.rows[0].cells


def _set_widths(table, widths) -> None:
    """Column widths in the grid (LibreOffice reads these) and in every cell (Word does)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _header(document, letterhead: Letterhead) -> None:
    left, right = _two_columns(document, HEADER_LEFT_MM)
    for line in letterhead.parent_lines:
        _line(left, line, size=SMALL_PT)
    _line(left, letterhead.body, size=SMALL_PT, bold=True)
    _rule(left, width_mm=HEADER_LEFT_MM // 3)
    _line(left, letterhead.number)
    _line(right, NATION, size=SMALL_PT, bold=True)
    _line(right, MOTTO, bold=True)
    _rule(right, width_mm=20)  # as long as the motto
    _line(right, letterhead.date_line, italic=True)


def _title(document, letterhead: Letterhead) -> None:
    _line(document, "", after=6)
    _line(document, letterhead.title, size=14, bold=True)
    _line(document, letterhead.summary, size=14, bold=True, after=12)


def _footer(document, letterhead: Letterhead) -> None:
    _line(document, "", after=6)
    left, right = _two_columns(document, 80)
    _line(left, RECIPIENTS, size=SMALL_PT, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in letterhead.recipient_lines:
        _line(left, line, size=LIST_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in letterhead.position:
        _line(right, line, bold=True)
    for _ in range(SIGN_ROOM):
        _line(right, "")
    _line(right, letterhead.signer, bold=True)


def docx_heading(document, text: str) -> None:
    """A section heading of the body: bold, at the text's left."""
    paragraph = _line(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=3)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True


def docx_paragraph(document, text: str, *, italic: bool = False) -> None:
    """A paragraph of the body, justified, its first line indented (NĐ 30, Phụ lục I, II.8)."""
    paragraph = _line(document, text, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=3)
    paragraph.paragraph_format.first_line_indent = Mm(10)


def docx_table(
    document,
    *,
    header: list[str],
    rows: list[list],
    groups: list[tuple[str, int]] | None = None,
    widths: list[int] | None = None,
    size: int = LIST_PT,
) -> None:
    """A bordered table: a bold header row, then one row per list of cells (shown as text).

    `groups` puts a row of (label, number of columns) above the header, as Biểu 06 groups its
    columns; a group of one column without a label joins its header cell to the one above.
    `widths` are the columns' shares of the text width (default: equal)."""
    table = document.add_table(rows=2 if groups else 1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if groups:
        _group_header(table, header, groups, size)
    else:
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            _cell_text(cell, text, size=size, bold=True)
    for row in table.rows:
        _repeat_on_each_page(row)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _cell_text(cell, "" if value is None else str(value), size=size)
    shares = widths or [1] * len(header)
    total = _text_width(document)
    _set_widths(table, [int(total * share / sum(shares)) for share in shares])
    _line(document, "", after=3)


def _group_header(table, header, groups, size) -> None:
    column = 0
    for label, span in groups:
        if span == 1 and not label:
            cell = table.cell(0, column).merge(table.cell(1, column))
            _cell_text(cell, header[column], size=size, bold=True)
        else:
            cell = table.cell(0, column).merge(table.cell(0, column + span - 1))
            _cell_text(cell, label, size=size, bold=True)
            for i in range(column, column + span):
                _cell_text(table.cell(1, i), header[i], size=size, bold=True)
        column += span


def _repeat_on_each_page(row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _cell_text(cell, text: str, *, size: int, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if bold:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size, run.bold = Pt(size), bold
