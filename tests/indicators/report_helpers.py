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


def approved_report(plan, noivu, code="P01", period="2021-Q1", published=True, **figures):
    """A report saved by its unit head with `figures` ({field code: values}), submitted,
    approved by Phòng Nội vụ (which freezes its public figures) and, if asked, published."""
    from indicators.reports.services import (
        report_approve,
        report_get_or_create,
        report_publish,
        report_save_figures,
        report_submit,
    )
    from tests.factories import unit_head

    unit = Unit.objects.get(code=code)
    head = unit_head(unit)
    r = report_get_or_create(plan=plan, unit=unit, period=period)
    report_save_figures(report=r, user=head, figures=figures)
    report_submit(report=r, user=head)
    r = report_approve(report=r, user=noivu)
    if published:
        r = report_publish(report=r, user=noivu, published=True)
    return r
