"""Amber ("Sát ngưỡng"): a met figure within its target's margin of the threshold; a display
level only, the stored status stays met. And the threshold drawn on each progress bar."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine

from indicators.dashboards.base import NEAR, figure_level
from indicators.models import ComplianceResult, ProcedureField, Target
from tests.factories import compliance_result
from units.models import Unit

AS_OF = dt.date(2021, 9, 30)
URL = "/tong-quan/CCHC-2021/?as_of=2021-09-30"


def target(plan, code):
    return Target.objects.get(plan=plan, code=code)


def level(t, value, status="met", threshold=None):
    threshold = t.threshold if threshold is None else threshold
    return figure_level(status=status, value=Decimal(value), threshold=threshold, target=t)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("98.00", NEAR), ("99.99", NEAR), ("100.00", "met"), ("100", "met")],
)
def test_met_within_the_default_margin_of_2_points_is_amber(plan, value, expected):
    ontime = target(plan, "ONTIME")  # ≥ 98, margin 2 (the default)
    assert ontime.amber_margin == 2
    assert level(ontime, value) == expected


def test_not_met_and_no_data_keep_their_own_light(plan):
    ontime = target(plan, "ONTIME")
    assert level(ontime, "97.99", status="not_met") == "not_met"
    assert figure_level(status="no_data", value=None, threshold=98, target=ontime) == "no_data"


def test_a_custom_margin(plan):
    sat = target(plan, "SAT-OVERALL")  # ≥ 91
    sat.amber_margin = Decimal("0.5")
    assert level(sat, "91.49") == NEAR
    assert level(sat, "91.50") == "met"
    sat.amber_margin = 0
    assert level(sat, "91.00") == "met"


def test_the_stored_threshold_of_a_field_is_the_one_compared(plan):
    ontime = target(plan, "ONTIME")
    assert level(ontime, "97.00", threshold=Decimal(96)) == NEAR  # land: ≥ 96
    assert level(ontime, "98.00", threshold=Decimal(96)) == "met"


def test_counts_and_equal_targets_have_no_amber(plan):
    assert level(target(plan, "INITIATIVE"), "1", threshold=Decimal(1)) == "met"
    assert level(target(plan, "TASKS-DONE"), "100") == "met"  # = 100


@pytest.fixture
def noivu(client, noivu_user):
    client.force_login(noivu_user)
    return client


def line(body, code):
    return re.search(rf'<tr data-target="{code}"[^>]*>.*?</tr>', body, re.S).group(0)


def test_the_dashboard_line_shows_amber_and_keeps_the_stored_status(noivu, plan):
    compliance_result(
        plan=plan, as_of=AS_OF, target=target(plan, "SAT-OVERALL"), numerator=92, denominator=100
    )
    row = line(noivu.get(URL).content.decode(), "SAT-OVERALL")
    assert 'data-status="met"' in row and 'data-level="near"' in row
    assert 'aria-label="Sát ngưỡng"' in row and "bg-warning" in row
    assert ComplianceResult.objects.get().status == "met"


def test_a_line_well_above_its_threshold_is_green(noivu, plan):
    compliance_result(
        plan=plan, as_of=AS_OF, target=target(plan, "SAT-OVERALL"), numerator=95, denominator=100
    )
    row = line(noivu.get(URL).content.decode(), "SAT-OVERALL")
    assert 'data-level="met"' in row and "bg-success" in row


def test_each_progress_bar_marks_its_threshold(noivu, plan):
    compliance_result(
        plan=plan, as_of=AS_OF, target=target(plan, "SAT-OVERALL"), numerator=95, denominator=100
    )
    body = noivu.get(URL).content.decode()
    marker = re.search(r'<span class="threshold-marker"[^>]*>', line(body, "SAT-OVERALL")).group(0)
    assert 'style="left: 91%"' in marker and 'title="Ngưỡng 91%"' in marker
    coverage = re.search(r'data-coverage="INSP-AGENCY".*?</div>\s*</div>', body, re.S).group(0)
    assert 'title="Ngưỡng 30%"' in coverage


def test_the_matrix_cell_shows_amber(noivu, plan):
    compliance_result(
        plan=plan,
        as_of=AS_OF,
        target=target(plan, "SAT-OVERALL"),
        unit=Unit.objects.get(code="P01"),
        numerator=92,
        denominator=100,
    )
    body = noivu.get(URL + "&kind=ward&period=2021").content.decode()
    cell = re.search(r'data-cell="P01:SAT-OVERALL".*?</a>', body, re.S).group(0)
    assert 'data-status="met" data-level="near"' in cell


def test_the_matrix_worst_field_shows_amber(noivu, plan):
    for code, num in (("land", 97), ("business", 100)):  # land ≥ 96: 1 point above
        compliance_result(
            plan=plan,
            as_of=AS_OF,
            target=target(plan, "ONTIME"),
            unit=Unit.objects.get(code="P01"),
            field=ProcedureField.objects.get(code=code),
            numerator=num,
            denominator=100,
        )
    body = noivu.get(URL + "&kind=ward&period=2021").content.decode()
    cell = re.search(r'data-cell="P01:ONTIME".*?</a>', body, re.S).group(0)
    assert "2/2 lĩnh vực đạt" in cell
    assert 'data-level="near" data-worst-field="met"' in cell


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_the_unit_home_shows_amber(client, head_p01, plan):
    compliance_result(
        plan=plan,
        as_of=AS_OF,
        target=target(plan, "SAT-OVERALL"),
        unit=head_p01.unit,
        numerator=92,
        denominator=100,
    )
    client.force_login(head_p01)
    body = client.get("/don-vi-cua-toi/").content.decode()
    row = re.search(r'<tr data-result="SAT-OVERALL:2021:".*?</tr>', body, re.S).group(0)
    assert 'data-level="near"' in row and "Sát ngưỡng" in row
