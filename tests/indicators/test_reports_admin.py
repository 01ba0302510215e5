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


def test_an_approved_reports_figures_cannot_be_changed_in_the_admin(
    plan, noivu_user, client, django_user_model
):
    from tests.indicators.report_helpers import approved_report

    approved = approved_report(
        plan, noivu_user, **{"civil-status": {"responses": 10, "satisfied": 9}}
    )
    draft = report(plan, code="P03")
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(root)

    locked = client.get(f"/admin/indicators/quarterlyreport/{approved.pk}/change/").content
    locked = locked.decode()
    assert 'name="feedback_received"' not in locked and 'name="publication_url"' not in locked
    assert 'name="figures-0-satisfied"' not in locked and "figures-__prefix__" not in locked
    assert ">9<" in locked  # the figures are still shown
    assert "/delete/" not in locked and 'name="_save"' not in locked
    url = f"/admin/indicators/quarterlyreport/{approved.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert QuarterlyReport.objects.filter(pk=approved.pk).exists()

    open_ = client.get(f"/admin/indicators/quarterlyreport/{draft.pk}/change/").content.decode()
    assert 'name="feedback_received"' in open_ and "figures-__prefix__" in open_
