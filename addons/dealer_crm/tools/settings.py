"""Dealer CRM's settings (system parameters) and their defaults."""

DEFAULTS = {
    "dealer_crm.agreement_reminder_days": 30,
}


def get_setting(env, key, defaults=DEFAULTS):
    """The integer value of setting ``key``, or its default in ``defaults``."""
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        return int(value) if value not in (None, False, "") else defaults[key]
    except ValueError:
        return defaults[key]
