from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.targets.models import ProcedureField
from plans.models import Plan
from plans.statuses import STATUSES
from units.models import Unit


class QuarterlyReport(models.Model):
    """A unit head's quarterly CCHC report: draft → submitted → returned | approved."""

    class Status(models.TextChoices):
        # labels from the one home of status labels and badge colours
        DRAFT = "draft", STATUSES["draft"].label
        SUBMITTED = "submitted", STATUSES["submitted"].label
        RETURNED = "returned", STATUSES["returned"].label
        APPROVED = "approved", STATUSES["approved"].label

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    period = models.CharField(_("quý"), max_length=10)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    feedback_received = models.PositiveIntegerField(_("phản ánh tiếp nhận"), default=0)
    feedback_handled = models.PositiveIntegerField(_("phản ánh đã xử lý"), default=0)
    publication_url = models.URLField(_("đường dẫn công khai kết quả hài lòng"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("ý kiến"), blank=True)
    published = models.BooleanField(_("công khai trên trang công khai"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "period", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "period"], name="report_unique_key")
        ]
        verbose_name = _("báo cáo quý")
        verbose_name_plural = _("báo cáo quý")

    def __str__(self):
        return f"{self.unit.code} {self.period}"

    @property
    def locked(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)


class ReportFigure(models.Model):
    """Figures by procedure field in a quarterly report, entered by hand where no dossiers exist."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="figures")
    field = models.ForeignKey(ProcedureField, on_delete=models.PROTECT, related_name="+")
    received = models.PositiveIntegerField(_("hồ sơ tiếp nhận"), default=0)
    resolved = models.PositiveIntegerField(_("hồ sơ đã giải quyết"), default=0)
    resolved_on_time = models.PositiveIntegerField(_("giải quyết đúng hạn"), default=0)
    overdue_unresolved = models.PositiveIntegerField(_("chưa giải quyết, quá hạn"), default=0)
    responses = models.PositiveIntegerField(_("số phiếu khảo sát"), default=0)
    satisfied = models.PositiveIntegerField(_("số phiếu hài lòng"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "field__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "field"], name="figure_unique_field"),
            models.CheckConstraint(
                condition=models.Q(satisfied__lte=models.F("responses")),
                name="figure_satisfied_le_responses",
            ),
            models.CheckConstraint(
                condition=models.Q(resolved_on_time__lte=models.F("resolved")),
                name="figure_ontime_le_resolved",
            ),
        ]
        verbose_name = _("số liệu theo lĩnh vực")
        verbose_name_plural = _("số liệu theo lĩnh vực")

    def __str__(self):
        return f"{self.report} {self.field.code}"
