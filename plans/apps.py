from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self):
        # A changed task gets its missing assignments after the commit.
        from plans import receivers  # noqa: F401
