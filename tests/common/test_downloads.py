"""Every protected download says nosniff and no-store: evidence, minutes, action evidence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import InitiativeFactory
from tests.inspections.factories import ActionFactory, InspectionFactory
from units.models import Unit

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def p01(plan):
    return Unit.objects.get(code="P01")


def _assert_protected(response, filename):
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment")
    assert filename in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_report_evidence_download(client, head_p01, p01):
    item = InitiativeFactory(unit=p01, evidence_file=SimpleUploadedFile("sk.pdf", PDF))
    client.force_login(head_p01)
    response = client.get(reverse("evidence_file", args=["initiative", item.pk]))
    _assert_protected(response, "sk.pdf")


def test_inspection_minutes_download(client, noivu_user, p01):
    inspection = InspectionFactory(unit=p01, minutes=SimpleUploadedFile("bb.pdf", PDF))
    client.force_login(noivu_user)
    response = client.get(reverse("inspections:minutes", args=[inspection.pk]))
    _assert_protected(response, f"bien-ban-{inspection.code}.pdf")
    assert response["Content-Type"] == "application/pdf"


def test_action_evidence_download(client, head_p01, p01):
    action = ActionFactory(
        finding__inspection__unit=p01, evidence_file=SimpleUploadedFile("bc.pdf", PDF)
    )
    client.force_login(head_p01)
    response = client.get(reverse("inspections:action_evidence", args=[action.pk]))
    _assert_protected(response, "bc.pdf")


def test_a_file_without_content_is_404(client, head_p01, p01):
    item = InitiativeFactory(unit=p01)
    client.force_login(head_p01)
    assert client.get(reverse("evidence_file", args=["initiative", item.pk])).status_code == 404
