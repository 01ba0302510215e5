import datetime as dt

import factory
from django.contrib.auth.hashers import make_password

from indicators.models import Dossier, ProcedureField
from units.models import Role, Unit, User
from units.roles import user_set_role

PASSWORD = "demo-2021"
_HASHED = make_password(PASSWORD)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.LazyAttribute(lambda o: f"Đơn vị {o.code}")
    kind = Unit.Kind.WARD


class ProcedureFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureField
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"field-{n}")
    name = factory.LazyAttribute(lambda o: o.code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = _HASHED
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")

    @factory.post_generation
    def with_role(self, create, extracted, **kwargs):
        role = kwargs.get("role") or extracted
        if role:
            user_set_role(user=self, role=role, unit=kwargs.get("unit") or self.unit)


def user_with_role(role: str, unit: Unit | None = None, username: str | None = None) -> User:
    user = UserFactory(
        username=username or f"{role}-{unit.code if unit else 'x'}".lower(), unit=unit
    )
    user_set_role(user=user, role=role, unit=unit)
    return user


def unit_head(unit: Unit) -> User:
    return user_with_role(Role.UNIT_HEAD, unit, username=f"head-{unit.code.lower()}")


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    code = factory.Sequence(lambda n: f"HS-{n:07d}")
    unit = factory.SubFactory(UnitFactory)
    field = factory.SubFactory(ProcedureFieldFactory)
    received_on = dt.date(2021, 2, 1)
    due_on = dt.date(2021, 2, 10)
    resolved_on = dt.date(2021, 2, 9)
