from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export import fields
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from common.resources import VerboseExportMixin, VerboseHeadersResource
from plans.models import Assignment, Clause, Digest, Plan, Reminder, Task
from plans.services import task_expand_assignments
from units.models import Unit


class ClauseInline(admin.TabularInline):
    model = Clause
    fields = ["order", "label", "heading", "text", "parent"]
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["code", "year", "title", "deadline", "scope"]
    inlines = [ClauseInline]


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["label", "heading", "plan", "order"]
    list_filter = ["plan"]
    search_fields = ["label", "heading", "text"]


class TaskResource(VerboseHeadersResource):
    """The admin's export of tasks (Vietnamese headers); tasks are imported with the plan
    workbook (`import_plan`), not here."""

    plan = fields.Field(
        attribute="plan", column_name=_("Kế hoạch"), widget=ForeignKeyWidget(Plan, "code")
    )
    clause = fields.Field(
        attribute="clause", column_name=_("Mục"), widget=ForeignKeyWidget(Clause, "label")
    )
    lead_unit = fields.Field(
        attribute="lead_unit",
        column_name=_("Đơn vị chủ trì"),
        widget=ForeignKeyWidget(Unit, "code"),
    )
    assigned_units = fields.Field(
        attribute="assigned_units",
        column_name=_("Đơn vị thực hiện"),
        widget=ManyToManyWidget(Unit, field="code", separator=";"),
    )

    class Meta:
        model = Task
        fields = [
            "plan",
            "code",
            "clause",
            "title",
            "lead_unit",
            "assigned_units",
            "assigned_kinds",
            "due_on",
            "recurrence",
        ]


@admin.register(Task)
class TaskAdmin(VerboseExportMixin, admin.ModelAdmin):
    """Tasks by hand, validated by `Task.clean` (`plans.validators`); a whole plan's tasks are
    imported with the plan workbook."""

    resource_classes = [TaskResource]
    list_display = ["code", "title", "clause", "lead_unit", "due_on", "recurrence"]
    list_filter = ["plan", "recurrence", "lead_unit"]
    search_fields = ["code", "title"]
    filter_horizontal = ["assigned_units"]
    list_select_related = ["clause", "lead_unit"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        task_expand_assignments(task=form.instance)


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["task", "unit", "period", "due_on", "status", "completed_on"]
    list_filter = ["status", "period", "task__plan", "unit__kind"]
    search_fields = ["task__code", "unit__code", "unit__name"]
    list_select_related = ["task", "unit"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["task", "completed_by"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["recipient", "subject", "offset", "on_date", "emailed_at", "read_at"]
    list_filter = ["offset", "on_date"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "digest"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    """The e-mail outbox, to see what went out and what waits (written only by the senders)."""

    list_display = ["recipient", "on_date", "claimed_at", "sent_at", "attempts"]
    list_filter = ["on_date"]
    list_select_related = ["recipient"]
    readonly_fields = ["recipient", "on_date", "claimed_at", "sent_at", "attempts"]

    def has_add_permission(self, request):
        return False
