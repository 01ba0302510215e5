from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.evidence.models import Form06Counts
from indicators.targets.models import ProcedureField
from plans.models import Plan
from plans.periods import Period
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

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.CharField(_("quý"), max_length=10)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    feedback_received = models.PositiveIntegerField(_("phản ánh tiếp nhận"), default=0)
    feedback_handled = models.PositiveIntegerField(_("phản ánh đã xử lý"), default=0)
    publication_url = models.URLField(_("đường dẫn công khai kết quả hài lòng"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_at = models.DateTimeField(_("lúc nộp"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("lúc xét duyệt"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xét duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("ý kiến"), blank=True)
    published = models.BooleanField(_("công khai trên trang công khai"), default=False)
    # The public figures frozen at the latest approval, as one line for the report's history.
    published_summary = models.TextField(_("số liệu công khai khi duyệt"), blank=True, default="")

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

    @property
    def days_late(self) -> int:
        """Days after its due date the report was submitted (0 when on time or not submitted);
        the rule is the plan's (`Plan.report_days_late`)."""
        return self.plan.report_days_late(Period.parse(self.period), self.submitted_at)


class ReportFigure(Form06Counts):
    """A quarterly report's figures by procedure field: the eight numbers of Biểu 06 and the
    survey results. Once the report is approved, its Biểu 06 numbers count like an imported form
    where the unit has no dossiers for the field and quarter (docs/counting-rules.md)."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="figures")
    field = models.ForeignKey(
        ProcedureField, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+"
    )
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
        ]
        verbose_name = _("số liệu theo lĩnh vực")
        verbose_name_plural = _("số liệu theo lĩnh vực")

    def __str__(self):
        return f"{self.report} {self.field.code}"


class PublishedFigure(models.Model):
    """A public figure (Plan II.7, V.3.1) frozen when its report was approved: the public page
    reads these, never the live results, so a later import changes it only at a new approval.

    `field` null is the unit's figure over all fields. Written by
    `indicators.reports.services.report_approve` (docs/counting-rules.md, "The public page").
    """

    class Rule(models.TextChoices):
        # the two public rules, named as `Target.Rule` names them
        SATISFACTION = "satisfaction", _("Tỷ lệ hài lòng")
        ONTIME = "ontime", _("Tỷ lệ hồ sơ đúng hạn")

    report = models.ForeignKey(
        QuarterlyReport, on_delete=models.CASCADE, related_name="published_figures"
    )
    rule = models.CharField(_("chỉ tiêu"), max_length=20, choices=Rule.choices)
    field = models.ForeignKey(
        ProcedureField,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    numerator = models.PositiveIntegerField(_("tử số"), default=0)
    denominator = models.PositiveIntegerField(_("mẫu số"), default=0)
    value = models.DecimalField(_("giá trị"), max_digits=7, decimal_places=2, null=True)
    threshold = models.DecimalField(_("ngưỡng"), max_digits=7, decimal_places=2, null=True)
    status = models.CharField(_("kết quả"), max_length=20, blank=True)
    approved_at = models.DateTimeField(_("duyệt lúc"))

    class Meta:
        ordering = ["report", "rule", "field__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "rule", "field"],
                condition=models.Q(field__isnull=False),
                name="published_figure_unique_field",
            ),
            models.UniqueConstraint(
                fields=["report", "rule"],
                condition=models.Q(field__isnull=True),
                name="published_figure_unique_all_fields",
            ),
        ]
        verbose_name = _("số liệu công khai")
        verbose_name_plural = _("số liệu công khai")

    def __str__(self):
        return f"{self.report} {self.rule} {self.field.code if self.field else '*'}"
