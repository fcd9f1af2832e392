"""Visit planning's settings (system parameters) and their defaults."""
from odoo.addons.dealer_crm.tools import settings

DEFAULTS = {
    "dealer_crm.checkin_max_speed_kmh": 150,
    "dealer_crm.checkin_min_stay_minutes": 3,
    "dealer_crm.photo_reuse_days": 180,
    "dealer_crm.route_visits_per_day": 6,
}


def get_setting(env, key):
    """The integer value of visit-planning setting ``key``, or its default."""
    return settings.get_setting(env, key, DEFAULTS)
