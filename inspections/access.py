"""Who may change inspections: Phòng Nội vụ; others read, or do not see the object at all."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _


def require_noivu(user, *, visible: bool = True) -> None:
    """Writes are for Phòng Nội vụ: 403 if the user may see the object, else 404."""
    if user.is_noivu:
        return
    if visible and user.sees_all_units:
        raise PermissionDenied(_("Bạn chỉ có quyền xem."))
    if visible:
        raise PermissionDenied(_("Chỉ Phòng Nội vụ được thay đổi cuộc kiểm tra."))
    raise Http404
