import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from common.cells import cell_neutralise
from indicators.evidence.imports import import_file
from indicators.models import Initiative
from tests.indicators.importfiles import GOOD, write_csv
from units.models import Unit


def load_all(tmp_path):
    for kind, rows in GOOD.items():
        import_file(kind=kind, source=str(write_csv(tmp_path / f"{kind}.csv", rows)))


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
def test_formula_cells_are_neutralised(value):
    assert cell_neutralise(value) == "'" + value


def test_plain_cells_are_kept():
    assert cell_neutralise("Phường 1") == "Phường 1"
    assert cell_neutralise(5) == 5


@pytest.mark.parametrize("kind", list(GOOD))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reimports_unchanged(plan, tmp_path, kind, fmt):
    load_all(tmp_path)
    out = tmp_path / f"out.{fmt}"
    call_command("export_data", kind, "--format", fmt, "--output", str(out))
    result = import_file(kind=kind, source=str(out))
    assert result.created == result.updated == 0
    assert result.unchanged >= len(GOOD[kind]) - 1


def test_export_has_the_import_columns(plan, tmp_path):
    load_all(tmp_path)
    out = tmp_path / "d.csv"
    call_command("export_data", "dossiers", "--output", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == GOOD["dossiers"][0]
    assert rows[2] == ["HS-2", "P01", "business", "2021-02-03", "2021-02-12", "", "0", "1"]


def test_formula_title_round_trips_neutralised(plan, tmp_path):
    Initiative.objects.create(
        code="SK-9", unit=Unit.objects.get(code="P01"), title="=HYPERLINK(1)", date="2021-04-01"
    )
    out = tmp_path / "i.xlsx"
    call_command("export_data", "initiatives", "--format", "xlsx", "--output", str(out))
    cell = load_workbook(out).active["C2"]
    assert cell.value == "'=HYPERLINK(1)"
    assert cell.data_type == "s"
    assert import_file(kind="initiatives", source=str(out)).unchanged == 1
    assert Initiative.objects.get(code="SK-9").title == "=HYPERLINK(1)"


def test_units_export_lists_parents_first_and_district_blank(plan, tmp_path):
    load_all(tmp_path)
    out = tmp_path / "u.csv"
    call_command("export_data", "units", "--output", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    codes = [r[0] for r in rows[1:]]
    assert "Q3" not in codes
    assert codes.index("TH-A") < codes.index("TH-B")
    assert rows[codes.index("P15") + 1][4] == ""


@pytest.mark.parametrize("fixture", ["noivu_user", "leader_user"])
def test_browser_csv_export_streams(client, request, plan, fixture, tmp_path):
    load_all(tmp_path)
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(reverse("export_data", args=["feedback", "csv"]))
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0] == ",".join(GOOD["feedback"][0])
    assert "PA-2" in body


def test_browser_xlsx_export(client, noivu_user, tmp_path):
    load_all(tmp_path)
    client.force_login(noivu_user)
    response = client.get(reverse("export_data", args=["dossiers", "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in sheet[1]] == GOOD["dossiers"][0]
    assert sheet.max_row == 4


def test_unit_head_gets_404_on_export(client, head_p01):
    client.force_login(head_p01)
    assert client.get(reverse("export_data", args=["dossiers", "csv"])).status_code == 404


def test_unknown_kind_or_format_is_404(client, noivu_user):
    client.force_login(noivu_user)
    assert client.get(reverse("export_data", args=["secrets", "csv"])).status_code == 404
    assert client.get(reverse("export_data", args=["dossiers", "pdf"])).status_code == 404


def test_anonymous_export_goes_to_login(client, plan):
    response = client.get(reverse("export_data", args=["dossiers", "csv"]))
    assert response.status_code == 302
