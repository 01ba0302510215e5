import datetime as dt
from decimal import Decimal

from indicators.compliance.store import compliance_recompute
from indicators.followup.inspection_coverage import (
    inspection_coverage,
    inspection_projection,
    units_not_covered,
    units_to_suggest,
)
from indicators.models import Target
from inspections.models import Inspection
from inspections.selectors import inspection_calendar, inspections_visible_to
from tests.factories import UnitFactory
from units.models import Unit

from .factories import InspectionFactory

AS_OF = dt.date(2021, 9, 30)
PERIODIC = Inspection.Kind.CCHC_PERIODIC
SURPRISE = Inspection.Kind.CCHC_SURPRISE
CONDUCT = Inspection.Kind.CONDUCT_SURPRISE


def computed_coverage(*, plan, as_of):
    """The coverage page reads stored results only: compute them first, as the job does."""
    compliance_recompute(plan=plan, as_of=as_of)
    return inspection_coverage(plan=plan, as_of=as_of)


def wards(n):
    return list(Unit.objects.wards().order_by("code")[:n])


def group(coverage, target):
    return next(g for g in coverage.groups if g.target == target)


def test_ward_coverage_counts_distinct_done_cchc_units(plan):
    first, second = wards(2)
    InspectionFactory(unit=first, kind=PERIODIC)
    InspectionFactory(unit=first, kind=SURPRISE)  # same unit counts once
    InspectionFactory(unit=second, kind=SURPRISE, date=dt.date(2021, 2, 1))
    ward = group(computed_coverage(plan=plan, as_of=AS_OF), "INSP-WARD")
    assert (ward.numerator, ward.denominator) == (2, 12)
    assert ward.value == Decimal("16.67")
    assert ward.status == "not_met"


def test_planned_conduct_and_other_year_inspections_do_not_cover(plan):
    unit = wards(1)[0]
    InspectionFactory(unit=unit, status=Inspection.Status.PLANNED)
    InspectionFactory(unit=unit, kind=CONDUCT)
    InspectionFactory(unit=unit, date=dt.date(2020, 12, 31))
    assert group(computed_coverage(plan=plan, as_of=AS_OF), "INSP-WARD").numerator == 0


def test_inspection_after_as_of_is_not_counted_but_on_as_of_is(plan):
    first, second = wards(2)
    InspectionFactory(unit=first, date=AS_OF)
    InspectionFactory(unit=second, date=AS_OF + dt.timedelta(days=1))
    assert group(computed_coverage(plan=plan, as_of=AS_OF), "INSP-WARD").numerator == 1


def test_a_ward_closed_before_the_year_end_is_neither_covered_nor_counted(plan):
    unit = wards(1)[0]
    InspectionFactory(unit=unit, date=dt.date(2021, 3, 1))
    Unit.objects.filter(pk=unit.pk).update(active_to=dt.date(2021, 6, 30))
    ward = group(computed_coverage(plan=plan, as_of=AS_OF), "INSP-WARD")
    assert (ward.numerator, ward.denominator) == (0, 11)


def test_status_compares_the_exact_ratio(plan):
    for unit in wards(4):  # 4/12 = 33.33 %
        InspectionFactory(unit=unit)
    assert group(computed_coverage(plan=plan, as_of=AS_OF), "INSP-WARD").status == "met"


def test_exact_threshold_is_met(plan):
    for code in ("PS1", "PS2", "PS3"):
        UnitFactory(code=code, kind=Unit.Kind.PUBLIC_SERVICE)
    for code in range(7):
        UnitFactory(code=f"PS-X{code}", kind=Unit.Kind.PUBLIC_SERVICE)
    for code in ("PS1", "PS2", "PS3"):
        InspectionFactory(unit=Unit.objects.get(code=code))
    psu = group(computed_coverage(plan=plan, as_of=AS_OF), "INSP-PSU")
    assert (psu.numerator, psu.denominator, psu.value, psu.status) == (
        3,
        10,
        Decimal("30.00"),
        "met",
    )


def test_group_without_units_is_no_data(plan):
    psu = group(computed_coverage(plan=plan, as_of=AS_OF), "INSP-PSU")
    assert (psu.denominator, psu.value, psu.status) == (0, None, "no_data")


def test_threshold_comes_from_the_target(plan):
    Target.objects.filter(plan=plan, code="INSP-AGENCY").update(threshold=10)
    agency = Unit.objects.get(code="VP")
    InspectionFactory(unit=agency)  # 1/12 = 8.33 %
    InspectionFactory(unit=Unit.objects.get(code="TP"))  # 2/12 = 16.67 %
    result = group(computed_coverage(plan=plan, as_of=AS_OF), "INSP-AGENCY")
    assert (result.threshold, result.status) == (Decimal("10"), "met")


def test_conduct_counts_distinct_units_per_started_quarter(plan):
    units = wards(6)
    for unit in units[:5]:
        InspectionFactory(unit=unit, kind=CONDUCT, date=dt.date(2021, 8, 3))
    InspectionFactory(unit=units[0], kind=CONDUCT, date=dt.date(2021, 9, 3))  # same unit
    InspectionFactory(unit=units[5], kind=CONDUCT, date=dt.date(2021, 2, 3))
    InspectionFactory(unit=units[5], kind=CONDUCT, date=dt.date(2021, 10, 3))  # after as-of
    quarters = computed_coverage(plan=plan, as_of=AS_OF).quarters
    assert [(q.period.code, q.count, q.status) for q in quarters] == [
        ("2021-Q1", 1, "not_met"),
        ("2021-Q2", 0, "not_met"),
        ("2021-Q3", 5, "met"),
    ]


def test_conduct_quarter_is_cut_at_as_of(plan):
    unit = wards(1)[0]
    InspectionFactory(unit=unit, kind=CONDUCT, date=dt.date(2021, 8, 3))
    quarters = computed_coverage(plan=plan, as_of=dt.date(2021, 8, 2)).quarters
    assert quarters[-1].period.code == "2021-Q3" and quarters[-1].count == 0


def test_coverage_runs_a_bounded_number_of_queries(plan, django_assert_max_num_queries):
    for unit in wards(5):
        InspectionFactory(unit=unit)
        InspectionFactory(unit=unit, kind=CONDUCT)
    computed_coverage(plan=plan, as_of=AS_OF)  # computes and stores the results once
    with django_assert_max_num_queries(3):
        inspection_coverage(plan=plan, as_of=AS_OF)


def test_projection_counts_planned_and_done_for_the_whole_year(plan):
    first, second, third = wards(3)
    InspectionFactory(unit=first)
    InspectionFactory(unit=second, status=Inspection.Status.PLANNED, date=dt.date(2021, 11, 1))
    InspectionFactory(unit=third, status=Inspection.Status.PLANNED, kind=CONDUCT)
    projection = inspection_projection(plan=plan)
    assert group(projection, "INSP-WARD").numerator == 2
    assert [q.count for q in projection.quarters] == [0, 1, 0, 0]


def test_suggestions_skip_units_done_or_planned(plan):
    first, second = wards(2)
    InspectionFactory(unit=first)
    InspectionFactory(unit=second, status=Inspection.Status.PLANNED)
    suggested = units_to_suggest(plan=plan)["ward"]
    assert first not in suggested and second not in suggested
    assert len(suggested) == 10


def test_not_covered_lists_units_without_done_inspection_by_as_of(plan):
    first, second = wards(2)
    InspectionFactory(unit=first)
    InspectionFactory(unit=second, status=Inspection.Status.PLANNED)
    missing = units_not_covered(plan=plan, as_of=AS_OF)["ward"]
    assert first not in missing and second in missing


def test_calendar_counts_planned_and_done_per_month(plan):
    unit = wards(1)[0]
    InspectionFactory(unit=unit, date=dt.date(2021, 5, 3))
    InspectionFactory(unit=unit, date=dt.date(2021, 5, 9), status=Inspection.Status.PLANNED)
    may = inspection_calendar(plan=plan)[1][1]
    assert (may.month, may.done, may.planned) == (5, 1, 1)


def test_unit_head_sees_only_own_done_inspections(plan, head_p01):
    p01, p02 = Unit.objects.get(code="P01"), Unit.objects.get(code="P02")
    own = InspectionFactory(unit=p01)
    InspectionFactory(unit=p01, status=Inspection.Status.PLANNED, kind=CONDUCT)
    InspectionFactory(unit=p02)
    assert list(inspections_visible_to(user=head_p01)) == [own]
