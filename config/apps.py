"""The third-party apps the portal names in Vietnamese in the admin."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes (login lockout): its records are "Khóa đăng nhập" in the admin."""

    verbose_name = _("Khóa đăng nhập")
