"""The sales addon's settings (system parameters) and their defaults."""
from odoo.addons.dealer_crm.tools import settings

DEFAULTS = {
    "dealer_crm.agreement_reminder_days": 30,
}


def get_setting(env, key):
    """The integer value of sales setting ``key``, or its default."""
    return settings.get_setting(env, key, DEFAULTS)
