import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.models import (
    Initiative,
    QuarterlyReport,
    ReportFigure,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from indicators.reports.selectors import report_dossier_counts, report_history
from indicators.reports.services import (
    report_add_evidence,
    report_approve,
    report_get_or_create,
    report_publish,
    report_reopen,
    report_return,
    report_save_figures,
    report_submit,
)
from plans.periods import Period
from tests.factories import DossierFactory
from tests.indicators.report_helpers import field, pdf, report
from units.models import Unit

S = QuarterlyReport.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _figures(**values):
    return [{"field": field(), **values}]


def test_get_or_create_makes_one_draft(plan):
    unit = Unit.objects.get(code="P01")
    first = report_get_or_create(plan=plan, unit=unit, period="2021-Q2")
    again = report_get_or_create(plan=plan, unit=unit, period=Period.parse("2021-Q2"))
    assert first.pk == again.pk and first.status == S.DRAFT


def test_get_or_create_rejects_a_year_or_another_years_quarter(plan):
    unit = Unit.objects.get(code="P01")
    for period in ("2021", "2020-Q1"):
        with pytest.raises(ValidationError):
            report_get_or_create(plan=plan, unit=unit, period=period)


def test_save_figures_writes_figure_and_survey(plan, head_p01):
    r = report(plan)
    report_save_figures(
        report=r,
        user=head_p01,
        figures=_figures(
            received_online=4,
            received_direct=6,
            resolved_early=2,
            resolved_on_time=5,
            resolved_late=1,
            pending_overdue=2,
            responses=20,
            satisfied=19,
        ),
        feedback_received=3,
        feedback_handled=2,
    )
    figure = ReportFigure.objects.get(report=r)
    assert (figure.received_online, figure.received_direct, figure.resolved_on_time) == (4, 6, 5)
    assert (figure.resolved_late, figure.pending_overdue) == (1, 2)
    survey = SatisfactionSurvey.objects.get(unit=r.unit, field=field(), period="2021-Q1")
    assert (survey.responses, survey.satisfied) == (20, 19)
    r.refresh_from_db()
    assert (r.feedback_received, r.feedback_handled) == (3, 2)


def test_saving_again_updates_the_survey(plan, head_p01):
    r = report(plan)
    report_save_figures(report=r, user=head_p01, figures=_figures(responses=20, satisfied=19))
    report_save_figures(report=r, user=head_p01, figures=_figures(responses=30, satisfied=20))
    assert SatisfactionSurvey.objects.get(unit=r.unit, period="2021-Q1").responses == 30


@pytest.mark.parametrize(
    "values, key",
    [
        ({"responses": 5, "satisfied": 6}, "satisfied"),
        ({"received_online": -1}, "received_online"),
        ({"pending_overdue": 2_000_000_000}, "pending_overdue"),
    ],
)
def test_inconsistent_figures_are_rejected_and_nothing_saved(plan, head_p01, values, key):
    r = report(plan)
    with pytest.raises(ValidationError) as exc:
        report_save_figures(report=r, user=head_p01, figures=_figures(**values))
    assert key in exc.value.message_dict
    assert not ReportFigure.objects.exists()


def test_handled_feedback_cannot_exceed_received(plan, head_p01):
    with pytest.raises(ValidationError) as exc:
        report_save_figures(
            report=report(plan), user=head_p01, feedback_received=1, feedback_handled=2
        )
    assert "không được lớn hơn" in exc.value.message_dict["feedback_handled"][0]


@time_machine.travel(dt.datetime(2021, 5, 10, 9, 0), tick=False)
def test_publication_link_creates_publication_in_the_quarter(plan, head_p01):
    r = report(plan)
    report_save_figures(
        report=r,
        user=head_p01,
        publication_url="https://p01.quan3.gov.vn/hai-long-q1",
        published_on=dt.date(2021, 3, 30),
    )
    publication = SatisfactionPublication.objects.get(unit=r.unit, period="2021-Q1")
    assert publication.published_on == dt.date(2021, 3, 30)


@time_machine.travel(dt.datetime(2021, 5, 10, 9, 0), tick=False)
@pytest.mark.parametrize("day", [dt.date(2020, 12, 31), dt.date(2021, 5, 1)])
def test_publication_date_outside_the_quarter_and_its_grace_is_rejected(plan, head_p01, day):
    with pytest.raises(ValidationError) as exc:
        report_save_figures(
            report=report(plan),
            user=head_p01,
            publication_url="https://p01.quan3.gov.vn/x",
            published_on=day,
        )
    assert "published_on" in exc.value.message_dict
    assert not SatisfactionPublication.objects.exists()


def test_publication_in_the_month_after_the_quarter_is_accepted(plan, head_p01):
    report_save_figures(
        report=report(plan),
        user=head_p01,
        publication_url="https://p01.quan3.gov.vn/x",
        published_on=dt.date(2021, 4, 30),  # Q1's last day + 30
    )
    assert SatisfactionPublication.objects.get().published_on == dt.date(2021, 4, 30)


def test_dossier_counts_replace_hand_entered_counts(plan, head_p01):
    unit, civil = Unit.objects.get(code="P01"), field()
    DossierFactory(unit=unit, field=civil)  # received 1/2, due 10/2, resolved 9/2: on time
    r = report(plan)
    report_save_figures(
        report=r, user=head_p01, figures=_figures(received_direct=99, responses=4, satisfied=4)
    )
    figure = ReportFigure.objects.get(report=r)
    assert (figure.received_direct, figure.responses) == (0, 4)


def test_dossier_counts_are_one_grouped_query(plan, django_assert_num_queries):
    unit, civil, land = Unit.objects.get(code="P01"), field(), field("land")
    DossierFactory(unit=unit, field=civil)
    DossierFactory(unit=unit, field=civil, resolved_on=dt.date(2021, 2, 20))  # late
    DossierFactory(unit=unit, field=land, resolved_on=None, due_on=dt.date(2021, 3, 1))
    DossierFactory(unit=unit, field=land, received_on=dt.date(2021, 4, 1))  # next quarter
    with django_assert_num_queries(1):
        counts = report_dossier_counts(
            unit=unit, period=Period.parse("2021-Q1"), as_of=dt.date(2021, 12, 31)
        )
    assert counts[civil.pk] == {
        "received_online": 0,
        "received_direct": 2,
        "carried_over": 0,
        "resolved_early": 1,
        "resolved_on_time": 0,
        "resolved_late": 1,
        "pending_in_time": 0,
        "pending_overdue": 0,
    }
    assert counts[land.pk]["pending_overdue"] == 1


def test_head_of_another_unit_cannot_save(plan, head_p02):
    with pytest.raises(PermissionDenied):
        report_save_figures(report=report(plan), user=head_p02, feedback_received=1)


def test_leader_cannot_save(plan, leader_user):
    with pytest.raises(PermissionDenied):
        report_save_figures(report=report(plan), user=leader_user, feedback_received=1)


def test_submit_records_who_and_when(plan, head_p01):
    r = report_submit(report=report(plan), user=head_p01)
    assert r.status == S.SUBMITTED and r.submitted_by == head_p01 and r.submitted_at


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED])
def test_submitted_or_approved_report_cannot_be_edited(plan, head_p01, status):
    with pytest.raises(ValidationError):
        report_save_figures(report=report(plan, status=status), user=head_p01, note="x")


def test_return_needs_a_comment(plan, noivu_user):
    r = report(plan, status=S.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        report_return(report=r, user=noivu_user, comment="  ")
    assert "comment" in exc.value.message_dict
    r.refresh_from_db()
    assert r.status == S.SUBMITTED


def test_returned_report_can_be_edited_and_resubmitted(plan, head_p01, noivu_user):
    r = report(plan, status=S.SUBMITTED)
    report_return(report=r, user=noivu_user, comment="Thiếu số liệu đất đai")
    report_save_figures(report=r, user=head_p01, note="Đã bổ sung")
    assert report_submit(report=r, user=head_p01).status == S.SUBMITTED


def test_unit_head_cannot_approve(plan, head_p01):
    with pytest.raises(PermissionDenied):
        report_approve(report=report(plan, status=S.SUBMITTED), user=head_p01)


def test_draft_cannot_be_approved(plan, noivu_user):
    with pytest.raises(ValidationError):
        report_approve(report=report(plan), user=noivu_user)


def test_approve_records_reviewer(plan, noivu_user):
    r = report_approve(report=report(plan, status=S.SUBMITTED), user=noivu_user)
    assert r.status == S.APPROVED and r.reviewed_by == noivu_user


def test_approved_report_cannot_be_approved_twice(plan, noivu_user):
    r = report(plan, status=S.SUBMITTED)
    report_approve(report=r, user=noivu_user)
    with pytest.raises(ValidationError):
        report_approve(report=r, user=noivu_user)


def test_reopen_needs_reason_and_noivu(plan, noivu_user, head_p01):
    r = report(plan, status=S.APPROVED)
    with pytest.raises(PermissionDenied):
        report_reopen(report=r, user=head_p01, reason="x")
    with pytest.raises(ValidationError):
        report_reopen(report=r, user=noivu_user, reason="")
    r = report_reopen(report=r, user=noivu_user, reason="Sai số liệu quý 1")
    assert r.status == S.RETURNED and r.review_comment == "Sai số liệu quý 1"


def test_reopen_only_approved(plan, noivu_user):
    with pytest.raises(ValidationError):
        report_reopen(report=report(plan, status=S.SUBMITTED), user=noivu_user, reason="x")


def test_publish_only_approved_and_reopen_unpublishes(plan, noivu_user):
    with pytest.raises(ValidationError):
        report_publish(report=report(plan, status=S.SUBMITTED), user=noivu_user, published=True)
    r = report(plan, period="2021-Q2", status=S.APPROVED)
    assert report_publish(report=r, user=noivu_user, published=True).published
    assert not report_reopen(report=r, user=noivu_user, reason="Sửa").published


def test_leader_cannot_publish(plan, leader_user):
    with pytest.raises(PermissionDenied):
        report_publish(report=report(plan, status=S.APPROVED), user=leader_user, published=True)


def test_history_keeps_old_and_new_values_and_who(plan, head_p01):
    r = report(plan)
    report_save_figures(report=r, user=head_p01, figures=_figures(received_direct=5))
    report_save_figures(report=r, user=head_p01, figures=_figures(received_direct=7))
    change = next(c for c in report_history(report=r) if c.old == 5)
    assert change.new == 7
    assert change.who == head_p01
    assert str(change.what).startswith(field().name)


def test_history_shows_the_reopen_reason(plan, noivu_user):
    r = report(plan, status=S.APPROVED)
    report_reopen(report=r, user=noivu_user, reason="Sai số liệu")
    assert any(c.new == "Sai số liệu" for c in report_history(report=r))


def test_history_shows_publication_as_yes_or_no_not_true_false(plan, noivu_user):
    r = report(plan, status=S.APPROVED)
    report_publish(report=r, user=noivu_user, published=True)
    report_publish(report=r, user=noivu_user, published=False)
    values = {(c.old, c.new) for c in report_history(report=r) if c.new in ("Có", "Không")}
    assert values == {("Không", "Có"), ("Có", "Không")}
    assert not any(isinstance(c.new, bool) for c in report_history(report=r))


@time_machine.travel(dt.datetime(2021, 5, 10, 9, 0), tick=False)
def test_add_initiative_with_file(plan, head_p01):
    item = report_add_evidence(
        report=report(plan, period="2021-Q2"),
        user=head_p01,
        kind="initiative",
        title="Một cửa số",
        date=dt.date(2021, 4, 20),
        evidence_file=pdf(),
    )
    assert Initiative.objects.get(pk=item.pk).evidence_file.name.endswith(".pdf")


@time_machine.travel(dt.datetime(2021, 5, 10, 9, 0), tick=False)
@pytest.mark.parametrize("day", [dt.date(2021, 3, 31), dt.date(2021, 5, 11)])
def test_initiative_date_outside_quarter_or_future_is_rejected(plan, head_p01, day):
    with pytest.raises(ValidationError) as exc:
        report_add_evidence(
            report=report(plan, period="2021-Q2"),
            user=head_p01,
            kind="initiative",
            title="X",
            date=day,
            evidence_link="https://example.vn/x",
        )
    assert "date" in exc.value.message_dict
    assert not Initiative.objects.exists()


def test_evidence_needs_file_or_link(plan, head_p01):
    with pytest.raises(ValidationError) as exc:
        report_add_evidence(
            report=report(plan), user=head_p01, kind="outreach", title="X", date=dt.date(2021, 2, 1)
        )
    assert "evidence_link" in exc.value.message_dict


def test_figures_may_be_given_by_field_code(plan, head_p01):
    r = report(plan)
    report_save_figures(
        report=r, user=head_p01, figures={"land": {"received_direct": 4, "resolved_early": 3}}
    )
    assert ReportFigure.objects.get(report=r, field__code="land").resolved_early == 3


def test_unknown_field_code_is_rejected(plan, head_p01):
    with pytest.raises(ValidationError):
        report_save_figures(
            report=report(plan), user=head_p01, figures={"nope": {"received_direct": 1}}
        )


def test_first_save_of_an_unsaved_draft_creates_the_report(plan, head_p01):
    draft = QuarterlyReport(plan=plan, unit=Unit.objects.get(code="P01"), period="2021-Q2")
    saved = report_save_figures(report=draft, user=head_p01, figures=_figures(received_direct=3))
    assert saved.pk and QuarterlyReport.objects.get().pk == saved.pk
    assert ReportFigure.objects.get(report=saved).received_direct == 3


def test_rejected_first_save_leaves_no_empty_report(plan, head_p01):
    draft = QuarterlyReport(plan=plan, unit=Unit.objects.get(code="P01"), period="2021-Q2")
    with pytest.raises(ValidationError):
        report_save_figures(report=draft, user=head_p01, feedback_received=1, feedback_handled=2)
    assert not QuarterlyReport.objects.exists()


def test_other_units_head_cannot_create_a_report_by_saving(plan, head_p01):
    draft = QuarterlyReport(plan=plan, unit=Unit.objects.get(code="P02"), period="2021-Q2")
    with pytest.raises(PermissionDenied):
        report_save_figures(report=draft, user=head_p01, figures=_figures(received_direct=3))
    assert not QuarterlyReport.objects.exists()
