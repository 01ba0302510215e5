from django.contrib.auth.models import Group

from units.models import Role, Unit
from units.selectors import units_visible_to


def test_each_role_has_a_group_with_permissions(plan):
    for role in Role:
        assert Group.objects.get(name=role.label).permissions.exists()


def test_leader_group_only_reads(plan):
    codenames = Group.objects.get(name=Role.LEADER.label).permissions.values_list(
        "codename", flat=True
    )
    assert all(c.startswith("view_") for c in codenames)


def test_unit_head_sees_only_own_unit(head_p01):
    assert list(units_visible_to(user=head_p01)) == [head_p01.unit]
    assert head_p01.can_edit_unit(head_p01.unit)
    assert not head_p01.can_see_unit(Unit.objects.get(code="P02"))


def test_noivu_sees_and_edits_every_unit(noivu_user):
    p02 = Unit.objects.get(code="P02")
    assert units_visible_to(user=noivu_user).count() == Unit.objects.count()
    assert noivu_user.can_edit_unit(p02)


def test_leader_sees_everything_but_edits_nothing(leader_user):
    p02 = Unit.objects.get(code="P02")
    assert leader_user.can_see_unit(p02)
    assert not leader_user.can_edit_unit(p02)


def test_user_in_group_of_their_role(head_p01):
    assert list(head_p01.groups.values_list("name", flat=True)) == [Role.UNIT_HEAD.label]
