import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from indicators.models import ComplianceResult, ProcedureField
from tests.factories import DossierFactory
from units.models import Unit

COLUMNS = [
    "target",
    "unit",
    "field",
    "period",
    "numerator",
    "denominator",
    "value",
    "threshold",
    "status",
]


def _report(*args) -> str:
    out = io.StringIO()
    call_command("compliance_report", "CCHC-2021", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def land_p01(plan):
    for n in range(40):
        DossierFactory(
            unit=Unit.objects.get(code="P01"),
            field=ProcedureField.objects.get(code="land"),
            received_on=dt.date(2021, 7, 1),
            due_on=dt.date(2021, 7, 10),
            resolved_on=dt.date(2021, 7, 11 if n == 0 else 9),
        )


def test_json_report_has_the_contract_shape(land_p01):
    payload = json.loads(_report("--as-of", "2021-10-25", "--format", "json"))

    assert payload["plan"] == "CCHC-2021"
    assert payload["as_of"] == "2021-10-25"
    row = next(
        r
        for r in payload["results"]
        if (r["target"], r["unit"], r["field"], r["period"]) == ("ONTIME", "P01", "land", "2021-Q3")
    )
    assert row == {
        "target": "ONTIME",
        "unit": "P01",
        "field": "land",
        "period": "2021-Q3",
        "numerator": 39,
        "denominator": 40,
        "value": 97.5,
        "threshold": 96.0,
        "status": "met",
    }
    district = next(r for r in payload["results"] if r["target"] == "INSP-WARD")
    assert district["unit"] is None and district["field"] is None
    no_data = next(r for r in payload["results"] if r["status"] == "no_data")
    assert no_data["value"] is None


def test_json_report_lists_every_target(plan):
    payload = json.loads(_report("--as-of", "2021-10-25"))

    assert {r["target"] for r in payload["results"]} == set(
        plan.targets.values_list("code", flat=True)
    )


def test_csv_report_to_a_file(land_p01, tmp_path):
    path = tmp_path / "report.csv"

    _report("--as-of", "2021-10-25", "--format", "csv", "--output", str(path))

    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == COLUMNS
    row = next(
        r
        for r in rows
        if (r["target"], r["unit"], r["field"], r["period"]) == ("ONTIME", "P01", "land", "2021-Q3")
    )
    assert (row["numerator"], row["denominator"], row["value"], row["threshold"]) == (
        "39",
        "40",
        "97.5",
        "96.0",
    )


def test_csv_report_to_stdout(plan):
    text = _report("--as-of", "2021-10-25", "--format", "csv")

    assert text.splitlines()[0] == ",".join(COLUMNS)


def test_xlsx_report(land_p01, tmp_path):
    path = tmp_path / "report.xlsx"

    _report("--as-of", "2021-10-25", "--format", "xlsx", "--output", str(path))

    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    assert ("ONTIME", "P01", "land", "2021-Q3", 39, 40, 97.5, 96, "met") in rows


def test_unknown_plan_is_a_clear_error(plan):
    with pytest.raises(CommandError, match="CCHC-2099"):
        call_command("compliance_report", "CCHC-2099", "--as-of", "2021-10-25")


def test_bad_date_is_a_clear_error(plan):
    with pytest.raises(CommandError, match="as-of"):
        call_command("compliance_report", "CCHC-2021", "--as-of", "25-10-2021x")
    with pytest.raises(CommandError, match="as-of"):
        call_command("recompute_compliance", "CCHC-2021", "--as-of", "2021-02-30")


def test_recompute_command_stores_results(plan):
    call_command("recompute_compliance", "CCHC-2021", "--as-of", "2021-06-30", stdout=io.StringIO())

    assert ComplianceResult.objects.filter(as_of=dt.date(2021, 6, 30)).exists()


def test_recompute_command_defaults_to_the_plan_deadline_once_past(plan, time_machine):
    time_machine.move_to(dt.datetime(2021, 12, 1, 8, 0))

    call_command("recompute_compliance", "CCHC-2021", stdout=io.StringIO())

    assert set(ComplianceResult.objects.values_list("as_of", flat=True)) == {dt.date(2021, 10, 25)}
