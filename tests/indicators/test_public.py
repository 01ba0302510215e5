import csv
import io

import pytest
import time_machine

from common.cells import cell_text as csv_safe
from indicators.models import QuarterlyReport, Target
from tests.factories import compliance_result
from tests.indicators.report_helpers import approved_report
from units.models import Unit

URL = "/cong-khai/CCHC-2021/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2021-11-15 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def figures(plan, noivu_user):
    """P01 Q1 approved + published, P02 Q1 approved but not published, P03 Q1 submitted (its
    `published` flag set behind the service's back)."""
    for code, sat_num, ontime_num, published in (("P01", 93, 97, True), ("P02", 70, 50, False)):
        land = {"responses": 100, "satisfied": sat_num, "resolved_on_time": ontime_num}
        land["resolved_late"] = 100 - ontime_num
        approved_report(plan, noivu_user, code=code, published=published, land=land)
    p03 = Unit.objects.get(code="P03")
    QuarterlyReport.objects.create(
        plan=plan, unit=p03, period="2021-Q1", status="submitted", published=True
    )


def test_public_page_needs_no_login_and_is_phone_ready(client, figures):
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="viewport"' in response.content and b'id="public-cards"' in response.content


def test_public_root_opens_the_current_plan(client, figures):
    assert client.get("/cong-khai/").url == URL


def test_only_approved_and_published_units_appear(client, figures):
    body = client.get(URL).content.decode()
    assert 'data-row="P01:2021-Q1:"' in body
    assert "P02:2021-Q1" not in body and "P03:2021-Q1" not in body


def test_district_rows_pool_only_published_units(client, figures):
    body = client.get(URL + "?format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    district = [r for r in rows if r[0] == "Q3" and r[3] == ""]
    assert district == [["Q3", district[0][1], "2021-Q1", "", "Tất cả lĩnh vực", "93,00", "97,00"]]


def test_csv_lists_the_published_figures(client, figures):
    response = client.get(URL + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r[0] for r in rows[1:]} == {"Q3", "P01"}


def test_csv_neutralises_formula_cells(plan):
    assert csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_safe("-1") == "'-1" and csv_safe("@x") == "'@x" and csv_safe("+1") == "'+1"
    assert csv_safe("Phường 1") == "Phường 1"


def test_csv_escapes_a_unit_name_starting_with_equals(client, figures):
    Unit.objects.filter(code="P01").update(name="=cmd|' /C calc'!A0")
    body = client.get(URL + "?format=csv").content.decode("utf-8-sig")
    assert "'=cmd" in body and "\n=cmd" not in body and ",=cmd" not in body


def test_empty_public_page_says_nothing_is_published(client, plan):
    compliance_result(
        plan=plan,
        as_of=plan.default_as_of(),
        target=Target.objects.get(plan=plan, code="SAT-OVERALL"),
        unit=Unit.objects.get(code="P01"),
        period="2021-Q1",
    )  # results exist, but no report is approved and published
    body = client.get(URL).content.decode()
    assert "Chưa có số liệu được công khai." in body and "approved-at" not in body


def test_unknown_plan_is_404(client, plan):
    assert client.get("/cong-khai/NOPE/").status_code == 404
