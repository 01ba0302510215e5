"""With the demo data, every target has a result for every unit and period it applies to."""

import datetime as dt

from django.core.management import call_command

from indicators.compliance.selectors import compliance_rows
from indicators.compliance.store import compliance_recompute
from indicators.models import ProcedureField
from units.selectors import units_in_scope

AS_OF = dt.date(2021, 10, 25)
QUARTERS = ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
# docs/codes.md, the targets table: results for, periods
EXPECTED = {
    "INSP-AGENCY": ("district", ["2021"]),
    "INSP-PSU": ("district", ["2021"]),
    "INSP-WARD": ("district", ["2021"]),
    "INSP-CONDUCT-Q": ("district", QUARTERS),
    "SAT-OVERALL": ("unit_and_district", QUARTERS + ["2021"]),
    "SAT-FIELD": ("unit_field", QUARTERS + ["2021"]),
    "SAT-PUBLISH": ("unit", QUARTERS),
    "ONTIME": ("unit_field", QUARTERS + ["2021"]),
    "FEEDBACK": ("unit", QUARTERS + ["2021"]),
    "INITIATIVE": ("unit", ["2021"]),
    "OUTREACH": ("unit", ["2021"]),
    "ONLINE-GROWTH": ("unit_and_district", ["2021"]),
    "EPAY-EDU": ("district", ["2021"]),
    "TASKS-DONE": ("unit_and_district", ["2021"]),
}


def test_every_target_has_results_for_every_unit_and_period(plan):
    call_command("seed_demo", "--scale", "0.02", stdout=open("/dev/null", "w"))
    # The units of 2021's map: the demo's later wards (2025) and closures do not reach back.
    in_2021 = units_in_scope(scope=plan.scope, on=dt.date(2021, 12, 31))
    units = list(in_2021.values_list("code", flat=True))
    assert "P10" in units and "P-BAN-CO" not in units and "NV" in units
    # 01/07/2025: the district level is gone, with its wards and its agencies
    on_merger = units_in_scope(scope=plan.scope, on=dt.date(2025, 7, 1))
    assert not on_merger.filter(kind__in=["ward", "agency"]).exists()
    fields = list(ProcedureField.objects.values_list("code", flat=True))

    compliance_recompute(plan=plan, as_of=AS_OF)
    rows = compliance_rows(plan=plan, as_of=AS_OF)

    for code, (scope, periods) in EXPECTED.items():
        keys = [(r["unit"], r["field"], r["period"]) for r in rows if r["target"] == code]
        expected = set()
        if scope in ("district", "unit_and_district"):
            expected |= {(None, None, p) for p in periods}
        if scope in ("unit", "unit_and_district"):
            expected |= {(u, None, p) for u in units for p in periods}
        if scope == "unit_field":
            expected |= {(u, f, p) for u in units for f in fields for p in periods}
        assert len(keys) == len(set(keys)), code
        assert set(keys) == expected, code
    statuses = {r["status"] for r in rows}
    assert statuses == {"met", "not_met", "no_data"}
    assert {r["target"] for r in rows if r["status"] == "met"} >= {"ONTIME", "SAT-OVERALL"}


def test_the_demo_ward_without_dossiers_gets_its_on_time_figure_from_bieu_06(plan):
    from indicators.demo.seed import FORM06_WARD
    from indicators.models import Dossier, Form06Figure

    call_command("seed_demo", "--scale", "0.05", stdout=open("/dev/null", "w"))
    compliance_recompute(plan=plan, as_of=AS_OF)

    assert not Dossier.objects.filter(unit__code=FORM06_WARD, received_on__year=2021).exists()
    assert Form06Figure.objects.filter(unit__code=FORM06_WARD, period="2021-Q3").exists()
    rows = [
        r
        for r in compliance_rows(plan=plan, as_of=AS_OF)
        if r["target"] == "ONTIME" and r["unit"] == FORM06_WARD and r["period"] == "2021-Q3"
    ]
    assert rows and all(r["status"] != "no_data" for r in rows if r["denominator"])
    assert sum(r["denominator"] for r in rows) > 0
