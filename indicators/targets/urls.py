from django.urls import path

from indicators.targets import views

urlpatterns = [
    path("ke-hoach/<str:code>/", views.plan_detail, name="plan_detail"),
]
