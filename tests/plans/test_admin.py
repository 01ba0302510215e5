import html as htmllib

import pytest
from django.urls import NoReverseMatch, reverse


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


def target_form(plan, **changes) -> dict:
    from indicators.targets.models import Target

    target = Target.objects.filter(plan=plan).first()
    data = {
        "plan": plan.pk,
        "code": target.code,
        "title": target.title,
        "clauses": [c.pk for c in target.clauses.all()],
        "rule": target.rule,
        "comparator": target.comparator,
        "threshold": str(target.threshold),
        "amber_margin": str(target.amber_margin),
        "field_thresholds": "{}",
        "scope": target.scope,
        "periods": target.periods,
        "unit_kinds": "",
        "unit_sector": "",
        "inspection_kinds": "",
        "order": target.order,
    }
    return target, {**data, **changes}


def test_target_admin_rejects_unknown_field_code_and_bad_unit_kind(client, admin_user_, plan):
    client.force_login(admin_user_)
    target, data = target_form(
        plan, field_thresholds='{"nope": 96, "land": "abc"}', unit_kinds="ward;badkind"
    )
    before = (target.unit_kinds, target.field_thresholds)
    response = client.post(reverse("admin:indicators_target_change", args=[target.pk]), data)
    assert response.status_code == 200
    html = htmllib.unescape(response.content.decode())
    assert 'Không có lĩnh vực TTHC mã "nope" (chọn trong: business, certification' in html
    assert 'Ngưỡng của lĩnh vực "land" phải là một số, không phải "abc".' in html
    assert 'Loại đơn vị không hợp lệ: "badkind"' in html
    target.refresh_from_db()
    assert (target.unit_kinds, target.field_thresholds) == before


def test_target_admin_saves_valid_field_thresholds(client, admin_user_, plan):
    client.force_login(admin_user_)
    target, data = target_form(plan, field_thresholds='{"land": 96}', unit_kinds="ward;agency")
    response = client.post(reverse("admin:indicators_target_change", args=[target.pk]), data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.field_thresholds, target.unit_kinds) == ({"land": 96}, "ward;agency")


def test_target_admin_sets_the_amber_margin(client, admin_user_, plan):
    client.force_login(admin_user_)
    target, data = target_form(plan, amber_margin="0.5")
    response = client.post(reverse("admin:indicators_target_change", args=[target.pk]), data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert str(target.amber_margin) == "0.50"


def test_task_admin_rejects_a_bad_assigned_kind(client, admin_user_, plan):
    task = plan.tasks.first()
    client.force_login(admin_user_)
    data = {
        "plan": plan.pk,
        "clause": task.clause_id,
        "code": task.code,
        "title": task.title,
        "assigned_kinds": "ward,badkind",
        "due_on": task.due_on.strftime("%d/%m/%Y"),
        "recurrence": task.recurrence,
    }
    response = client.post(reverse("admin:plans_task_change", args=[task.pk]), data)
    assert response.status_code == 200
    assert 'Loại đơn vị không hợp lệ: "badkind"' in htmllib.unescape(response.content.decode())


def test_tasks_and_targets_have_no_admin_import(client, admin_user_):
    client.force_login(admin_user_)
    html = client.get(reverse("admin:plans_task_changelist")).content.decode()
    assert "/import/" not in html
    with pytest.raises(NoReverseMatch):
        reverse("admin:plans_task_import")
    with pytest.raises(NoReverseMatch):
        reverse("admin:indicators_target_import")


def test_task_export_has_vietnamese_headers(client, admin_user_, plan):
    from plans.admin import TaskResource

    headers = TaskResource().get_export_headers()
    assert headers[:4] == ["Kế hoạch", "Mã nhiệm vụ", "Mục", "Nhiệm vụ"]
    assert "Hạn" in headers


def test_admin_speaks_vietnamese(client, admin_user_, settings):
    client.force_login(admin_user_)
    html = client.get(reverse("admin:index")).content.decode()
    assert f"Quản trị {settings.PORTAL_NAME}" in html
    assert "Quản trị hệ thống" in html
    assert "Django" not in html.split("<body")[0]  # not "Trang web admin Django"
    export = client.get(reverse("admin:plans_task_export")).content.decode()
    assert "Định dạng" in export and "Sẽ xuất các cột sau" in export
    assert "Format" not in export
    changelist = client.get(reverse("admin:plans_task_changelist")).content.decode()
    assert ">Xuất<" in changelist.replace("\n", "").replace(" ", "")
