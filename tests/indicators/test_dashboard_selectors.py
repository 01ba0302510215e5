import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from common.percent import percent_value
from indicators.dashboards import trends
from indicators.dashboards.base import headline_period
from indicators.dashboards.chairman import chairman_report
from indicators.dashboards.evidence import cell_evidence
from indicators.dashboards.matrix import compliance_matrix
from indicators.dashboards.public import public_figures
from indicators.dashboards.summary import dashboard_summary, target_lines
from indicators.models import ProcedureField, Target
from plans.models import Assignment
from plans.periods import Period
from tests.factories import (
    DossierFactory,
    FeedbackFactory,
    QuarterlyReportFactory,
    compliance_result,
)
from tests.indicators.report_helpers import approved_report
from units.models import Unit

AS_OF = dt.date(2021, 9, 30)


def target(plan, code):
    return Target.objects.get(plan=plan, code=code)


@pytest.fixture
def p01(plan):
    return Unit.objects.get(code="P01")


@pytest.fixture
def p02(plan):
    return Unit.objects.get(code="P02")


def test_percent_rounds_to_two_decimals():
    assert percent_value(24499, 25000) == Decimal("98.00")
    assert percent_value(1, 0) is None


def test_headline_period_is_year_for_yearly_targets_and_last_finished_quarter_otherwise(plan):
    assert headline_period(target(plan, "ONTIME"), AS_OF, 2021) == Period(2021)
    quarterly = target(plan, "SAT-PUBLISH")
    assert headline_period(quarterly, dt.date(2021, 8, 1), 2021) == Period(2021, 2)
    assert headline_period(quarterly, dt.date(2021, 9, 30), 2021) == Period(2021, 3)


def test_target_line_reads_the_district_result(plan):
    sat = target(plan, "SAT-OVERALL")
    compliance_result(plan=plan, as_of=AS_OF, target=sat, numerator=92, denominator=100)
    line = {ln.target.code: ln for ln in target_lines(plan=plan, as_of=AS_OF)}["SAT-OVERALL"]
    assert (line.value, line.status, line.per_unit_share) == (Decimal("92.00"), "met", False)


def test_target_line_of_a_per_unit_target_is_the_share_of_units_met(plan, p01, p02):
    initiative = target(plan, "INITIATIVE")
    compliance_result(plan=plan, as_of=AS_OF, target=initiative, unit=p01, value=2, status="met")
    compliance_result(
        plan=plan, as_of=AS_OF, target=initiative, unit=p02, value=0, status="not_met"
    )
    line = {ln.target.code: ln for ln in target_lines(plan=plan, as_of=AS_OF)}["INITIATIVE"]
    assert (line.n_met, line.denominator, line.value, line.status) == (
        1,
        2,
        Decimal("50.00"),
        "not_met",
    )


def test_results_of_another_as_of_are_not_read(plan):
    sat = target(plan, "SAT-OVERALL")
    compliance_result(plan=plan, as_of=dt.date(2021, 6, 30), target=sat, numerator=1, denominator=2)
    line = target_lines(plan=plan, as_of=AS_OF, targets=[sat])[0]
    assert line.status == "no_data" and line.value is None


def test_summary_counts_tasks_done_on_time_as_of_the_date(plan):
    due = Assignment.objects.for_plan(plan).due_by(AS_OF)
    total = due.count()
    first, second = due.order_by("pk")[:2]
    Assignment.objects.filter(pk=first.pk).update(status="done", completed_on=first.due_on)
    Assignment.objects.filter(pk=second.pk).update(status="done", completed_on=AS_OF)
    summary = dashboard_summary(plan=plan, as_of=AS_OF)
    assert summary["tasks"]["due"] == total
    expected_on_time = 1 + (second.due_on >= AS_OF)
    assert summary["tasks"]["done_on_time"] == expected_on_time
    assert summary["days_left"] == (dt.date(2021, 10, 25) - AS_OF).days


def test_summary_does_not_count_tasks_due_on_the_as_of_day_as_overdue(plan):
    deadline = plan.deadline
    due_today = Assignment.objects.for_plan(plan).filter(due_on=deadline)
    earlier = Assignment.objects.for_plan(plan).filter(due_on__lt=deadline)
    assert due_today.exists() and earlier.exists()
    done = earlier.order_by("pk").first()
    Assignment.objects.filter(pk=done.pk).update(status="done", completed_on=done.due_on)
    tasks = dashboard_summary(plan=plan, as_of=deadline)["tasks"]
    assert tasks["due"] == earlier.count() + due_today.count()
    assert tasks["overdue"] == earlier.count() - 1


def test_summary_counts_quarterly_reports_submitted_and_on_time(plan, p01, p02):
    due = plan.report_due_on(Period(2021, 2))
    QuarterlyReportFactory(
        plan=plan,
        unit=p01,
        period="2021-Q2",
        status="submitted",
        submitted_at=timezone.make_aware(dt.datetime.combine(due, dt.time(9))),
    )
    QuarterlyReportFactory(
        plan=plan,
        unit=p02,
        period="2021-Q2",
        status="approved",
        submitted_at=timezone.make_aware(dt.datetime(2021, 7, 20, 9)),
    )
    reports = dashboard_summary(plan=plan, as_of=dt.date(2021, 8, 1))["reports"]
    assert (reports["period"], reports["submitted"], reports["on_time"]) == (Period(2021, 2), 2, 1)
    assert reports["expected"] == Unit.objects.below_scope().filter(active_to=None).count()


def test_late_units_lists_1022_feedback_late_or_unresolved(plan, p01, p02):
    # The dashboard's late units now come from the one lateness rule (followup.lateness).
    FeedbackFactory(unit=p01, due_on=dt.date(2021, 3, 1), resolved_on=None)
    FeedbackFactory(unit=p02, due_on=dt.date(2021, 3, 1), resolved_on=dt.date(2021, 2, 27))
    FeedbackFactory(unit=p02, due_on=dt.date(2021, 3, 1), channel="national")
    late = {r.unit.code: r for r in dashboard_summary(plan=plan, as_of=AS_OF)["late"]["units"]}
    assert late["P01"].feedback_1022_unresolved == 1
    assert any("Cổng 1022" in reason for reason in late["P01"].reasons)
    assert (
        "P02" not in late
        or not late["P02"].feedback_1022_unresolved + late["P02"].feedback_1022_late
    )


def test_trend_target_goes_by_rule_and_scope(plan):
    assert trends.trend_target(plan=plan, rule="satisfaction").code == "SAT-OVERALL"
    assert trends.trend_target(plan=plan, rule="satisfaction", per_field=True).code == "SAT-FIELD"
    assert trends.trend_target(plan=plan, rule="ontime").code == "ONTIME"
    assert trends.trend_target(plan=plan, rule="ontime", per_field=True).code == "ONTIME"


def test_matrix_pools_unit_field_results_and_flags_any_field_not_met(plan, p01):
    ontime = target(plan, "ONTIME")
    land, civil = (
        ProcedureField.objects.get(code="land"),
        ProcedureField.objects.get(code="civil-status"),
    )
    compliance_result(
        plan=plan, as_of=AS_OF, target=ontime, unit=p01, field=land, numerator=97, denominator=100
    )
    compliance_result(
        plan=plan, as_of=AS_OF, target=ontime, unit=p01, field=civil, numerator=90, denominator=100
    )
    matrix = compliance_matrix(plan=plan, as_of=AS_OF, unit_kind="ward")
    row = next(r for r in matrix["rows"] if r.unit.code == "P01")
    cell = next(c for c in row.cells if c.target.code == "ONTIME")
    assert (cell.status, cell.value) == ("not_met", Decimal("93.50"))


def test_matrix_filters_by_kind_and_period(plan):
    matrix = compliance_matrix(plan=plan, as_of=AS_OF, unit_kind="agency", period="2021-Q2")
    assert {r.unit.kind for r in matrix["rows"]} == {"agency"}
    assert matrix["period"] == Period(2021, 2)
    assert "INITIATIVE" not in [t.code for t in matrix["targets"]]  # yearly only


def test_matrix_bad_period_falls_back_to_the_year(plan):
    assert compliance_matrix(plan=plan, as_of=AS_OF, period="abc")["period"] == Period(2021)


def test_cell_evidence_lists_exactly_the_counted_dossiers(plan, p01):
    land = ProcedureField.objects.get(code="land")
    counted = [
        DossierFactory(unit=p01, field=land, resolved_on=dt.date(2021, 7, 5)),
        DossierFactory(
            unit=p01,
            field=land,
            received_on=dt.date(2021, 6, 1),
            due_on=dt.date(2021, 7, 10),
            resolved_on=None,
        ),
    ]
    DossierFactory(unit=p01, field=land, resolved_on=dt.date(2021, 6, 5))  # previous quarter
    DossierFactory(  # not yet due at the period's end
        unit=p01,
        field=land,
        received_on=dt.date(2021, 9, 20),
        due_on=dt.date(2021, 10, 5),
        resolved_on=None,
    )
    evidence = cell_evidence(
        plan=plan,
        as_of=AS_OF,
        target=target(plan, "ONTIME"),
        unit=p01,
        field=land,
        period=Period(2021, 3),
    )
    assert evidence["kind"] == "dossiers"
    assert {d.code for d in evidence["records"]} == {d.code for d in counted}


def test_trend_series_pools_unit_rows_for_a_district_on_time_rate(plan, p01, p02):
    ontime = target(plan, "ONTIME")
    land = ProcedureField.objects.get(code="land")
    for unit, num in ((p01, 90), (p02, 100)):
        compliance_result(
            plan=plan,
            as_of=AS_OF,
            target=ontime,
            unit=unit,
            field=land,
            period="2021-Q1",
            numerator=num,
            denominator=100,
        )
    series = trends.trend_series(plan=plan, as_of=AS_OF, target=ontime)
    assert [p["period"] for p in series] == ["2021-Q1", "2021-Q2", "2021-Q3"]
    assert series[0]["value"] == Decimal("95.00") and series[1]["value"] is None


def test_public_figures_keep_only_approved_and_published_quarters(plan, noivu_user):
    land = {"responses": 10, "satisfied": 9}
    approved_report(plan, noivu_user, code="P01", land=land)
    approved_report(plan, noivu_user, code="P02", published=False, land=land)
    figures = public_figures(plan=plan)
    assert {r.unit_code for r in figures["units"]} == {"P01"}


def test_chairman_report_names_the_units_behind_a_shortfall(plan, p01, p02):
    initiative = target(plan, "INITIATIVE")
    compliance_result(
        plan=plan, as_of=AS_OF, target=initiative, unit=p01, value=0, status="not_met"
    )
    compliance_result(plan=plan, as_of=AS_OF, target=initiative, unit=p02, value=1, status="met")
    report = chairman_report(plan=plan, as_of=AS_OF)
    rows = [(line, units) for c in report["clauses"] for line, units in c.targets]
    assert any(line.target.code == "INITIATIVE" and units == ["P01"] for line, units in rows)


def test_cell_evidence_accepts_codes(plan, p01):
    evidence = cell_evidence(
        plan=plan, as_of=AS_OF, target="INITIATIVE", unit="P01", field=None, period="2021"
    )
    assert evidence["kind"] == "initiatives"


def test_cell_evidence_of_inspection_coverage_lists_done_cchc_inspections_of_the_kind(plan):
    from tests.factories import InspectionFactory

    tp = Unit.objects.get(code="TP")
    counted = InspectionFactory(unit=tp, kind="cchc_surprise", date=dt.date(2021, 4, 1))
    InspectionFactory(unit=tp, kind="conduct_surprise", date=dt.date(2021, 4, 1))
    InspectionFactory(unit=tp, kind="cchc_periodic", date=dt.date(2021, 11, 1), status="planned")
    InspectionFactory(unit=Unit.objects.get(code="P01"), date=dt.date(2021, 4, 1))  # a ward
    evidence = cell_evidence(
        plan=plan,
        as_of=AS_OF,
        target=target(plan, "INSP-AGENCY"),
        unit=None,
        field=None,
        period=Period(2021),
    )
    assert [i.code for i in evidence["records"]] == [counted.code]


def test_cell_evidence_of_satisfaction_for_the_year_lists_the_quarters_surveys(plan, p01):
    from tests.factories import SurveyFactory

    land = ProcedureField.objects.get(code="land")
    q1 = SurveyFactory(unit=p01, field=land, period="2021-Q1")
    q3 = SurveyFactory(unit=p01, field=land, period="2021-Q3")
    SurveyFactory(unit=p01, field=land, period="2021-Q4")  # not started by the as-of date
    evidence = cell_evidence(
        plan=plan,
        as_of=AS_OF,
        target=target(plan, "SAT-OVERALL"),
        unit=p01,
        field=None,
        period=Period(2021),
    )
    assert {s.pk for s in evidence["records"]} == {q1.pk, q3.pk}


def test_cell_evidence_of_publication_lists_exactly_the_counted_publications(plan, p01, p02):
    from tests.factories import SatisfactionPublicationFactory

    counted = SatisfactionPublicationFactory(
        unit=p01,
        period="2021-Q2",
        published_on=dt.date(2021, 7, 5),  # in Q2's 30-day grace
    )
    SatisfactionPublicationFactory(unit=p02, period="2021-Q2", published_on=dt.date(2021, 8, 1))
    evidence = cell_evidence(
        plan=plan,
        as_of=AS_OF,
        target="SAT-PUBLISH",
        unit=None,
        field=None,
        period="2021-Q2",
    )
    assert evidence["kind"] == "publications"
    assert list(evidence["records"]) == [counted]
