import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def unit_active_on(day: dt.date, *, prefix: str = "") -> models.Q:
    """Active on the day: started on or before it (blank: always) and not closed before it.

    DESIGN "Plans and units through time": a unit counts in a period when it is active on the
    period's end (or the as-of date if earlier).
    """
    return (
        models.Q(**{f"{prefix}active_from__isnull": True})
        | models.Q(**{f"{prefix}active_from__lte": day})
    ) & (
        models.Q(**{f"{prefix}active_to__isnull": True})
        | models.Q(**{f"{prefix}active_to__gte": day})
    )


# Rules on a unit's fields, each in one place: `Unit.clean` and the admin form, the units import
# (`indicators.evidence.validators.UnitValidator`) and the plan workbook (a target's or task's
# unit kinds) call them. Each returns its messages (empty: valid).
def unit_dates_errors(*, active_from: dt.date | None, active_to: dt.date | None) -> list[str]:
    """A unit cannot close before it opens (DESIGN "Plans and units through time")."""
    if active_from and active_to and active_to < active_from:
        return [
            gettext(
                'Ngày "hoạt động đến ngày" (active_to) trước ngày "hoạt động từ ngày" '
                "(active_from)."
            )
        ]
    return []


def unit_successors_errors(*, code: str, successors: list[str]) -> list[str]:
    """A unit cannot name itself as its successor."""
    if code and code in successors:
        return [gettext("Đơn vị không thể là đơn vị kế thừa của chính nó.")]
    return []


def unit_kinds_errors(*, kinds: list[str]) -> list[str]:
    """Every kind named (a target's `unit_kinds`, a task's `assigned_kinds`) is a unit kind."""
    unknown = [k for k in kinds if k not in Unit.Kind.values]
    if not unknown:
        return []
    return [
        gettext("Loại đơn vị không hợp lệ: %(kinds)s (chọn trong: %(choices)s).")
        % {"kinds": ", ".join(f'"{k}"' for k in unknown), "choices": ", ".join(Unit.Kind.values)}
    ]


class UnitQuerySet(models.QuerySet):
    def active_on(self, day: dt.date):
        return self.filter(unit_active_on(day))

    def districts(self):
        return self.filter(kind=Unit.Kind.DISTRICT)

    def scopes(self):
        """Units a plan may cover: a district or a city."""
        return self.filter(kind__in=Unit.SCOPE_KINDS)

    def agencies(self):
        return self.filter(kind=Unit.Kind.AGENCY)

    def public_service(self):
        return self.filter(kind=Unit.Kind.PUBLIC_SERVICE)

    def wards(self):
        return self.filter(kind=Unit.Kind.WARD)

    def below_scope(self):
        """Every unit but a district or a city: what the plan calls "each unit"."""
        return self.exclude(kind__in=Unit.SCOPE_KINDS)

    def education(self):
        return self.filter(sector=Unit.EDUCATION)


class Unit(models.Model):
    """A body the plan assigns work to: a city or district, its agencies, public-service units,
    wards and communes. Dated: it exists from `active_from` to `active_to` (blank: open), and
    its `successors` took over its work when it closed."""

    class Kind(models.TextChoices):
        CITY = "city", _("Thành phố")
        DISTRICT = "district", _("Quận")
        AGENCY = "agency", _("Cơ quan chuyên môn")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
        WARD = "ward", _("Phường")
        COMMUNE = "commune", _("Xã")

    SCOPE_KINDS = (Kind.DISTRICT, Kind.CITY)
    EDUCATION = "education"

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    sector = models.CharField(_("lĩnh vực"), max_length=50, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    website = models.URLField(_("trang thông tin điện tử"), blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    active_from = models.DateField(
        _("hoạt động từ ngày"), null=True, blank=True, help_text=_("Để trống: từ trước đến nay.")
    )
    active_to = models.DateField(
        _("hoạt động đến ngày"), null=True, blank=True, help_text=_("Để trống: vẫn hoạt động.")
    )
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        indexes = [models.Index(fields=["kind", "active_to"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_from__isnull=True)
                | models.Q(active_to__isnull=True)
                | models.Q(active_from__lte=models.F("active_to")),
                name="unit_dates_ordered",
            )
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def clean(self):
        errors = unit_dates_errors(active_from=self.active_from, active_to=self.active_to)
        if errors:
            raise ValidationError({"active_to": errors})

    def is_active_on(self, day: dt.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


class Role(models.TextChoices):
    NOIVU = "noivu", _("Chuyên viên Phòng Nội vụ")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    LEADER = "leader", _("Lãnh đạo quận")
    ADMIN = "admin", _("Quản trị hệ thống")


class User(AbstractUser):
    """A portal user, attached to one unit with one role."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    @property
    def is_noivu(self) -> bool:
        return self.role in (Role.NOIVU, Role.ADMIN) or self.is_superuser

    @property
    def is_administrator(self) -> bool:
        """Who may replace a plan or open a new year's (the plan workbook, the roll-over)."""
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_unit_head(self) -> bool:
        return self.role == Role.UNIT_HEAD and self.unit_id is not None

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def sees_all_units(self) -> bool:
        return self.is_noivu or self.is_leader

    def can_see_unit(self, unit) -> bool:
        return self.sees_all_units or (self.is_unit_head and unit.pk == self.unit_id)

    def can_edit_unit(self, unit) -> bool:
        """Leaders read only; unit heads write their own unit; Phòng Nội vụ every unit."""
        return self.is_noivu or (self.is_unit_head and unit.pk == self.unit_id)
