from django.urls import path

from indicators.followup import inspection_views, views

urlpatterns = [
    path("canh-bao/", views.escalation, name="escalation"),
    path("de-xuat-khen-phe-binh/", views.recognition, name="recognition_candidates"),
]

# Mounted under /kiem-tra/ in the `inspections` namespace beside the inspections' own pages.
inspection_urlpatterns = [
    path("ke-hoach/<str:plan_code>/", inspection_views.planning, name="planning"),
    path("do-phu/<str:plan_code>/", inspection_views.coverage, name="coverage"),
    path("de-xuat/<str:plan_code>/", inspection_views.proposals, name="proposals"),
]
