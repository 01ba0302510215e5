from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def districts(self):
        return self.filter(kind=Unit.Kind.DISTRICT)

    def agencies(self):
        return self.filter(kind=Unit.Kind.AGENCY)

    def public_service(self):
        return self.filter(kind=Unit.Kind.PUBLIC_SERVICE)

    def wards(self):
        return self.filter(kind=Unit.Kind.WARD)

    def below_district(self):
        """Every unit but a district: what the plan calls "each unit"."""
        return self.exclude(kind=Unit.Kind.DISTRICT)

    def education(self):
        return self.filter(sector=Unit.EDUCATION)


class Unit(models.Model):
    """A body the plan assigns work to: the district, its agencies, public-service units, wards."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("Quận")
        AGENCY = "agency", _("Cơ quan chuyên môn")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
        WARD = "ward", _("Phường")

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
    active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        indexes = [models.Index(fields=["kind", "active"])]

    def __str__(self):
        return f"{self.code} – {self.name}"


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
