"""Downloads of stored, access-checked files (evidence, inspection minutes)."""

from pathlib import Path

from django.http import FileResponse, Http404


def protected_file_response(
    *, file, filename: str | None = None, content_type: str | None = None, as_attachment=True
) -> FileResponse:
    """A stored file (a FieldFile) for a user the caller has already checked; 404 when it is
    missing from storage. The browser must not guess another type (an uploaded HTML page run as
    a page) nor keep a copy in a shared cache."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=filename or Path(file.name).name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
