"""Fields that only their actions write.

A governed field (a customer's owner, an order's state, an agreement's
approval …) is written by the action that enforces its rules, never by a
plain ``write``/``create`` from a client. Neither ``readonly=`` in a view nor
a context key a client can send protects it: the action marks its own
writes with a context value that JSON cannot produce, and ``write``/
``create`` refuse the governed keys without it.
"""
from odoo.exceptions import AccessError

CONTEXT_KEY = "dealer_action"


class _ActionToken(str):
    """A context value only server code holds: a client's JSON context has
    plain strings, never this object, which is compared by identity."""

    __slots__ = ()


ACTION_TOKEN = _ActionToken(CONTEXT_KEY)


def as_action(records):
    """``records`` for an action that made its own checks and now writes
    governed fields."""
    return records.with_context(**{CONTEXT_KEY: ACTION_TOKEN})


def marked_by_action(records):
    """Whether an action marked ``records`` with :func:`as_action`."""
    return records.env.context.get(CONTEXT_KEY) is ACTION_TOKEN


def in_action(records):
    """Whether ``records`` are written by an action (or the superuser)."""
    return records.env.su or marked_by_action(records)


def check_governed(records, field_names, governed, message):
    """Refuse, with ``message``, a plain write of any of ``governed`` among
    ``field_names``."""
    if not in_action(records) and governed.intersection(field_names):
        raise AccessError(message)


def create_fields(records, vals):
    """The fields a ``create`` of ``vals`` on ``records`` sets: those of
    ``vals`` and those the client's context gives defaults for."""
    return set(vals) | {key.removeprefix("default_") for key in records.env.context if key.startswith("default_")}
