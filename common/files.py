"""Evidence files: allowed types are checked by extension AND by the file's first bytes."""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PDF = (b"%PDF-",)
_PNG = (b"\x89PNG\r\n\x1a\n",)
_JPEG = (b"\xff\xd8\xff",)
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)

# Extension → the signatures its content may start with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": _PDF,
    "png": _PNG,
    "jpg": _JPEG,
    "jpeg": _JPEG,
    "doc": _OLE,
    "xls": _OLE,
    "docx": _ZIP,
    "xlsx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
}

# A ZIP-based office file must also be the document it says: the member that only that kind has
# (and for OpenDocument, the `mimetype` member naming it). Any ZIP renamed .docx is refused.
ZIP_MEMBERS: dict[str, tuple[str, bytes | None]] = {
    "docx": ("word/document.xml", None),
    "xlsx": ("xl/workbook.xml", None),
    "odt": ("mimetype", b"application/vnd.oasis.opendocument.text"),
    "ods": ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
}


def _zip_is(file, ext: str) -> bool:
    member, content = ZIP_MEMBERS[ext]
    try:
        with zipfile.ZipFile(file) as archive:
            if member not in archive.namelist():
                return False
            return content is None or archive.read(member).strip() == content
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
    finally:
        file.seek(0)


def evidence_file_validate(file) -> None:
    """Raise ValidationError unless the upload is an allowed, non-empty, small enough file."""
    allowed = [ext for ext in settings.EVIDENCE_EXTENSIONS if ext in SIGNATURES]
    ext = Path(file.name or "").suffix.lower().lstrip(".")
    if ext not in allowed:
        raise ValidationError(
            _("Định dạng tệp không được chấp nhận. Chỉ chấp nhận tệp %(types)s.")
            % {"types": ", ".join(allowed).upper()},
            code="extension",
        )
    if file.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn: tối đa %(mb)s MB.")
            % {"mb": round(settings.EVIDENCE_MAX_BYTES / 1024 / 1024, 1)},
            code="size",
        )
    if file.size == 0:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[ext]) or (
        ext in ZIP_MEMBERS and not _zip_is(file, ext)
    ):
        raise ValidationError(
            _("Nội dung tệp không đúng định dạng %(ext)s.") % {"ext": ext.upper()},
            code="content",
        )


def evidence_errors(*, evidence_file, evidence_link: str) -> dict[str, list[str]]:
    """Form-style errors for a piece of evidence: a file or a link is required; a file must pass
    `evidence_file_validate`."""
    if not evidence_file and not evidence_link:
        return {"evidence_link": [_("Cần tệp minh chứng hoặc đường dẫn minh chứng.")]}
    if evidence_file:
        try:
            evidence_file_validate(evidence_file)
        except ValidationError as exc:
            return {"evidence_file": exc.messages}
    return {}
