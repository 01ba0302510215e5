import datetime as dt
from unittest import mock

import pytest

from indicators.compliance import store as compliance
from indicators.compliance.selectors import compliance_rows, results_for
from indicators.compliance.store import compliance_recompute
from indicators.models import ComplianceResult
from tests.factories import DossierFactory, UnitFactory
from units.models import Unit

AS_OF = dt.date(2021, 10, 25)


def _snapshot(plan, as_of=AS_OF):
    return sorted(
        results_for(plan=plan, as_of=as_of).values_list(
            "target__code",
            "unit__code",
            "field__code",
            "period",
            "numerator",
            "denominator",
            "value",
            "threshold",
            "status",
        ),
        key=str,
    )


def test_recompute_twice_leaves_the_same_rows(plan):
    DossierFactory(unit=Unit.objects.get(code="P01"))
    first = compliance_recompute(plan=plan, as_of=AS_OF)
    before = _snapshot(plan)

    second = compliance_recompute(plan=plan, as_of=AS_OF)

    assert first == second == ComplianceResult.objects.filter(plan=plan, as_of=AS_OF).count()
    assert _snapshot(plan) == before


def test_results_of_other_as_of_dates_are_kept(plan):
    compliance_recompute(plan=plan, as_of=dt.date(2021, 6, 30))
    compliance_recompute(plan=plan, as_of=AS_OF)

    assert set(ComplianceResult.objects.values_list("as_of", flat=True)) == {
        dt.date(2021, 6, 30),
        AS_OF,
    }


def test_a_recompute_failing_while_writing_leaves_the_old_results(plan):
    compliance_recompute(plan=plan, as_of=AS_OF)
    before = _snapshot(plan)
    DossierFactory(unit=Unit.objects.get(code="P01"))

    with mock.patch.object(compliance, "_bulk_create", side_effect=RuntimeError("killed")):
        with mock.patch.object(compliance, "_copy", side_effect=RuntimeError("killed")):
            with pytest.raises(RuntimeError):
                compliance_recompute(plan=plan, as_of=AS_OF)

    assert _snapshot(plan) == before


def test_compliance_rows_reads_only_what_is_stored(plan):
    assert not ComplianceResult.objects.exists()
    assert compliance_rows(plan=plan, as_of=AS_OF) == []  # reads never write
    compliance_recompute(plan=plan, as_of=AS_OF)

    rows = compliance_rows(plan=plan, as_of=AS_OF)

    assert len(rows) == ComplianceResult.objects.count() > 0
    assert set(rows[0]) == {
        "target",
        "unit",
        "field",
        "period",
        "numerator",
        "denominator",
        "value",
        "threshold",
        "status",
    }


def test_recompute_runs_a_bounded_number_of_queries_whatever_the_units(
    plan, django_assert_max_num_queries
):
    def reads():
        with mock.patch.object(compliance, "compliance_store", return_value=0):
            compliance.compliance_recompute(plan=plan, as_of=AS_OF)

    # 22: the evidence reads, Biểu 06 (imported forms and approved reports) among them
    with django_assert_max_num_queries(22) as few:
        reads()
    for n in range(30):
        unit = UnitFactory(code=f"W-{n:02d}", kind=Unit.Kind.WARD)
        DossierFactory(unit=unit)
    with django_assert_max_num_queries(len(few.captured_queries)):
        reads()


def test_rows_are_ordered_district_first_then_units_then_periods(plan):
    compliance_recompute(plan=plan, as_of=AS_OF)
    rows = [r for r in compliance_rows(plan=plan, as_of=AS_OF) if r["target"] == "SAT-OVERALL"]

    assert rows[0]["unit"] is None
    assert [r["period"] for r in rows[:5]] == ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2021"]
    assert all(r["unit"] is not None for r in rows[5:])


def test_deleting_a_unit_still_deletes_its_results(plan):
    unit = UnitFactory(code="W-GONE", kind=Unit.Kind.WARD)
    compliance_recompute(plan=plan, as_of=AS_OF)
    pk = unit.pk
    assert ComplianceResult.objects.filter(unit_id=pk).exists()

    unit.delete()

    assert not ComplianceResult.objects.filter(unit_id=pk).exists()
