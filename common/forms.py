"""Form helpers shared by every page with a form."""

from django.core.exceptions import ValidationError


def form_errors_apply(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one, else on top.

    The form keeps the user's entries; only the messages are added.
    """
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
