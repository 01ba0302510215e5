"""One small hand-computed fixture per rule family (the on-time rate has its own file)."""

import datetime as dt

from indicators.models import ProcedureField
from plans.models import Assignment
from tests.factories import (
    BaselineFactory,
    DossierFactory,
    EPaymentAdoptionFactory,
    FeedbackFactory,
    InitiativeFactory,
    InspectionFactory,
    OutreachProductFactory,
    SatisfactionPublicationFactory,
    SatisfactionSurveyFactory,
    UnitFactory,
)
from units.models import Unit

from .compliance_utils import fresh_rows, one, ratio

D = dt.date


def u(code):
    return Unit.objects.get(code=code)


def f(code):
    return ProcedureField.objects.get(code=code)


# --- satisfaction -----------------------------------------------------------------------------


def test_satisfaction_per_field_and_overall_sum_the_surveys(plan):
    SatisfactionSurveyFactory(
        unit=u("P01"), field=f("land"), period="2021-Q1", responses=100, satisfied=91
    )
    SatisfactionSurveyFactory(
        unit=u("P01"), field=f("civil-status"), period="2021-Q1", responses=50, satisfied=40
    )
    SatisfactionSurveyFactory(
        unit=u("P01"), field=f("land"), period="2021-Q2", responses=10, satisfied=10
    )

    assert ratio(one(plan, "SAT-FIELD", unit="P01", field="land", period="2021-Q1")) == (
        91,
        100,
        91.0,
        "met",
    )
    assert ratio(one(plan, "SAT-FIELD", unit="P01", field="civil-status", period="2021-Q1")) == (
        40,
        50,
        80.0,
        "not_met",
    )
    assert ratio(one(plan, "SAT-OVERALL", unit="P01", period="2021-Q1")) == (
        131,
        150,
        87.33,
        "not_met",
    )
    assert ratio(one(plan, "SAT-OVERALL", unit="P01", period="2021")) == (
        141,
        160,
        88.13,
        "not_met",
    )


def test_district_satisfaction_adds_counts_not_percentages(plan):
    SatisfactionSurveyFactory(
        unit=u("P01"), field=f("land"), period="2021-Q1", responses=20, satisfied=10
    )
    SatisfactionSurveyFactory(
        unit=u("P02"), field=f("land"), period="2021-Q1", responses=100, satisfied=90
    )

    row = one(plan, "SAT-OVERALL", unit=None, period="2021-Q1")

    assert ratio(row) == (100, 120, 83.33, "not_met")


def test_a_survey_of_a_quarter_after_as_of_is_ignored_by_the_year(plan):
    SatisfactionSurveyFactory(
        unit=u("P01"), field=f("land"), period="2021-Q1", responses=10, satisfied=10
    )
    SatisfactionSurveyFactory(
        unit=u("P01"), field=f("land"), period="2021-Q3", responses=10, satisfied=0
    )

    row = one(plan, "SAT-OVERALL", unit="P01", period="2021", as_of=D(2021, 5, 1))

    assert ratio(row) == (10, 10, 100.0, "met")


# --- publication ------------------------------------------------------------------------------


def test_publication_is_100_when_published_for_the_quarter_by_its_deadline_else_0(plan):
    # Was "within the quarter": 03/07 for Q2 read 0. Under the publication rule (DESIGN) a
    # quarter's result is published after it, so 03/07 is within Q2's 30-day grace and counts.
    SatisfactionPublicationFactory(unit=u("P01"), period="2021-Q1", published_on=D(2021, 3, 28))
    SatisfactionPublicationFactory(unit=u("P01"), period="2021-Q2", published_on=D(2021, 7, 3))

    q1 = one(plan, "SAT-PUBLISH", unit="P01", period="2021-Q1")
    q2 = one(plan, "SAT-PUBLISH", unit="P01", period="2021-Q2")
    other = one(plan, "SAT-PUBLISH", unit="P02", period="2021-Q1")

    assert ratio(q1) == (1, 1, 100.0, "met")
    assert ratio(q2) == (1, 1, 100.0, "met")
    assert ratio(other) == (0, 1, 0.0, "not_met")
    assert not fresh_rows(plan, target="SAT-PUBLISH", period="2021")


# --- feedback ---------------------------------------------------------------------------------


def test_feedback_counts_only_items_handled_on_time_and_published(plan):
    FeedbackFactory(unit=u("P01"), resolved_on=D(2021, 2, 9), published_on=D(2021, 2, 20))
    FeedbackFactory(unit=u("P01"), resolved_on=D(2021, 2, 9), published_on=None)
    FeedbackFactory(unit=u("P01"), resolved_on=D(2021, 2, 9), published_on=D(2021, 4, 2))
    FeedbackFactory(unit=u("P01"), resolved_on=D(2021, 2, 12), published_on=D(2021, 2, 12))
    FeedbackFactory(unit=u("P01"), due_on=D(2021, 3, 1), resolved_on=None, published_on=None)

    q1 = one(plan, "FEEDBACK", unit="P01", period="2021-Q1")
    year = one(plan, "FEEDBACK", unit="P01", period="2021")

    assert ratio(q1) == (1, 5, 20.0, "not_met")
    assert ratio(year) == (2, 5, 40.0, "not_met")
    assert one(plan, "FEEDBACK", unit="P02", period="2021")["status"] == "no_data"


def test_feedback_all_handled_is_met(plan):
    FeedbackFactory(unit=u("P02"), resolved_on=D(2021, 2, 9), published_on=D(2021, 2, 10))

    assert ratio(one(plan, "FEEDBACK", unit="P02", period="2021-Q1")) == (1, 1, 100.0, "met")


# --- inspections ------------------------------------------------------------------------------


def test_inspection_coverage_is_the_share_of_active_units_of_the_kind(plan):
    wards = list(Unit.objects.wards().order_by("code"))
    for ward in wards[:3]:
        InspectionFactory(unit=ward, kind="cchc_periodic")
    InspectionFactory(unit=wards[0], kind="cchc_surprise")  # the same ward twice
    InspectionFactory(unit=wards[3], kind="conduct_surprise")  # not a CCHC inspection
    InspectionFactory(unit=wards[4], kind="cchc_periodic", status="planned")  # not done
    InspectionFactory(unit=wards[5], kind="cchc_periodic", date=D(2021, 11, 2))  # after as-of
    for agency in Unit.objects.agencies().order_by("code")[:4]:
        InspectionFactory(unit=agency, kind="cchc_surprise")

    ward_row = one(plan, "INSP-WARD", unit=None)
    agency_row = one(plan, "INSP-AGENCY", unit=None)

    assert ratio(ward_row) == (3, 12, 25.0, "not_met")
    assert ratio(agency_row) == (4, 12, 33.33, "met")
    assert one(plan, "INSP-PSU", unit=None)["status"] == "no_data"


def test_inspection_coverage_exactly_30_percent_is_met(plan):
    for n in range(10):
        unit = UnitFactory(code=f"DV-{n}", kind=Unit.Kind.PUBLIC_SERVICE)
        if n < 3:
            InspectionFactory(unit=unit)

    assert ratio(one(plan, "INSP-PSU", unit=None)) == (3, 10, 30.0, "met")


def test_conduct_inspections_count_distinct_units_per_quarter(plan):
    units = list(Unit.objects.below_scope().order_by("code"))
    for unit in units[:5]:
        InspectionFactory(unit=unit, kind="conduct_surprise", date=D(2021, 2, 1))
    InspectionFactory(unit=units[0], kind="conduct_surprise", date=D(2021, 3, 1))
    for unit in units[:4]:
        InspectionFactory(unit=unit, kind="conduct_surprise", date=D(2021, 5, 1))

    q1 = one(plan, "INSP-CONDUCT-Q", period="2021-Q1")
    q2 = one(plan, "INSP-CONDUCT-Q", period="2021-Q2")

    assert (q1["value"], q1["numerator"], q1["status"]) == (5, 5, "met")
    assert (q2["value"], q2["status"]) == (4, "not_met")
    assert not fresh_rows(plan, target="INSP-CONDUCT-Q", period="2021")


# --- counts -----------------------------------------------------------------------------------


def test_initiatives_and_outreach_count_items_dated_in_the_year(plan):
    InitiativeFactory(unit=u("P01"), date=D(2021, 4, 1))
    InitiativeFactory(unit=u("P01"), date=D(2021, 9, 1))
    InitiativeFactory(unit=u("P02"), date=D(2020, 12, 31))
    OutreachProductFactory(unit=u("P02"), date=D(2021, 10, 26))  # after as-of

    assert ratio(one(plan, "INITIATIVE", unit="P01")) == (2, 1, 2, "met")
    assert ratio(one(plan, "INITIATIVE", unit="P02")) == (0, 1, 0, "not_met")
    assert ratio(one(plan, "OUTREACH", unit="P02")) == (0, 1, 0, "not_met")


# --- online growth ----------------------------------------------------------------------------


def _dossiers(unit, year, received, online):
    for n in range(received):
        DossierFactory(
            unit=u(unit),
            field=f("civil-status"),
            received_on=D(year, 3, 1),
            due_on=D(year, 3, 10),
            resolved_on=D(year, 3, 5),
            online=n < online,
        )


def test_online_growth_against_baseline_year_dossiers(plan):
    _dossiers("P01", 2020, 10, 2)  # 20 %
    _dossiers("P01", 2021, 8, 2)  # 25 %

    row = one(plan, "ONLINE-GROWTH", unit="P01")

    assert ratio(row) == (2, 8, 5.0, "met")


def test_online_growth_against_an_admin_baseline_and_in_negative_points(plan):
    BaselineFactory(unit=u("P02"), year=2020, received=3, online=1)  # 33.33… %
    _dossiers("P02", 2021, 10, 3)  # 30 %

    row = one(plan, "ONLINE-GROWTH", unit="P02")

    assert ratio(row) == (3, 10, -3.33, "not_met")


def test_online_growth_exactly_three_points_is_met_and_no_baseline_is_no_data(plan):
    _dossiers("P03", 2020, 100, 20)
    _dossiers("P03", 2021, 100, 23)
    _dossiers("P04", 2021, 10, 5)

    assert ratio(one(plan, "ONLINE-GROWTH", unit="P03")) == (23, 100, 3.0, "met")
    assert one(plan, "ONLINE-GROWTH", unit="P04")["status"] == "no_data"
    district = one(plan, "ONLINE-GROWTH", unit=None)
    # this year (23 + 5) / 110; baseline 20 / 100 over every unit
    assert (district["numerator"], district["denominator"], district["value"]) == (28, 110, 5.45)


# --- e-payment --------------------------------------------------------------------------------


def _schools(n, adopted):
    for i in range(n):
        school = UnitFactory(code=f"TH-{i:02d}", kind=Unit.Kind.PUBLIC_SERVICE, sector="education")
        if i < adopted:
            EPaymentAdoptionFactory(unit=school, adopted_on=D(2021, 3, 1))


def test_epayment_exactly_95_percent_is_not_met(plan):
    _schools(20, 19)
    UnitFactory(code="TTVH", kind=Unit.Kind.PUBLIC_SERVICE, sector="")  # not education

    assert ratio(one(plan, "EPAY-EDU", unit=None)) == (19, 20, 95.0, "not_met")


def test_epayment_above_95_percent_is_met(plan):
    _schools(21, 20)

    assert ratio(one(plan, "EPAY-EDU", unit=None)) == (20, 21, 95.24, "met")


def test_epayment_adopted_after_the_period_end_does_not_count(plan):
    _schools(2, 1)
    EPaymentAdoptionFactory(unit=u("TH-01"), adopted_on=D(2021, 9, 1))

    assert ratio(one(plan, "EPAY-EDU", unit=None, as_of=D(2021, 8, 1))) == (1, 2, 50.0, "not_met")


# --- tasks ------------------------------------------------------------------------------------


def test_tasks_done_counts_assignments_completed_by_their_due_date(plan):
    due = Assignment.objects.filter(unit__code="P01", due_on__lte=D(2021, 10, 25))
    total = due.count()
    first, second, *_ = due.order_by("pk")
    Assignment.objects.filter(pk=first.pk).update(status="done", completed_on=first.due_on)
    Assignment.objects.filter(pk=second.pk).update(
        status="done", completed_on=second.due_on + dt.timedelta(days=1)
    )

    row = one(plan, "TASKS-DONE", unit="P01")

    assert (row["numerator"], row["denominator"], row["status"]) == (1, total, "not_met")
    district = one(plan, "TASKS-DONE", unit=None)
    all_due = Assignment.objects.filter(
        unit__in=Unit.objects.below_scope().filter(active_to=None), due_on__lte=D(2021, 10, 25)
    ).count()
    assert (district["numerator"], district["denominator"]) == (1, all_due)


def test_tasks_not_yet_due_at_as_of_are_not_counted(plan):
    row = one(plan, "TASKS-DONE", unit="P02", as_of=D(2021, 2, 1))

    assert ratio(row) == (0, 0, None, "no_data")
