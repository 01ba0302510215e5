from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import Unit, User, unit_successors_errors


class ActiveFilter(admin.SimpleListFilter):
    title = _("đang hoạt động")
    parameter_name = "dang_hoat_dong"

    def lookups(self, request, model_admin):
        return [("1", _("Đang hoạt động")), ("0", _("Đã thôi hoạt động hoặc chưa bắt đầu"))]

    def queryset(self, request, queryset):
        active = Unit.objects.active_on(timezone.localdate()).values("pk")
        if self.value() == "1":
            return queryset.filter(pk__in=active)
        if self.value() == "0":
            return queryset.exclude(pk__in=active)
        return queryset


UNIT_FIELDS = [
    "code",
    "name",
    "kind",
    "sector",
    "parent",
    "website",
    "email",
    "active_from",
    "active_to",
    "successors",
]


class UnitAdminForm(forms.ModelForm):
    """The model's own rules (`Unit.clean`, `unit_successors_errors`); a new unit left without
    `active_from` is active from today (DESIGN "Plans and units through time")."""

    class Meta:
        model = Unit
        fields = UNIT_FIELDS

    def clean_active_from(self):
        active_from = self.cleaned_data.get("active_from")
        if active_from is None and self.instance._state.adding:
            return timezone.localdate()
        return active_from

    def clean(self):
        cleaned = super().clean()
        successors = cleaned.get("successors")
        if successors is not None:
            codes = [u.code for u in successors]
            for message in unit_successors_errors(code=cleaned.get("code", ""), successors=codes):
                self.add_error("successors", message)
        return cleaned


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Units by hand. Import and export of a units file ("Nhập đơn vị từ tệp", "Xuất") go
    through the project's units import (`import_data units`); `indicators/admin.py`, which may
    use it, adds those views to this admin."""

    form = UnitAdminForm
    list_display = ["code", "name", "kind", "sector", "parent", "active_from", "active_to"]
    list_filter = ["kind", ActiveFilter, "sector"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "successors"]
    fields = UNIT_FIELDS

    def get_changeform_initial_data(self, request):
        return {"active_from": timezone.localdate(), **super().get_changeform_initial_data(request)}


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "unit", "role", "is_active"]
    list_filter = ["role", "is_active", "unit__kind"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    fieldsets = UserAdmin.fieldsets + ((_("Đơn vị và vai trò"), {"fields": ["unit", "role"]}),)
    add_fieldsets = UserAdmin.add_fieldsets + (
        (_("Đơn vị và vai trò"), {"fields": ["unit", "role"]}),
    )
