from django.contrib import admin

from inspections.models import CorrectiveAction, Finding, Inspection, RecognitionProposal


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "unit", "date", "status", "lead"]
    list_filter = ["kind", "status", "unit__kind"]
    search_fields = ["code", "unit__code", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    inlines = [FindingInline]


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "due_on", "status"]
    list_filter = ["status"]
    autocomplete_fields = ["unit"]


@admin.register(RecognitionProposal)
class RecognitionProposalAdmin(admin.ModelAdmin):
    list_display = ["kind", "unit", "person", "plan"]
    list_filter = ["kind", "plan"]
    autocomplete_fields = ["unit"]
