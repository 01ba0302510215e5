"""`reports_approve_many`: each report approved by `report_approve`, or skipped with the reason."""

import pytest
from django.core.exceptions import PermissionDenied

from indicators.models import PublishedFigure, QuarterlyReport
from indicators.reports import services
from indicators.reports.services import reports_approve_many
from tests.indicators.report_helpers import report

S = QuarterlyReport.Status
pytestmark = pytest.mark.django_db


def test_each_submitted_report_is_approved_and_the_others_skipped_with_the_reason(plan, noivu_user):
    reports = [
        report(plan, code="P01", status=S.SUBMITTED),
        report(plan, code="P02", status=S.DRAFT),
        report(plan, code="P03", status=S.SUBMITTED),
    ]
    result = reports_approve_many(reports=reports, user=noivu_user)
    assert [r.unit.code for r in result.approved] == ["P01", "P03"]
    assert [(r.unit.code, "Nháp" in why) for r, why in result.skipped] == [("P02", True)]
    assert set(
        QuarterlyReport.objects.filter(status=S.APPROVED).values_list("unit__code", flat=True)
    ) == {"P01", "P03"}
    assert all(r.reviewed_by == noivu_user for r in result.approved)


def test_a_failing_approval_is_rolled_back_whole_and_the_others_go_through(
    plan, noivu_user, monkeypatch
):
    from django.db import OperationalError

    first, second = (
        report(plan, code="P01", status=S.SUBMITTED),
        report(plan, code="P02", status=S.SUBMITTED),
    )
    freeze = services.report_freeze_public_figures

    def fail_for_p01(*, report, approved_at):
        summary = freeze(report=report, approved_at=approved_at)  # figures written, then…
        if report.unit.code == "P01":
            raise OperationalError("database is locked")
        return summary

    monkeypatch.setattr(services, "report_freeze_public_figures", fail_for_p01)
    result = reports_approve_many(reports=[first, second], user=noivu_user)
    assert [r.unit.code for r in result.approved] == ["P02"]
    assert [r.unit.code for r, _why in result.skipped] == ["P01"]
    first.refresh_from_db()
    assert first.status == S.SUBMITTED and first.reviewed_by is None
    assert not PublishedFigure.objects.filter(report=first).exists()


def test_only_noivu_approves_in_bulk(plan, leader_user):
    r = report(plan, status=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        reports_approve_many(reports=[r], user=leader_user)
    r.refresh_from_db()
    assert r.status == S.SUBMITTED
