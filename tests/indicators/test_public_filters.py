"""The public page's search, filters and downloads (Plan II.7, V.3.1)."""

import csv
import io
import re

import pytest
import time_machine
from django.conf import settings
from openpyxl import load_workbook

from indicators.dashboards import views_public
from tests.indicators.report_helpers import approved_report

URL = "/cong-khai/CCHC-2021/"
LAND = {"responses": 200, "satisfied": 187, "resolved_on_time": 97, "resolved_late": 3}
CIVIL = {"responses": 50, "satisfied": 40}  # satisfaction only: its on-time cell stays empty


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2021-11-15 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def published(plan, noivu_user):
    """Phường 1 in Q1 and Q2, Phường 10 and Phường Võ Thị Sáu in Q1, all published."""
    approved_report(plan, noivu_user, code="P01", land=LAND, **{"civil-status": CIVIL})
    approved_report(plan, noivu_user, code="P01", period="2021-Q2", land=LAND)
    approved_report(plan, noivu_user, code="P10", land={"responses": 10, "satisfied": 5})
    approved_report(plan, noivu_user, code="P-VTS", land={"responses": 10, "satisfied": 10})


def unit_rows(body: str) -> list[str]:
    """The unit rows of the page's table (unit:period:field)."""
    table = body.split('id="public-units"')[1].split("</table>")[0]
    return re.findall(r'data-row="([^"]+)"', table)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_one_ward_and_one_quarter(client, published):
    body = client.get(URL, {"q": "phuong 1", "period": "2021-Q1"}).content.decode()
    assert unit_rows(body) == ["P01:2021-Q1:", "P01:2021-Q1:land", "P01:2021-Q1:civil-status"]


def test_the_search_ignores_accents_and_capitals(client, published):
    body = client.get(URL, {"q": "PHUONG vo thi"}).content.decode()
    assert {row.split(":")[0] for row in unit_rows(body)} == {"P-VTS"}
    body = client.get(URL, {"q": "Phường 10"}).content.decode()
    assert {row.split(":")[0] for row in unit_rows(body)} == {"P10"}


def test_the_search_finds_a_unit_by_its_code(client, published):
    body = client.get(URL, {"q": "p-vts"}).content.decode()
    assert {row.split(":")[0] for row in unit_rows(body)} == {"P-VTS"}


def test_the_field_filter_keeps_that_field_for_every_unit_and_the_district(client, published):
    body = client.get(URL, {"field": "civil-status"}).content.decode()
    assert unit_rows(body) == ["P01:2021-Q1:civil-status"]
    district = body.split('id="public-district"')[1].split("</table>")[0]
    assert re.findall(r'data-row="([^"]+)"', district) == ["2021-Q1:civil-status"]


def test_the_filters_stay_in_the_form(client, published):
    body = client.get(URL, {"q": "phuong 1", "period": "2021-Q2"}).content.decode()
    assert 'value="phuong 1"' in body and '<option value="2021-Q2" selected>' in body


def test_the_csv_of_a_filtered_page_has_its_rows_with_decimal_commas(client, published):
    response = client.get(URL, {"q": "phuong 1", "period": "2021-Q1", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0][:3] == ["Mã đơn vị", "Đơn vị", "Quý"]
    units = [r for r in rows[1:] if r[0] != "Q3"]
    assert units == [
        ["P01", "Phường 1", "2021-Q1", "", "Tất cả lĩnh vực", "90,80", "97,00"],
        ["P01", "Phường 1", "2021-Q1", "land", "Đất đai", "93,50", "97,00"],
        ["P01", "Phường 1", "2021-Q1", "civil-status", units[2][4], "80,00", ""],
    ]
    assert {r[2] for r in rows[1:]} == {"2021-Q1"}  # the district's rows of that quarter only


def test_the_csv_in_english_has_decimal_points(client, published):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = csv_rows(client.get(URL, {"q": "phuong 1", "field": "land", "format": "csv"}))
    assert [r[5] for r in rows[1:] if r[0] == "P01"] == ["93.50", "93.50"]


def test_the_xlsx_of_a_filtered_page_has_a_header_and_numeric_cells(client, published):
    response = client.get(URL, {"q": "phuong 1", "period": "2021-Q1", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(csv_rows(client.get(URL, {"format": "csv"}))[0])
    units = [r for r in rows[1:] if r[0] == "P01"]
    assert [(r[2], r[3], r[5], r[6]) for r in units] == [
        ("2021-Q1", None, 90.8, 97.0),
        ("2021-Q1", "land", 93.5, 97.0),
        ("2021-Q1", "civil-status", 80.0, None),
    ]
    assert all(isinstance(r[5], int | float) for r in units)
    assert sheet.cell(row=2, column=6).number_format == "0.00"


def test_the_download_links_carry_the_filters(client, published):
    body = client.get(URL, {"q": "phuong 1", "period": "2021-Q1", "page": "1"}).content.decode()
    links = body.split('id="public-downloads"')[1].split("</div>")[0]
    assert 'href="?q=phuong+1&amp;period=2021-Q1&amp;format=csv"' in links
    assert 'href="?q=phuong+1&amp;period=2021-Q1&amp;format=xlsx"' in links


def test_the_pagination_links_keep_the_filters(client, published, monkeypatch):
    monkeypatch.setattr(views_public, "PUBLIC_PAGE_SIZE", 2)
    body = client.get(URL, {"q": "phuong 1", "period": "2021-Q1"}).content.decode()
    assert len(unit_rows(body)) == 2
    assert 'href="?q=phuong+1&amp;period=2021-Q1&amp;page=2"' in body
    second = client.get(URL, {"q": "phuong 1", "period": "2021-Q1", "page": 2}).content.decode()
    assert unit_rows(second) == ["P01:2021-Q1:civil-status"]


@pytest.mark.parametrize("download", ["csv", "xlsx"])
def test_the_documented_address_downloads_with_its_query(client, published, download):
    response = client.get("/cong-khai/", {"format": download, "q": "phuong 1"})
    assert response.status_code == 302
    assert response.url == f"{URL}?format={download}&q=phuong+1"
    followed = client.get("/cong-khai/", {"format": download, "q": "phuong 1"}, follow=True)
    assert followed["Content-Disposition"].endswith(f'.{download}"')


def test_the_csv_address_of_the_readme_is_the_csv(client, published):
    response = client.get("/cong-khai/?format=csv", follow=True)
    assert response["Content-Type"].startswith("text/csv")
    assert {r[0] for r in csv_rows(response)[1:]} == {"Q3", "P01", "P10", "P-VTS"}


def test_a_row_without_any_figure_is_not_shown(client, plan, noivu_user, published):
    approved_report(plan, noivu_user, code="P02")  # approved with no figures at all
    body = client.get(URL).content.decode()
    assert "P02:" not in body
    assert "P02" not in {r[0] for r in csv_rows(client.get(URL, {"format": "csv"}))}


def test_no_match_says_so(client, published):
    body = client.get(URL, {"q": "phuong 7"}).content.decode()
    assert "Không có số liệu phù hợp bộ lọc" in body and 'id="public-units"' not in body


def test_unknown_quarter_and_field_are_ignored_and_said_so(client, published):
    response = client.get(URL, {"period": "2099-Q9", "field": "nope"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Không có quý “2099-Q9”" in body and "Không có lĩnh vực “nope”" in body
    assert len(unit_rows(body)) == 9  # every published row


def test_anonymous_visitors_find_the_public_page_from_the_home_page(client, plan):
    body = client.get("/", follow=True).content.decode()
    link = re.search(r'<a [^>]*href="/cong-khai/"[^>]*id="public-link"[^>]*>(.*?)</a>', body, re.S)
    assert link and "Công khai kết quả" in link.group(1)
