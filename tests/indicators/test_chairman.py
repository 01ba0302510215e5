import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from indicators.compliance.store import compliance_recompute
from indicators.models import Target
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
    # Nghị định 30/2020: the issuing body on two lines, "ỦY BAN NHÂN DÂN" above the place.
    assert 'ỦY BAN NHÂN DÂN</p><p class="fw-bold mb-0" id="issuing-body">QUẬN 3</p>' in body
    assert "Quận 3, ngày 30 tháng 09 năm 2021" in body
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
