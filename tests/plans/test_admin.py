import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name",
    [
        "admin:units_unit_changelist",
        "admin:plans_task_changelist",
        "admin:indicators_target_changelist",
        "admin:units_unit_import",
        "admin:plans_task_export",
        "admin:indicators_target_export",
        "admin:units_user_changelist",
        "admin:plans_plan_changelist",
    ],
)
def test_admin_configures_plans_units_targets(client, admin_user_, name):
    client.force_login(admin_user_)
    assert client.get(reverse(name)).status_code == 200


def test_unit_head_cannot_open_admin(client, head_p01):
    client.force_login(head_p01)
    assert client.get(reverse("admin:index")).status_code == 302
