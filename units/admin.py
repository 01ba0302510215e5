from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

from units.models import Unit, User


class UnitResource(resources.ModelResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=ForeignKeyWidget(Unit, field="code")
    )

    class Meta:
        model = Unit
        import_id_fields = ["code"]
        fields = [
            "code",
            "name",
            "kind",
            "sector",
            "parent",
            "website",
            "email",
            "active_from",
            "active_to",
        ]
        skip_unchanged = True
        report_skipped = True


@admin.register(Unit)
class UnitAdmin(ImportExportModelAdmin):
    resource_classes = [UnitResource]
    list_display = ["code", "name", "kind", "sector", "parent", "active_from", "active_to"]
    list_filter = ["kind", "sector"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


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
