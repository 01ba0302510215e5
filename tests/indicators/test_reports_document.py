"""A unit's quarterly report as a Word document (Nghị định 30/2020 layout), read back with
python-docx."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from indicators.models import Initiative
from indicators.reports.services import report_get_or_create, report_save_figures, report_submit
from tests.factories import unit_head
from units.models import Unit

LAND = {
    "received_online": 3,
    "received_direct": 2,
    "carried_over": 1,
    "resolved_early": 1,
    "resolved_on_time": 3,
    "resolved_late": 1,
    "pending_in_time": 0,
    "pending_overdue": 1,
    "responses": 10,
    "satisfied": 9,
}


def submitted(plan, code, **kw):
    unit = Unit.objects.get(code=code)
    head = unit_head(unit)
    head.first_name, head.last_name = "Văn An", "Trần"
    head.save()
    with time_machine.travel(dt.datetime(2021, 10, 5, 9), tick=False):
        report = report_get_or_create(plan=plan, unit=unit, period="2021-Q3")
        report_save_figures(report=report, user=head, figures={"land": LAND}, **kw)
        report_submit(report=report, user=head)
    return head


def docx_of(client, code):
    response = client.get(reverse("report_docx", args=[code, "2021-Q3"]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return Document(BytesIO(response.content))


def lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def table_rows(table):
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture
def ward_report(client, plan):
    head = submitted(
        plan, "P01", feedback_received=4, feedback_handled=3, note="Đã khắc phục phần mềm."
    )
    Initiative.objects.create(
        code="SK-1", unit=head.unit, title="Một cửa không giấy", date=dt.date(2021, 8, 2)
    )
    client.force_login(head)
    return docx_of(client, "P01")


def test_the_report_page_links_the_word_file(client, head_p01, plan):
    client.force_login(head_p01)
    body = client.get(reverse("report_detail", args=["P01", "2021-Q3"])).content.decode()
    assert "Tải bản Word (.docx)" in body
    assert reverse("report_docx", args=["P01", "2021-Q3"]) in body


def test_a_ward_reports_as_its_own_committee(ward_report):
    left, right = ward_report.tables[0].rows[0].cells
    assert lines(left) == ["ỦY BAN NHÂN DÂN PHƯỜNG 1", "Số: ……/BC-UBND"]
    assert lines(right)[-1] == "Phường 1, ngày 05 tháng 10 năm 2021"  # the day it was submitted
    texts = [p.text for p in ward_report.paragraphs if p.text]
    assert texts[:2] == ["BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính quý 3/2021"]
    recipients, signature = ward_report.tables[-1].rows[0].cells
    assert lines(recipients) == ["Nơi nhận:", "- Ủy ban nhân dân Quận 3;", "- Lưu: VT."]
    assert lines(signature) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Văn An Trần"]


def test_the_dossier_table_has_bieu_06s_numbers_with_group_totals(ward_report):
    rows = table_rows(ward_report.tables[1])
    assert rows[0][1:5] == ["Số hồ sơ tiếp nhận"] * 4
    assert rows[1][:5] == [
        "Lĩnh vực",
        "Tổng số",
        "Trực tuyến",
        "Trực tiếp, bưu chính",
        "Kỳ trước chuyển qua",
    ]
    land = next(r for r in rows if r[0] == "Đất đai")
    assert land[1:] == ["6", "3", "2", "1", "5", "1", "3", "1", "1", "0", "1"]
    assert rows[-1] == ["Tổng số", "6", "3", "2", "1", "5", "1", "3", "1", "1", "0", "1"]


def test_the_survey_table_gives_the_share_satisfied(ward_report):
    rows = table_rows(ward_report.tables[2])
    assert ["Đất đai", "10", "9", "90%"] in rows
    assert next(r for r in rows if r[0] == "Xây dựng")[3] == "—"


def test_feedback_initiatives_and_note_are_written_out(ward_report):
    texts = [p.text for p in ward_report.paragraphs]
    assert "Tiếp nhận 4 phản ánh, kiến nghị; đã xử lý 3." in texts
    assert "Chưa công khai kết quả trong quý." in texts
    assert "Sáng kiến: 1." in texts and "- 02/08/2021: Một cửa không giấy" in texts
    assert "Đã khắc phục phần mềm." in texts


def test_an_office_reports_under_its_committee_and_its_head_signs(client, plan):
    client.force_login(submitted(plan, "NV"))
    document = docx_of(client, "NV")
    left, right = document.tables[0].rows[0].cells
    assert lines(left) == ["ỦY BAN NHÂN DÂN QUẬN 3", "PHÒNG NỘI VỤ", "Số: ……/BC-NV"]
    assert lines(right)[-1] == "Quận 3, ngày 05 tháng 10 năm 2021"
    assert lines(document.tables[-1].rows[0].cells[1]) == ["TRƯỞNG PHÒNG", "Văn An Trần"]


def test_a_report_never_saved_downloads_dated_today_and_is_not_created(client, head_p02, plan):
    from indicators.models import QuarterlyReport

    client.force_login(head_p02)
    with time_machine.travel(dt.datetime(2021, 10, 8, 9), tick=False):
        document = docx_of(client, "P02")
    assert lines(document.tables[0].rows[0].cells[1])[-1] == "Phường 2, ngày 08 tháng 10 năm 2021"
    assert lines(document.tables[-1].rows[0].cells[1]) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert not QuarterlyReport.objects.filter(unit=head_p02.unit).exists()
