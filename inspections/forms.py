from pathlib import Path

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.files import evidence_file_validate
from common.forms import DATE_INPUT_FORMATS, DateInput
from inspections.models import CorrectiveAction, Finding, Inspection, RecognitionProposal
from inspections.selectors import GROUP_KINDS
from units.models import Unit

DATE = DateInput()
DATE_FORMATS = DATE_INPUT_FORMATS


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def validate_pdf(upload) -> None:
    """Minutes: a PDF only — extension and `%PDF` magic bytes — within EVIDENCE_MAX_BYTES."""
    if Path(upload.name).suffix.lower() != ".pdf":
        raise forms.ValidationError(_("Biên bản phải là tệp PDF (.pdf)."))
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise forms.ValidationError(
            _("Tệp quá lớn (tối đa %(max)s).") % {"max": _mb(settings.EVIDENCE_MAX_BYTES)}
        )
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head != b"%PDF":
        raise forms.ValidationError(_("Tệp không phải là PDF hợp lệ."))


class BootstrapMixin:
    """Bootstrap classes on every widget."""

    def _style(self):
        for bound in self.visible_fields():
            widget = bound.field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css


def inspectable_units():
    return (
        Unit.objects.active_on(timezone.localdate())
        .filter(kind__in=GROUP_KINDS)
        .order_by("kind", "code")
    )


class PlanAddForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại kiểm tra"), choices=Inspection.Kind.choices)
    quarter = forms.TypedChoiceField(
        label=_("Quý"), coerce=int, choices=[(q, _("Quý %(q)s") % {"q": q}) for q in range(1, 5)]
    )
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    date = forms.DateField(
        label=_("Ngày dự kiến"), required=False, widget=DATE, input_formats=DATE_FORMATS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = inspectable_units()
        self.fields["unit"].error_messages["invalid_choice"] = _("Đơn vị không hợp lệ.")
        self._style()


class InspectionForm(BootstrapMixin, forms.ModelForm):
    date = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE, input_formats=DATE_FORMATS)

    class Meta:
        model = Inspection
        fields = [
            "kind",
            "unit",
            "date",
            "lead",
            "team",
            "scope",
            "head_responsibility",
            "conclusion",
            "minutes",
        ]
        widgets = {
            "team": forms.Textarea(attrs={"rows": 2}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "conclusion": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = inspectable_units()
        self.fields["lead"].required = True
        self.fields["minutes"].widget.attrs["accept"] = ".pdf,application/pdf"
        self._style()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Ngày kiểm tra không được ở tương lai."))
        return date

    def clean_minutes(self):
        minutes = self.cleaned_data.get("minutes")
        if minutes and hasattr(minutes, "content_type"):  # a new upload
            validate_pdf(minutes)
        return minutes


FindingFormSet = forms.inlineformset_factory(
    Inspection,
    Finding,
    fields=["text"],
    extra=1,
    can_delete=True,
    widgets={"text": forms.Textarea(attrs={"rows": 2, "class": "form-control"})},
)


class ActionForm(BootstrapMixin, forms.ModelForm):
    due_on = forms.DateField(label=_("Hạn"), widget=DATE, input_formats=DATE_FORMATS)

    class Meta:
        model = CorrectiveAction
        fields = ["title", "unit", "due_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = inspectable_units()
        self._style()


class ActionCloseForm(BootstrapMixin, forms.Form):
    closed_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE, input_formats=DATE_FORMATS)
    evidence_file = forms.FileField(label=_("Tệp minh chứng"), required=False)
    evidence_link = forms.URLField(
        label=_("Đường dẫn minh chứng"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            evidence_file_validate(upload)
        return upload


class ProposalForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RecognitionProposal
        fields = ["unit", "person", "kind", "reason", "inspection", "evidence_link"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}
        labels = {"unit": _("Đơn vị"), "inspection": _("Cuộc kiểm tra làm minh chứng")}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active_on(timezone.localdate()).below_scope()
        inspections = Inspection.objects.done().select_related("unit")
        if plan is not None:
            inspections = inspections.filter(date__year=plan.year)
        self.fields["inspection"].queryset = inspections
        self.fields["inspection"].required = False
        self._style()
