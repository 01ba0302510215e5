"""Small builders shared by the quarterly-report tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import ProcedureField, QuarterlyReport
from units.models import Unit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="minh-chung.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def report(plan, code="P01", period="2021-Q1", status=QuarterlyReport.Status.DRAFT):
    return QuarterlyReport.objects.create(
        plan=plan, unit=Unit.objects.get(code=code), period=period, status=status
    )


def field(code="civil-status"):
    return ProcedureField.objects.get(code=code)
