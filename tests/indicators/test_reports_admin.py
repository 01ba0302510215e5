"""The admin shows a quarterly report's workflow but cannot move it: approving, returning and
publishing are the review pages' (they freeze the public figures, notify and recompute)."""

from indicators.models import QuarterlyReport
from tests.indicators.report_helpers import report


def test_the_admin_cannot_approve_a_report_through_its_status_field(
    plan, client, django_user_model
):
    submitted = report(plan, code="P03", status=QuarterlyReport.Status.SUBMITTED)
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(root)
    url = f"/admin/indicators/quarterlyreport/{submitted.pk}/change/"

    body = client.get(url).content.decode()
    assert 'name="status"' not in body and 'name="published"' not in body
    assert "Đã nộp" in body  # still shown

    client.post(
        url,
        {
            "plan": plan.pk,
            "unit": submitted.unit_id,
            "period": submitted.period,
            "status": QuarterlyReport.Status.APPROVED,
            "published": "on",
            "feedback_received": 0,
            "feedback_handled": 0,
        },
    )
    submitted.refresh_from_db()
    assert submitted.status == QuarterlyReport.Status.SUBMITTED and not submitted.published
    assert submitted.published_summary == ""
