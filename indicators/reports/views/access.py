"""Checks every page of “Đơn vị của tôi” makes: the current plan, a visible unit, write rights."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from plans.selectors import plan_current
from units.models import Unit


def plan_or_404():
    plan = plan_current()
    if plan is None:
        raise Http404
    return plan


def unit_or_404(request, unit_code) -> Unit:
    """The unit if the user may see it; 404 otherwise (a unit head never learns others exist)."""
    unit = get_object_or_404(Unit, code=unit_code)
    if not request.user.can_see_unit(unit) or unit.kind == Unit.Kind.DISTRICT:
        raise Http404
    return unit


def check_can_write(request, unit) -> None:
    if not request.user.can_edit_unit(unit):
        raise PermissionDenied
