from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Chỉ tiêu và minh chứng")

    def ready(self):
        # The compliance engine listens to the lower layers' "evidence changed".
        from indicators.compliance import receivers  # noqa: F401

        # The follow-up e-mails the unit at once of a decision on its report, where configured.
        from indicators.followup import receivers as followup_receivers  # noqa: F401
