"""Dealer CRM's settings (system parameters) and their defaults."""

DEFAULTS = {
    "dealer_crm.followup_backdate_days": 3,
    "dealer_crm.checkin_radius_m": 500,
    "dealer_crm.checkin_min_photos": 1,
    "dealer_crm.checkin_max_accuracy_m": 200,
    "dealer_crm.checkin_photo_max_gap_minutes": 10,
    "dealer_crm.checkin_photo_max_mb": 15,
    "dealer_crm.agreement_reminder_days": 30,
}


def get_setting(env, key):
    """The integer value of setting ``key``, or its default."""
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        return int(value) if value not in (None, False, "") else DEFAULTS[key]
    except ValueError:
        return DEFAULTS[key]
