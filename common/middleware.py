"""Request and response hardening for every page (listed in settings.MIDDLEWARE)."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _


class NulCharacterMiddleware:
    """A NUL byte (`%00`) in the path or the query string is refused with the portal's 400 page:
    no URL of the portal has one, and PostgreSQL cannot store or compare text containing it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or b"\x00" in unquote_to_bytes(query):
            raise BadRequest(_("Địa chỉ chứa ký tự không hợp lệ."))
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """The browser features the portal never uses (camera, microphone, location…) are off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivateCacheMiddleware:
    """A page for a logged-in user is never kept by a shared cache or the browser's history
    cache (`Cache-Control: private, no-store`), unless the view set its own Cache-Control."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response
