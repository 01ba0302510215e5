"""One evidence file check (extension AND content) for reports, minutes and corrective actions."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.forms import ActionCloseForm, validate_pdf
from inspections.models import CorrectiveAction
from tests.inspections.factories import ActionFactory
from units.models import Unit

PDF = b"%PDF-1.4\n%test\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode"


def _close_form(upload):
    return ActionCloseForm(data={"closed_on": "2021-06-01"}, files={"evidence_file": upload})


def test_action_evidence_named_pdf_but_an_exe_is_refused():
    form = _close_form(SimpleUploadedFile("x.pdf", EXE))
    assert not form.is_valid()
    assert form.errors["evidence_file"] == ["Nội dung tệp không đúng định dạng PDF."]


def test_action_evidence_with_a_real_pdf_header_is_accepted():
    form = _close_form(SimpleUploadedFile("x.pdf", PDF))
    assert form.is_valid(), form.errors


def test_action_evidence_of_another_type_is_refused():
    form = _close_form(SimpleUploadedFile("x.exe", EXE))
    assert not form.is_valid()
    assert "Định dạng tệp không được chấp nhận" in form.errors["evidence_file"][0]


def test_minutes_named_pdf_but_an_exe_are_refused():
    with pytest.raises(ValidationError, match="không phải là PDF"):
        validate_pdf(SimpleUploadedFile("x.pdf", EXE))
    validate_pdf(SimpleUploadedFile("x.pdf", PDF))


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_closing_an_action_with_an_exe_named_pdf_keeps_it_open(
    client, plan, head_p01, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    action = ActionFactory(finding__inspection__unit=Unit.objects.get(code="P01"))
    client.force_login(head_p01)
    url = reverse("inspections:action_close", args=[action.pk])
    upload = SimpleUploadedFile("bc.pdf", EXE)
    body = client.post(url, {"closed_on": "2021-06-01", "evidence_file": upload}).content.decode()
    assert "Nội dung tệp không đúng định dạng PDF." in body
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.OPEN
    assert not action.evidence_file
