import pytest
from django.core.cache import cache
from django.core.management import call_command

from plans.models import Plan
from tests.factories import unit_head, user_with_role
from units.models import Role, Unit


@pytest.fixture
def plan(db) -> Plan:
    call_command("load_plan", "CCHC-2021", stdout=open("/dev/null", "w"))
    return Plan.objects.get(code="CCHC-2021")


@pytest.fixture
def noivu_user(plan):
    return user_with_role(Role.NOIVU, Unit.objects.get(code="NV"), username="noivu")


@pytest.fixture
def leader_user(plan):
    return user_with_role(Role.LEADER, Unit.objects.get(code="Q3"), username="lanhdao")


@pytest.fixture
def admin_user_(plan):
    user = user_with_role(Role.ADMIN, Unit.objects.get(code="Q3"), username="admin")
    user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def head_p01(plan):
    return unit_head(Unit.objects.get(code="P01"))


@pytest.fixture
def head_p02(plan):
    return unit_head(Unit.objects.get(code="P02"))


@pytest.fixture(autouse=True)
def _background_jobs_inline(settings):
    """Jobs queued in eager mode run right after the commit on the test's connection, not in a
    thread (see common.background)."""
    settings.BACKGROUND_SYNC = True


@pytest.fixture(autouse=True)
def _cache_cleared():
    """Each test starts with an empty cache: the database is rolled back between tests, so a
    plan's cached public figures would otherwise outlive it."""
    cache.clear()
