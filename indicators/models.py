from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models import Clause, Plan
from units.models import Unit


class ProcedureField(models.Model):
    """A field of administrative procedures (lĩnh vực TTHC)."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    ontime_threshold = models.DecimalField(
        _("ngưỡng đúng hạn riêng (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("lĩnh vực TTHC")
        verbose_name_plural = _("lĩnh vực TTHC")

    def __str__(self):
        return self.name


class Target(models.Model):
    """A measurable target of the plan, computed by one rule family of `compliance.py`."""

    class Rule(models.TextChoices):
        INSPECTION_COVERAGE = "inspection_coverage", _("Tỷ lệ đơn vị được kiểm tra CCHC")
        CONDUCT_INSPECTIONS = "conduct_inspections", _("Số đơn vị được kiểm tra đột xuất công vụ")
        SATISFACTION = "satisfaction", _("Tỷ lệ hài lòng")
        PUBLICATION = "publication", _("Công khai kết quả hài lòng")
        ONTIME = "ontime", _("Tỷ lệ hồ sơ đúng hạn")
        FEEDBACK = "feedback", _("Phản ánh, kiến nghị xử lý kịp thời và công khai")
        INITIATIVES = "initiatives", _("Số sáng kiến")
        OUTREACH = "outreach", _("Số sản phẩm tuyên truyền")
        ONLINE_GROWTH = "online_growth", _("Tăng tỷ lệ hồ sơ trực tuyến")
        EPAYMENT_SHARE = "epayment_share", _("Tỷ lệ đơn vị giáo dục thanh toán điện tử")
        TASK_COMPLETION = "task_completion", _("Tỷ lệ nhiệm vụ hoàn thành đúng hạn")

    class Comparator(models.TextChoices):
        GTE = "gte", "≥"
        GT = "gt", ">"
        EQ = "eq", "="

    class Scope(models.TextChoices):
        DISTRICT = "district", _("Toàn quận")
        UNIT = "unit", _("Từng đơn vị")
        UNIT_AND_DISTRICT = "unit_and_district", _("Từng đơn vị và toàn quận")
        UNIT_FIELD = "unit_field", _("Từng đơn vị × lĩnh vực")

    class Periods(models.TextChoices):
        YEAR = "year", _("Năm")
        QUARTERS = "quarters", _("Quý")
        QUARTERS_AND_YEAR = "quarters_and_year", _("Quý và năm")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("mã"), max_length=40)
    title = models.CharField(_("chỉ tiêu"), max_length=300)
    clauses = models.ManyToManyField(Clause, verbose_name=_("mục"), related_name="targets")
    rule = models.CharField(_("cách tính"), max_length=40, choices=Rule.choices)
    comparator = models.CharField(_("so sánh"), max_length=5, choices=Comparator.choices)
    threshold = models.DecimalField(_("ngưỡng"), max_digits=7, decimal_places=2)
    scope = models.CharField(_("kết quả cho"), max_length=20, choices=Scope.choices)
    periods = models.CharField(_("kỳ"), max_length=20, choices=Periods.choices)
    unit_kind = models.CharField(
        _("chỉ tính đơn vị loại"), max_length=20, choices=Unit.Kind.choices, blank=True
    )
    unit_sector = models.CharField(_("chỉ tính lĩnh vực đơn vị"), max_length=50, blank=True)
    inspection_kinds = models.CharField(_("loại kiểm tra được tính"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="target_unique_code")]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self):
        return f"{self.code} – {self.title}"

    @property
    def quarterly(self) -> bool:
        return self.periods in (self.Periods.QUARTERS, self.Periods.QUARTERS_AND_YEAR)

    @property
    def yearly(self) -> bool:
        return self.periods in (self.Periods.YEAR, self.Periods.QUARTERS_AND_YEAR)

    @property
    def per_unit(self) -> bool:
        return self.scope != self.Scope.DISTRICT

    @property
    def district_wide(self) -> bool:
        return self.scope in (self.Scope.DISTRICT, self.Scope.UNIT_AND_DISTRICT)

    @property
    def per_field(self) -> bool:
        return self.scope == self.Scope.UNIT_FIELD

    def threshold_for(self, field: ProcedureField | None):
        """Plan II.6: the land field has its own on-time threshold (96%)."""
        if field is not None and self.rule == self.Rule.ONTIME and field.ontime_threshold:
            return field.ontime_threshold
        return self.threshold

    @property
    def comparator_sign(self) -> str:
        return dict(self.Comparator.choices)[self.comparator]


class DossierQuerySet(models.QuerySet):
    def received_between(self, start, end):
        return self.filter(received_on__range=(start, end))

    def resolved_between(self, start, end):
        return self.filter(resolved_on__range=(start, end))


class Dossier(models.Model):
    """One administrative-procedure dossier (hồ sơ TTHC)."""

    # Unique by a constraint rather than `unique=True`, which on PostgreSQL adds a second index
    # for `LIKE 'x%'` searches that nothing makes on dossier codes.
    code = models.CharField(_("mã hồ sơ"), max_length=60)
    # Indexes cost every import (a country loads millions of dossiers), so only those a query
    # uses are kept: the unique code (upserts) and (unit, field, received_on) for one unit's
    # dossiers (report counts, evidence lists); it also serves the unit foreign key. Whole-table
    # scans (the engine's grouped counts, a district's quarter) read the heap, and a field, a
    # resolved or a due date alone selects rows spread over every page, so those single-column
    # indexes were never worth their upkeep (migration 0005).
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="dossiers", db_index=False
    )
    field = models.ForeignKey(
        ProcedureField, on_delete=models.PROTECT, related_name="dossiers", db_index=False
    )
    received_on = models.DateField(_("ngày nhận"))
    due_on = models.DateField(_("ngày hẹn trả"))
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    online = models.BooleanField(_("trực tuyến"), default=False)
    e_paid = models.BooleanField(_("thanh toán điện tử"), default=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ TTHC")
        verbose_name_plural = _("hồ sơ TTHC")
        indexes = [
            models.Index(fields=["unit", "field", "received_on"]),
        ]
        constraints = [models.UniqueConstraint(fields=["code"], name="dossier_code_unique")]

    def __str__(self):
        return self.code


class SatisfactionSurvey(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="surveys")
    field = models.ForeignKey(ProcedureField, on_delete=models.PROTECT, related_name="surveys")
    period = models.CharField(_("kỳ"), max_length=10)
    responses = models.PositiveIntegerField(_("số phiếu"))
    satisfied = models.PositiveIntegerField(_("số phiếu hài lòng"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khảo sát hài lòng")
        verbose_name_plural = _("khảo sát hài lòng")
        constraints = [
            models.UniqueConstraint(fields=["unit", "field", "period"], name="survey_unique_key"),
            models.CheckConstraint(
                condition=models.Q(satisfied__lte=models.F("responses")),
                name="survey_satisfied_le_responses",
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.field.code} {self.period}"


class Feedback(models.Model):
    """A citizen's or business's feedback or petition (phản ánh, kiến nghị)."""

    class Channel(models.TextChoices):
        NATIONAL = "national", _("Cổng dịch vụ công Quốc gia")
        PORTAL_1022 = "1022", _("Cổng thông tin 1022")
        OTHER = "other", _("Hình thức khác")

    code = models.CharField(_("mã"), max_length=60, unique=True)
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="feedback")
    received_on = models.DateField(_("ngày nhận"))
    due_on = models.DateField(_("hạn xử lý"))
    resolved_on = models.DateField(_("ngày xử lý"), null=True, blank=True)
    published_on = models.DateField(_("ngày công khai"), null=True, blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        indexes = [models.Index(fields=["unit", "received_on"])]

    def __str__(self):
        return self.code


class DatedEvidence(models.Model):
    code = models.CharField(_("mã"), max_length=60, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên"), max_length=500)
    date = models.DateField(_("ngày"))
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to="evidence/%Y/", blank=True)
    evidence_link = models.URLField(_("đường dẫn minh chứng"), blank=True)

    class Meta:
        abstract = True
        ordering = ["date", "code"]

    def __str__(self):
        return f"{self.code} – {self.title}"


class Initiative(DatedEvidence):
    """Plan II.5: an initiative or solution that improves the unit's work."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="initiatives")

    class Meta(DatedEvidence.Meta):
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")


class OutreachProduct(DatedEvidence):
    """Plan II.9: a CCHC outreach product or model."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="outreach_products")

    class Meta(DatedEvidence.Meta):
        verbose_name = _("sản phẩm tuyên truyền")
        verbose_name_plural = _("sản phẩm tuyên truyền")


class SatisfactionPublication(models.Model):
    """Plan II.7: the unit published its quarter's satisfaction result on its website."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="publications")
    period = models.CharField(_("kỳ"), max_length=10)
    url = models.URLField(_("đường dẫn"), max_length=500)
    published_on = models.DateField(_("ngày công khai"))

    class Meta:
        verbose_name = _("công khai kết quả hài lòng")
        verbose_name_plural = _("công khai kết quả hài lòng")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="publication_unique_key")
        ]

    def __str__(self):
        return f"{self.unit.code} {self.period}"


class EPaymentAdoption(models.Model):
    """Plan V.5: the day a public-service unit started taking electronic payments."""

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="epayment")
    adopted_on = models.DateField(_("ngày áp dụng"))

    class Meta:
        verbose_name = _("áp dụng thanh toán điện tử")
        verbose_name_plural = _("áp dụng thanh toán điện tử")

    def __str__(self):
        return f"{self.unit.code} {self.adopted_on:%d/%m/%Y}"


class Baseline(models.Model):
    """Dossier counts of a baseline year entered by an admin (when its dossiers are not loaded)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="baselines")
    year = models.PositiveSmallIntegerField(_("năm"))
    received = models.PositiveIntegerField(_("hồ sơ tiếp nhận"))
    online = models.PositiveIntegerField(_("hồ sơ trực tuyến"))

    class Meta:
        verbose_name = _("số liệu năm gốc")
        verbose_name_plural = _("số liệu năm gốc")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="baseline_unique_key"),
            models.CheckConstraint(
                condition=models.Q(online__lte=models.F("received")),
                name="baseline_online_le_received",
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.year}"


class QuarterlyReport(models.Model):
    """A unit head's quarterly CCHC report: draft → submitted → returned | approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã nộp")
        RETURNED = "returned", _("Trả lại")
        APPROVED = "approved", _("Đã duyệt")

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


class ComplianceResult(models.Model):
    """One computed result: target × unit (or district) × field × period, as of a date."""

    class Status(models.TextChoices):
        MET = "met", _("Đạt")
        NOT_MET = "not_met", _("Chưa đạt")
        NO_DATA = "no_data", _("Chưa có số liệu")

    # A derived table rebuilt wholesale by the engine from ids it has just read: the foreign keys
    # are kept by Django (on_delete=CASCADE still deletes results with their unit, target, …) but
    # not checked row by row by the database, which made storing a country's million results
    # several times slower than computing them (bench/compliance.py). Reads go through the two
    # composite indexes below (plan, as_of, …); deleting a unit, target or field (rare, by an
    # admin) scans the table instead of paying for three more indexes on every recompute.
    # On PostgreSQL the table is UNLOGGED (migration 0005_i_bulk_tables): no write-ahead log for
    # rows that every recompute replaces; emptied after a crash, then recomputed on first read.
    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    as_of = models.DateField()
    target = models.ForeignKey(
        Target,
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    field = models.ForeignKey(
        ProcedureField,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    period = models.CharField(max_length=10)
    numerator = models.BigIntegerField(default=0)
    denominator = models.BigIntegerField(default=0)
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    threshold = models.DecimalField(max_digits=7, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        indexes = [
            models.Index(fields=["plan", "as_of", "target", "period"]),
            models.Index(fields=["plan", "as_of", "unit"]),
        ]

    def __str__(self):
        return f"{self.target.code} {self.period} {self.value}"


class ImportJob(models.Model):
    """A bulk import running in the background, with its progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Bị từ chối")

    kind = models.CharField(max_length=20)
    file = models.FileField(upload_to="imports/%Y/")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    # False: the job only validates the file and counts (the preview); True: it writes.
    confirmed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class RecomputeRequest(models.Model):
    """One row per plan: whether a coalesced compliance recompute is already queued.

    `compliance_recompute_soon` claims `pending` with a conditional update and queues the job only
    if it won; the job clears the flag when it starts, so a change during a run queues one more.
    """

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, primary_key=True, related_name="recompute_request"
    )
    pending = models.BooleanField(default=False)
    requested_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu tính lại chỉ tiêu")
        verbose_name_plural = _("yêu cầu tính lại chỉ tiêu")

    def __str__(self):
        return f"{self.plan_id} pending={self.pending}"
