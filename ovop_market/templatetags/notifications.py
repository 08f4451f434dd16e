"""The unread-notification count for page headers (one query, signed-in users only)."""
from django import template

from ovop_market.selectors import notification_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = context["request"].user
    return notification_unread_count(user=user) if user.is_authenticated else 0
