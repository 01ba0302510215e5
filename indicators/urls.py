"""The pages of the indicators app, each package's own."""

from indicators.dashboards.urls import urlpatterns as dashboards
from indicators.evidence.urls import urlpatterns as evidence
from indicators.followup.urls import urlpatterns as followup
from indicators.reports.urls import urlpatterns as reports
from indicators.targets.urls import urlpatterns as targets

urlpatterns = targets + dashboards + evidence + reports + followup
