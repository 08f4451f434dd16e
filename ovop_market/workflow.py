"""The one way a status changes: checked against a transition table and recorded."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def status_transition(*, instance, field: str, to: str, allowed: dict, history, by, reason: str = "", **history_fields):
    """Move ``instance.<field>`` to ``to`` if ``allowed`` permits it and write a ``history`` row.

    The caller holds the row lock and the transaction; this only checks, writes and records.
    Raises ``ValidationError`` for a change the table does not allow.
    """
    current = getattr(instance, field)
    if to not in allowed.get(current, ()):
        raise ValidationError(
            _("Cannot change status from “%(from)s” to “%(to)s”.") % {"from": current, "to": to},
            code="invalid_transition",
        )
    setattr(instance, field, to)
    instance.save(update_fields=[field, *history_fields.pop("update_fields", [])])
    return history.objects.create(from_status=current, to_status=to, by=by, reason=reason, **history_fields)
