"""Field work's settings (system parameters) and their defaults."""
from odoo.addons.dealer_crm.tools import settings

DEFAULTS = {
    "dealer_crm.followup_backdate_days": 3,
    "dealer_crm.checkin_radius_m": 500,
    "dealer_crm.checkin_min_photos": 1,
    "dealer_crm.checkin_max_accuracy_m": 200,
    "dealer_crm.checkin_photo_max_gap_minutes": 10,
    "dealer_crm.checkin_photo_max_mb": 15,
}


def get_setting(env, key):
    """The integer value of field-work setting ``key``, or its default."""
    return settings.get_setting(env, key, DEFAULTS)
