"""Why an import file is rejected: one `RowError` per reason, all of them in `ImportRejected`."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    """One reason a file is rejected; line 1 is the header, 0 the file as a whole."""

    line: int
    message: str

    def __str__(self) -> str:
        return (
            _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}
            if (self.line)
            else self.message
        )

    def as_dict(self) -> dict:
        return {"line": self.line, "message": self.message}


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError], total: int = 0):
        self.errors = errors
        self.total = total
        super().__init__(f"{len(errors)} lỗi")
