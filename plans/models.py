import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.periods import Period
from plans.validators import task_assigned_kinds_errors
from units.models import Unit


class Plan(models.Model):
    code = models.CharField(_("mã"), max_length=32, unique=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    closing_text = models.TextField(_("yêu cầu chung"), blank=True)
    scope = models.ForeignKey(
        Unit,
        verbose_name=_("địa bàn (quận hoặc thành phố)"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    deadline = models.DateField(_("hạn hoàn thành"))
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"))
    report_grace_days = models.PositiveSmallIntegerField(
        _("số ngày nộp báo cáo quý sau cuối quý"), default=5
    )
    signed_by = models.CharField(_("người ký"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "code"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")

    def __str__(self):
        return f"{self.code} – {self.title}"

    def default_as_of(self, today: dt.date | None = None) -> dt.date:
        """Today, or the deadline once it has passed, so a past plan reads as it stood."""
        today = today or timezone.localdate()
        return min(today, self.deadline)

    def quarters(self) -> list[Period]:
        return [Period(self.year, q) for q in range(1, 5)]

    def report_due_on(self, period: Period) -> dt.date:
        """Quarterly reports are due a few days after the quarter; the last one by the deadline."""
        if period.contains(self.deadline):
            return self.deadline
        return period.last_day + dt.timedelta(days=self.report_grace_days)

    def report_days_late(self, period: Period, submitted_at: dt.datetime | None) -> int:
        """Days after its due date a quarter's report was submitted (Plan V.3.3): the local date
        of submission against `report_due_on`; 0 when on time or not submitted."""
        if submitted_at is None:
            return 0
        return max(0, (timezone.localdate(submitted_at) - self.report_due_on(period)).days)


class Clause(models.Model):
    """One numbered clause of the plan text (`I.2.1a`, `II.4`, `V.2.2`), kept verbatim."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="clauses"
    )
    label = models.CharField(_("mục"), max_length=20)
    heading = models.CharField(_("tiêu đề"), max_length=300, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("mục cha"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("thứ tự"))

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="clause_unique_label"),
        ]
        verbose_name = _("mục kế hoạch")
        verbose_name_plural = _("mục kế hoạch")

    def __str__(self):
        return f"{self.label} {self.heading}".strip()

    @property
    def depth(self) -> int:
        return self.label.count(".")


class Task(models.Model):
    class Recurrence(models.TextChoices):
        NONE = "none", _("Một lần")
        QUARTERLY = "quarterly", _("Hằng quý")

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="tasks"
    )
    clause = models.ForeignKey(
        Clause, verbose_name=_("mục"), on_delete=models.PROTECT, related_name="tasks"
    )
    code = models.CharField(_("mã nhiệm vụ"), max_length=40)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        related_name="led_tasks",
        null=True,
        blank=True,
    )
    assigned_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị thực hiện"), blank=True, related_name="assigned_tasks"
    )
    assigned_kinds = models.CharField(
        _("giao cho mọi đơn vị loại"),
        max_length=100,
        blank=True,
        help_text=_(
            "Ví dụ: agency,public_service,ward — mọi đơn vị đang hoạt động thuộc các loại này."
        ),
    )
    due_on = models.DateField(_("hạn"))
    recurrence = models.CharField(
        _("lặp lại"), max_length=20, choices=Recurrence.choices, default=Recurrence.NONE
    )

    class Meta:
        ordering = ["plan", "clause__order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="task_unique_code")]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self):
        return f"{self.code} – {self.title}"

    def clean(self):
        errors = task_assigned_kinds_errors(assigned_kinds=self.assigned_kinds)
        if errors:
            raise ValidationError({"assigned_kinds": errors})

    @property
    def kinds(self) -> list[str]:
        return [k for k in self.assigned_kinds.split(",") if k]


def assignment_done_by(day, *, prefix: str = "") -> models.Q:
    """Completed on or before the day (a completion dated later does not count yet)."""
    return models.Q(**{f"{prefix}status": "done", f"{prefix}completed_on__lte": day})


def assignment_done_on_time(*, prefix: str = "") -> models.Q:
    """Plan I.1.1: completed on or before its due date."""
    return models.Q(
        **{f"{prefix}status": "done", f"{prefix}completed_on__lte": models.F(f"{prefix}due_on")}
    )


def assignment_overdue_on(day, *, prefix: str = "") -> models.Q:
    """Due before the day and not completed by it: due on the day itself is not overdue yet (the
    query form of `plans.statuses.assignment_status`)."""
    return models.Q(**{f"{prefix}due_on__lt": day}) & ~assignment_done_by(day, prefix=prefix)


class AssignmentQuerySet(models.QuerySet):
    """The one home of "done", "on time" and "overdue" for assignments, as of a day."""

    def for_plan(self, plan):
        return self.filter(task__plan=plan)

    def due_by(self, day):
        return self.filter(due_on__lte=day)

    def open(self):
        """Not completed today (reminders go out for these)."""
        return self.exclude(status=Assignment.Status.DONE)

    def overdue_on(self, day):
        return self.filter(assignment_overdue_on(day))


class Assignment(models.Model):
    """A task as one unit must do it, once or for one quarter."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="assignments"
    )
    period = models.CharField(_("kỳ"), max_length=10, blank=True)
    due_on = models.DateField(_("hạn"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo hoàn thành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to="assignments/%Y/", blank=True)
    evidence_link = models.URLField(_("đường dẫn minh chứng"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "task__code", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "period"], name="assignment_unique_unit_period"
            )
        ]
        indexes = [models.Index(fields=["unit", "due_on"]), models.Index(fields=["due_on"])]
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")

    def __str__(self):
        suffix = f" ({self.period})" if self.period else ""
        return f"{self.task.code} – {self.unit.code}{suffix}"

    @property
    def entered_on_behalf_by(self) -> str:
        """The name of whoever marked the assignment done for its unit without belonging to it
        (Phòng Nội vụ entering it on the unit's behalf, "nhập thay"); empty otherwise. Select
        `completed_by` with the assignments that show it."""
        user = self.completed_by if self.completed_by_id else None
        if user is None or user.unit_id == self.unit_id:
            return ""
        return user.get_full_name() or user.username


class Digest(models.Model):
    """The outbox of the morning e-mails: one digest per person per day (the digest key).

    Its reminders are put in it in one transaction; then a sender claims it (`claimed_at`, a
    conditional update), sends it and marks it `sent_at`. A claim never marked (the process died
    between the two) is taken again after CLAIM_TIMEOUT, so the digest is still delivered; once
    marked sent it is never sent again.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="digests",
    )
    on_date = models.DateField(_("ngày nhắc"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("nhận gửi lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)

    # A claim older than this without `sent_at` is presumed lost with its process: resent.
    CLAIM_TIMEOUT = dt.timedelta(minutes=10)

    class Meta:
        ordering = ["-on_date", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "on_date"], name="digest_exactly_once")
        ]
        indexes = [models.Index(fields=["sent_at", "on_date"], name="digest_unsent")]
        verbose_name = _("thư nhắc việc")
        verbose_name_plural = _("thư nhắc việc")

    def __str__(self):
        return f"{self.recipient_id} {self.on_date}"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every send of this digest, so that a resend after a crash
        right after the SMTP server accepted it is shown once by the recipient's mail client."""
        return f"<digest-{self.recipient_id}-{self.on_date:%Y%m%d}@cchc.portal>"


class Reminder(models.Model):
    """The sent-log: one row per (recipient, item, offset, date), so each reminder goes out once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    item_key = models.CharField(_("khóa việc"), max_length=120)
    offset = models.CharField(_("mốc nhắc"), max_length=20)
    on_date = models.DateField(_("ngày nhắc"))
    subject = models.CharField(_("tiêu đề"), max_length=300)
    link = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # The digest (outbox row) that carries it by e-mail, and when that digest was sent.
    digest = models.ForeignKey(
        Digest,
        verbose_name=_("thư nhắc việc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminders",
    )
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-on_date", "due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "item_key", "offset", "on_date"], name="reminder_exactly_once"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["on_date", "emailed_at"], name="reminder_digest_pending"),
        ]
        verbose_name = _("nhắc việc")
        verbose_name_plural = _("nhắc việc")

    def __str__(self):
        return self.subject
