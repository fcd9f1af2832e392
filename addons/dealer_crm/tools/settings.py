"""Dealer CRM's settings (system parameters): each addon keeps its own
defaults and reads them through :func:`get_setting`."""


def get_setting(env, key, defaults):
    """The integer value of setting ``key``, or its default in ``defaults``."""
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        return int(value) if value not in (None, False, "") else defaults[key]
    except ValueError:
        return defaults[key]
