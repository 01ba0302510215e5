from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/<str:code>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<str:code>/nhiem-vu/<str:task_code>/", views.task_detail, name="task_detail"),
]
