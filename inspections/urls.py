from django.urls import path

from inspections import views

urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("moi/", views.inspection_create, name="create"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/sua/", views.inspection_edit, name="edit"),
    path("<int:pk>/bien-ban/", views.inspection_minutes, name="minutes"),
    path("<int:pk>/xoa/", views.planned_remove, name="planned_remove"),
    path("phat-hien/<int:finding_id>/khac-phuc/", views.action_add, name="action_add"),
    path("khac-phuc/", views.my_actions, name="my_actions"),
    path("khac-phuc/<int:pk>/dong/", views.action_close, name="action_close"),
    path("khac-phuc/<int:pk>/minh-chung/", views.action_evidence, name="action_evidence"),
    path("de-xuat/<str:plan_code>/<int:pk>/xoa/", views.proposal_remove, name="proposal_remove"),
    path(
        "de-xuat/<str:plan_code>/xuat.<str:fmt>",
        views.proposals_export,
        name="proposals_export",
    ),
]
