"""The address links in e-mails start with (`PORTAL_BASE_URL`, README "Production")."""

from django.conf import settings


def portal_base_url(*, request=None) -> str:
    """`PORTAL_BASE_URL` when set; else the address of the request that sends the mail (its
    host is one of ALLOWED_HOSTS, Django checks), else http://127.0.0.1:$PORT, the address
    `make run` serves (commands and background jobs have no request)."""
    if settings.PORTAL_BASE_URL:
        return settings.PORTAL_BASE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return f"http://127.0.0.1:{settings.PORT}"
