import datetime as dt
import html
import re
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from indicators.compliance.store import compliance_recompute
from indicators.dashboards.base import headline_period
from indicators.models import ProcedureField, Target
from plans.models import Assignment, Clause
from tests.factories import compliance_result
from units.models import Unit

URL = "/bao-cao-chu-tich/CCHC-2021/"


@pytest.fixture
def noivu(client, noivu_user):
    client.force_login(noivu_user)
    return client


def test_anonymous_is_sent_to_login(client, plan):
    assert client.get(URL).url.startswith("/dang-nhap/")


def test_unit_head_cannot_open_it(client, head_p01):
    client.force_login(head_p01)
    assert client.get(URL).url == "/don-vi-cua-toi/"


def test_leader_can_open_it(client, leader_user):
    client.force_login(leader_user)
    assert client.get(URL).status_code == 200


def test_xlsx_opens_and_has_every_clause_label(noivu, plan):
    compliance_recompute(plan=plan, as_of=dt.date(2021, 9, 30))  # pages never compute
    response = noivu.get(URL + "?as_of=2021-09-30&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021" in values
    labels = {row[0] for row in ws.iter_rows(min_row=8, values_only=True)}
    assert set(Clause.objects.filter(plan=plan).values_list("label", flat=True)) <= labels


def test_xlsx_names_the_units_behind_a_shortfall(noivu, plan):
    compliance_result(
        plan=plan,
        as_of=dt.date(2021, 9, 30),
        target=Target.objects.get(plan=plan, code="OUTREACH"),
        unit=Unit.objects.get(code="P05"),
        value=0,
        status="not_met",
    )
    ws = load_workbook(BytesIO(noivu.get(URL + "?as_of=2021-09-30&format=xlsx").content)).active
    outreach = [
        r for r in ws.iter_rows(values_only=True) if r[2] and str(r[2]).startswith("OUTREACH")
    ]
    assert outreach and all(r[7] == "P05" for r in outreach)


def test_print_page_has_the_national_motto_and_date_line(noivu, plan):
    body = noivu.get(URL + "?as_of=2021-09-30").content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body
    assert "Độc lập - Tự do - Hạnh phúc" in body
    # Nghị định 30/2020: the committee in full and upper case, with no line above it.
    assert '<p class="fw-bold mb-0">ỦY BAN NHÂN DÂN QUẬN 3</p>' in body
    assert "UBND QUẬN 3" not in body
    assert "Số: ……/BC-UBND" in body
    assert "Quận 3, ngày 30 tháng 9 năm 2021" in body
    assert 'href="/static/css/print.css" media="print"' in body


def test_print_page_lists_every_clause(noivu, plan):
    body = noivu.get(URL + "?as_of=2021-09-30").content.decode()
    for label in Clause.objects.filter(plan=plan).values_list("label", flat=True):
        assert f'data-clause="{label}"' in body


def test_overdue_units_are_listed_under_their_task(noivu, plan):
    late = (
        Assignment.objects.for_plan(plan)
        .filter(due_on__lt=dt.date(2021, 9, 30), task__recurrence="none")
        .select_related("task", "unit")
        .first()
    )
    others = Assignment.objects.filter(task=late.task).exclude(pk=late.pk)
    others.update(status="done", completed_on=late.due_on)
    body = noivu.get(URL + "?as_of=2021-09-30").content.decode()
    row = body.split(f'data-task="{late.task.code}"')[1].split("</tr>")[0]
    assert late.unit.code in row and 'data-status="overdue"' in row
    assert all(a.unit.code not in row.split("</td>")[-2] for a in others if a.unit != late.unit)


AS_OF = dt.date(2021, 9, 30)


def docx_of(client, as_of="2021-09-30"):
    response = client.get(URL + f"?as_of={as_of}&format=docx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].endswith('.docx"')
    return Document(BytesIO(response.content))


def docx_texts(document):
    """Every paragraph's text, those of the tables' cells included, in order."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return [t for t in texts if t]


def page_text(client, as_of="2021-09-30"):
    body = client.get(URL + f"?as_of={as_of}").content.decode()
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def result(plan, code, *, unit=None, field=None, value=None, status="met", **kw):
    target = Target.objects.get(plan=plan, code=code)
    period = headline_period(target, AS_OF, plan.year).code
    return compliance_result(
        plan=plan,
        as_of=AS_OF,
        target=target,
        unit=unit and Unit.objects.get(code=unit),
        field=field and ProcedureField.objects.get(code=field),
        period=period,
        value=value,
        status=status,
        **kw,
    )


def test_the_page_links_the_word_file(noivu, plan):
    body = noivu.get(URL + "?as_of=2021-09-30").content.decode()
    assert "Tải bản Word (.docx)" in body and "format=docx" in body
    assert "data-print" in body


def test_docx_is_headed_and_signed_as_nghi_dinh_30_asks(noivu, plan):
    compliance_recompute(plan=plan, as_of=AS_OF)
    document = docx_of(noivu)
    header = document.tables[0].rows[0].cells
    assert [p.text for p in header[0].paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN QUẬN 3",
        "Số: ……/BC-UBND",
    ]
    assert [p.text for p in header[1].paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quận 3, ngày 30 tháng 9 năm 2021",
    ]
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:2] == [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch cải cách hành chính năm 2021",
    ]
    recipients, signature = document.tables[-1].rows[0].cells
    recipient_lines = [p.text for p in recipients.paragraphs if p.text]
    assert recipient_lines[0] == "Nơi nhận:" and recipient_lines[-1] == "- Lưu: VT."
    assert [p.text for p in signature.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Võ Văn Đức",
    ]


def test_docx_has_every_clause_whole(noivu, plan):
    compliance_recompute(plan=plan, as_of=AS_OF)
    texts = docx_texts(docx_of(noivu))
    for clause in Clause.objects.filter(plan=plan):
        title = f"{clause.label}. {clause.heading or clause.text}"
        assert title in texts
    covid = Clause.objects.get(plan=plan, label="I.1.2").text
    assert covid.endswith("sau dịch COVID-19.") and f"I.1.2. {covid}" in texts


def test_docx_is_refused_until_the_results_are_computed(noivu, plan):
    response = noivu.get(URL + "?as_of=2021-09-30&format=docx")
    assert response["Content-Type"].startswith("text/html")


def test_a_count_prints_as_an_integer_in_the_page_and_the_docx(noivu, plan):
    result(plan, "INSP-CONDUCT-Q", value=4, numerator=4, denominator=1, status="not_met")
    row = next(
        r
        for t in docx_of(noivu).tables[1:-1]
        for r in t.rows
        if r.cells[0].text.startswith("INSP-CONDUCT-Q")
    )
    assert row.cells[1].text == "4"
    assert "4,00" not in page_text(noivu) and "4.00" not in page_text(noivu)


def test_a_share_prints_with_a_percent_sign(noivu, plan):
    result(plan, "INSP-WARD", value=25, numerator=3, denominator=12, status="not_met")
    text = page_text(noivu)
    assert "INSP-WARD" in text and " 25% " in text


def test_a_per_field_target_counts_units_not_unit_field_pairs(noivu, plan):
    result(plan, "SAT-FIELD", unit="P01", field="land", value=95)
    result(plan, "SAT-FIELD", unit="P01", field="business", value=80, status="not_met")
    result(plan, "SAT-FIELD", unit="P02", field="land", value=95)
    result(plan, "SAT-FIELD", unit="P02", field="business", value=96)
    result(plan, "SAT-FIELD", unit="P03", field="land", status="no_data")
    row = next(
        r
        for t in docx_of(noivu).tables[1:-1]
        for r in t.rows
        if r.cells[0].text.startswith("SAT-FIELD")
    )
    assert row.cells[1].text == "1/2 đơn vị đạt"
    assert row.cells[3].text == "P01"
    assert "1/2 đơn vị đạt" in page_text(noivu)


def test_the_print_page_shows_what_the_docx_shows(noivu, plan):
    compliance_recompute(plan=plan, as_of=AS_OF)
    text = page_text(noivu)
    for line in docx_texts(docx_of(noivu)):
        assert " ".join(line.split()) in text, line


def test_a_plan_whose_scope_is_a_city_is_headed_by_the_city(noivu, plan):
    city = Unit.objects.create(
        code="HCM", name="Ủy ban nhân dân Thành phố Hồ Chí Minh", kind=Unit.Kind.CITY
    )
    plan.scope = city
    plan.signed_by = ""
    plan.save()
    compliance_recompute(plan=plan, as_of=AS_OF)
    document = docx_of(noivu)
    header = document.tables[0].rows[0].cells
    assert header[0].paragraphs[0].text == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert "Thành phố Hồ Chí Minh, ngày 30 tháng 9 năm 2021" in header[1].text
    assert not any("Quận 3" in t for t in docx_texts(document)[:12])
