from django import template

from plans.statuses import action_status

register = template.Library()


@register.simple_tag
def action_status_on(action, as_of):
    """`{% action_status_on a as_of as status %}`: a corrective action's status as of the
    page's day (`plans.statuses.action_status`), for `{% status_badge status %}`."""
    return action_status(action, as_of=as_of)
