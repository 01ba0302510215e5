"""Django groups for the portal's roles, with the model permissions each role needs."""

from django.contrib.auth.models import Group, Permission

from units.models import Role

_READ_ALL = [
    "units.view_unit",
    "plans.view_plan",
    "plans.view_clause",
    "plans.view_task",
    "plans.view_assignment",
    "indicators.view_target",
    "indicators.view_complianceresult",
    "indicators.view_quarterlyreport",
    "inspections.view_inspection",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEADER: _READ_ALL,
    Role.UNIT_HEAD: [
        "plans.view_plan",
        "plans.view_clause",
        "plans.view_task",
        "plans.view_assignment",
        "plans.change_assignment",
        "indicators.view_target",
        "indicators.view_quarterlyreport",
        "indicators.add_quarterlyreport",
        "indicators.change_quarterlyreport",
        "indicators.add_reportfigure",
        "indicators.change_reportfigure",
        "inspections.view_inspection",
        "inspections.change_correctiveaction",
    ],
    Role.NOIVU: _READ_ALL
    + [
        "plans.change_assignment",
        "indicators.change_quarterlyreport",
        "indicators.add_dossier",
        "indicators.change_dossier",
        "indicators.view_dossier",
        "indicators.add_importjob",
        "indicators.view_importjob",
        "inspections.add_inspection",
        "inspections.change_inspection",
        "inspections.add_finding",
        "inspections.add_correctiveaction",
        "inspections.change_correctiveaction",
        "inspections.add_recognitionproposal",
        "inspections.change_recognitionproposal",
        "inspections.view_recognitionproposal",
    ],
}

ROLE_PERMISSIONS[Role.ADMIN] = ROLE_PERMISSIONS[Role.NOIVU]


def _permissions(names: list[str]) -> list[Permission]:
    pairs = [name.split(".") for name in names]
    by_key = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _, codename in pairs]
        )
    }
    return [by_key[(app, codename)] for app, codename in pairs if (app, codename) in by_key]


def roles_sync() -> None:
    """Create or update one group per role with exactly its permissions."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=Role(role).label)
        group.permissions.set(_permissions(names))


def user_set_role(*, user, role: str, unit=None) -> None:
    """Give a user one role (and its group) and attach them to a unit."""
    user.role = role
    user.unit = unit
    user.is_staff = role == Role.ADMIN or user.is_superuser
    user.save()
    user.groups.set([Group.objects.get(name=Role(role).label)])
