"""The past does not move: an ended period is judged by the target as it stood at its end, and
by the units active then (DESIGN "Plans and units through time")."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.compliance.store import compliance_compute
from indicators.targets.models import ProcedureField, Target
from tests.factories import InspectionFactory, SurveyFactory
from tests.indicators.compliance_utils import fresh_rows
from units.models import Unit

AS_OF = dt.date(2021, 10, 25)
HCM = ZoneInfo("Asia/Ho_Chi_Minh")  # TIME_ZONE; a naive time is UTC to time-machine


@pytest.fixture
def plan_of_january(time_machine, request):
    """The 2021 plan loaded on 05/01/2021, so its targets' history starts then."""
    time_machine.move_to(dt.datetime(2021, 1, 5, 8, 0))
    return request.getfixturevalue("plan")


def _surveys_at_88_percent():
    land = ProcedureField.objects.get(code="land")
    for quarter in (1, 2, 3):
        SurveyFactory(
            unit=Unit.objects.get(code="P01"),
            field=land,
            period=f"2021-Q{quarter}",
            responses=100,
            satisfied=88,
        )


def _district(plan, code: str) -> dict[str, dict]:
    return {r["period"]: r for r in fresh_rows(plan, AS_OF, target=code, unit=None)}


def test_a_threshold_changed_mid_year_judges_ended_quarters_by_the_old_one(
    plan_of_january, time_machine
):
    _surveys_at_88_percent()
    time_machine.move_to(dt.datetime(2021, 7, 15, 10, 0))
    target = Target.objects.get(plan=plan_of_january, code="SAT-OVERALL")
    target.threshold = 85
    target.save()
    time_machine.move_to(dt.datetime(2021, 10, 25, 7, 0))

    rows = _district(plan_of_january, "SAT-OVERALL")

    for period in ("2021-Q1", "2021-Q2"):
        assert (rows[period]["threshold"], rows[period]["status"]) == (91.0, "not_met")
    for period in ("2021-Q3", "2021"):
        assert (rows[period]["threshold"], rows[period]["status"]) == (85.0, "met")


def test_the_version_judging_a_period_is_the_one_at_the_end_of_its_last_day(
    plan_of_january, time_machine
):
    """A change at 23:30 on 30/06 (local time) is in force at Q2's end."""
    _surveys_at_88_percent()
    time_machine.move_to(dt.datetime(2021, 6, 30, 23, 30, tzinfo=HCM))
    target = Target.objects.get(plan=plan_of_january, code="SAT-OVERALL")
    target.threshold = 85
    target.save()
    time_machine.move_to(dt.datetime(2021, 10, 25, 7, 0))

    rows = _district(plan_of_january, "SAT-OVERALL")

    assert rows["2021-Q1"]["threshold"] == 91.0
    assert (rows["2021-Q2"]["threshold"], rows["2021-Q2"]["status"]) == (85.0, "met")


def test_a_comparator_and_unit_kinds_come_from_the_version_too(plan_of_january, time_machine):
    time_machine.move_to(dt.datetime(2021, 7, 15, 10, 0))
    target = Target.objects.get(plan=plan_of_january, code="INSP-WARD")
    target.unit_kinds = "agency"
    target.comparator = Target.Comparator.GT
    target.periods = Target.Periods.QUARTERS_AND_YEAR
    target.save()
    time_machine.move_to(dt.datetime(2021, 10, 25, 7, 0))

    rows = _district(plan_of_january, "INSP-WARD")

    wards = Unit.objects.filter(kind=Unit.Kind.WARD).count()
    agencies = Unit.objects.filter(kind=Unit.Kind.AGENCY).count()
    assert rows["2021-Q1"]["denominator"] == wards == 12
    assert rows["2021-Q3"]["denominator"] == rows["2021"]["denominator"] == agencies


def test_a_target_created_after_a_period_is_judged_by_its_first_version(
    plan_of_january, time_machine
):
    _surveys_at_88_percent()
    time_machine.move_to(dt.datetime(2021, 8, 1, 10, 0))
    target = Target.objects.get(plan=plan_of_january, code="SAT-OVERALL")
    target.history.all().delete()
    target.threshold = 80
    target.save()  # its only version now dates from 01/08
    time_machine.move_to(dt.datetime(2021, 9, 1, 10, 0))
    target.threshold = 89
    target.save()
    time_machine.move_to(dt.datetime(2021, 10, 25, 7, 0))

    rows = _district(plan_of_january, "SAT-OVERALL")

    assert rows["2021-Q1"]["threshold"] == rows["2021-Q2"]["threshold"] == 80.0
    assert rows["2021-Q3"]["threshold"] == rows["2021"]["threshold"] == 89.0


def test_a_target_without_history_is_judged_by_its_current_row(plan_of_january, time_machine):
    Target.history.all().delete()
    Target.objects.filter(plan=plan_of_january, code="SAT-OVERALL").update(threshold=70)

    rows = _district(plan_of_january, "SAT-OVERALL")

    assert {r["threshold"] for r in rows.values()} == {70.0}


def test_a_quarter_cut_by_the_as_of_date_is_judged_by_the_current_target(
    plan_of_january, time_machine
):
    time_machine.move_to(dt.datetime(2021, 7, 15, 10, 0))
    target = Target.objects.get(plan=plan_of_january, code="SAT-OVERALL")
    target.threshold = 85
    target.save()

    rows = {
        r["period"]: r
        for r in fresh_rows(plan_of_january, dt.date(2021, 5, 10), target="SAT-OVERALL", unit=None)
    }

    assert rows["2021-Q1"]["threshold"] == 91.0
    assert rows["2021-Q2"]["threshold"] == 85.0  # Q2 had not ended on 10/05


def test_one_query_reads_every_targets_history(plan_of_january, time_machine):
    time_machine.move_to(dt.datetime(2021, 7, 15, 10, 0))
    for target in Target.objects.filter(plan=plan_of_january):
        target.threshold += 1
        target.save()

    with CaptureQueriesContext(connection) as queries:
        compliance_compute(plan=plan_of_january, as_of=AS_OF)

    history = [q for q in queries.captured_queries if "historicaltarget" in q["sql"].lower()]
    assert len(history) == 1


def test_closing_a_ward_today_keeps_2021s_ward_coverage_denominator(plan, time_machine):
    for code in ("P01", "P02", "P10"):
        InspectionFactory(unit=Unit.objects.get(code=code), date=dt.date(2021, 5, 1))
    before = fresh_rows(plan, AS_OF, target="INSP-WARD", period="2021")[0]
    assert (before["numerator"], before["denominator"]) == (3, 12)

    time_machine.move_to(dt.datetime(2022, 2, 1, 9, 0))
    ward = Unit.objects.get(code="P10")
    ward.active_to = dt.date(2022, 1, 31)
    ward.save()

    after = fresh_rows(plan, AS_OF, target="INSP-WARD", period="2021")[0]
    assert (after["numerator"], after["denominator"]) == (3, 12)
    assert after["status"] == before["status"]
