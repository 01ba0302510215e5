"""The address links in e-mails start with (`PORTAL_BASE_URL`, README "Production")."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


def portal_base_url(*, request=None) -> str:
    """`PORTAL_BASE_URL` when set; else the address of the request that sends the mail (its
    host is one of ALLOWED_HOSTS, Django checks), else http://127.0.0.1:$PORT, the address
    `make run` serves (commands and background jobs have no request)."""
    if settings.PORTAL_BASE_URL:
        return settings.PORTAL_BASE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return f"http://127.0.0.1:{settings.PORT}"


@register(Tags.security, deploy=True)
def portal_base_url_check(app_configs=None, **kwargs) -> list[Warning]:
    """`check --deploy`: reminders, digests and password resets sent by background jobs have no
    request to take the address from; without `PORTAL_BASE_URL` their links would point at
    127.0.0.1."""
    if settings.PORTAL_BASE_URL:
        return []
    return [
        Warning(
            "PORTAL_BASE_URL is not set: links in e-mails sent by background jobs would point "
            f"at http://127.0.0.1:{settings.PORT}.",
            hint="Set PORTAL_BASE_URL to the portal's public address, e.g. https://cchc.example.vn.",
            id="cchc.W001",
        )
    ]
