"""The Nghị định 30/2020/NĐ-CP layout in Word, read back with python-docx."""

import datetime as dt
from io import BytesIO

from docx import Document

from common.official_document import (
    Letterhead,
    date_line,
    docx_paragraph,
    docx_table,
    official_document_docx,
)

# Nghị định 30/2020/NĐ-CP, Phụ lục I, I.5
MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
LETTERHEAD = Letterhead(
    body_lines=("ỦY BAN NHÂN DÂN PHƯỜNG XUÂN HÒA", "PHÒNG KINH TẾ"),
    number="Số: ……/BC-KT",
    place="Phường Xuân Hòa",
    date=dt.date(2026, 2, 5),
    title="BÁO CÁO",
    summary="Kết quả thực hiện công tác cải cách hành chính Quý 4/2025",
    recipients=("Ủy ban nhân dân Phường Xuân Hòa",),
    position=("TRƯỞNG PHÒNG",),
    signer="Nguyễn Văn A",
)


def document(build_body=lambda d: docx_paragraph(d, "Nội dung báo cáo.")):
    return Document(BytesIO(official_document_docx(letterhead=LETTERHEAD, build_body=build_body)))


def cell_lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_the_date_line_pads_days_and_only_the_first_two_months():
    def line(*day):
        return date_line(place="Quận 3", day=dt.date(*day))

    assert line(2021, 10, 25) == "Quận 3, ngày 25 tháng 10 năm 2021"
    assert line(2021, 2, 5) == "Quận 3, ngày 05 tháng 02 năm 2021"
    assert line(2021, 9, 30) == "Quận 3, ngày 30 tháng 9 năm 2021"


def test_the_header_has_the_bodies_the_number_the_motto_and_the_date():
    header = document().tables[0].rows[0].cells
    assert cell_lines(header[0]) == [
        "ỦY BAN NHÂN DÂN PHƯỜNG XUÂN HÒA",
        "PHÒNG KINH TẾ",
        "Số: ……/BC-KT",
    ]
    assert cell_lines(header[1]) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phường Xuân Hòa, ngày 05 tháng 02 năm 2026",
    ]


def test_the_title_and_summary_come_before_the_body():
    texts = [p.text for p in document().paragraphs if p.text]
    assert texts[:3] == [
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính Quý 4/2025",
        "Nội dung báo cáo.",
    ]


def test_recipients_end_with_the_archive_and_the_signer_signs_under_the_position():
    recipients, signature = document().tables[-1].rows[0].cells
    assert cell_lines(recipients) == [
        "Nơi nhận:",
        "- Ủy ban nhân dân Phường Xuân Hòa;",
        "- Lưu: VT.",
    ]
    assert cell_lines(signature) == ["TRƯỞNG PHÒNG", "Nguyễn Văn A"]
    assert len(signature.paragraphs) > 2 + 3  # room to sign between the two


def test_page_is_a4_with_the_decrees_margins_in_times_new_roman():
    doc = document()
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    mm = {side: round(getattr(section, f"{side}_margin").mm) for side in MARGINS}
    assert all(low <= mm[side] <= high for side, (low, high) in MARGINS.items()), mm
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14


def test_a_body_table_keeps_its_rows():
    doc = document(lambda d: docx_table(d, header=["Lĩnh vực", "Số"], rows=[["Đất đai", 4]]))
    body = doc.tables[1]
    rows = [[c.text for c in row.cells] for row in body.rows]
    assert rows == [["Lĩnh vực", "Số"], ["Đất đai", "4"]]


def test_grouped_columns_are_headed_by_their_group():
    def body(d):
        docx_table(
            d,
            header=["Lĩnh vực", "Tổng số", "Trực tuyến", "Tổng số", "Đúng hạn"],
            groups=[("", 1), ("Tiếp nhận", 2), ("Đã giải quyết", 2)],
            rows=[["Đất đai", 3, 1, 2, 2]],
        )

    table = document(body).tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "Lĩnh vực",
        "Tiếp nhận",
        "Tiếp nhận",
        "Đã giải quyết",
        "Đã giải quyết",
    ]
    assert [c.text for c in table.rows[1].cells] == [
        "Lĩnh vực",
        "Tổng số",
        "Trực tuyến",
        "Tổng số",
        "Đúng hạn",
    ]
    assert [c.text for c in table.rows[2].cells] == ["Đất đai", "3", "1", "2", "2"]
