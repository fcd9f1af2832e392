from odoo import fields, models

from ..tools.settings import DEFAULTS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_followup_backdate_days = fields.Integer(
        string="Back-dating Window (days)",
        config_parameter="dealer_crm.followup_backdate_days",
        default=DEFAULTS["dealer_crm.followup_backdate_days"],
        help="How far back a salesperson may date a follow-up; managers are not limited.",
    )
    dealer_checkin_radius_m = fields.Integer(
        string="Check-in Radius (m)",
        config_parameter="dealer_crm.checkin_radius_m",
        default=DEFAULTS["dealer_crm.checkin_radius_m"],
    )
    dealer_checkin_min_photos = fields.Integer(
        string="Photos per Check-in",
        config_parameter="dealer_crm.checkin_min_photos",
        default=DEFAULTS["dealer_crm.checkin_min_photos"],
    )
    dealer_checkin_max_accuracy_m = fields.Integer(
        string="Worst Accepted GPS Accuracy (m)",
        config_parameter="dealer_crm.checkin_max_accuracy_m",
        default=DEFAULTS["dealer_crm.checkin_max_accuracy_m"],
    )
    dealer_checkin_photo_max_gap_minutes = fields.Integer(
        string="Photo Time Tolerance (minutes)", config_parameter="dealer_crm.checkin_photo_max_gap_minutes",
        default=DEFAULTS["dealer_crm.checkin_photo_max_gap_minutes"],
    )
    dealer_checkin_photo_max_mb = fields.Integer(
        string="Largest Photo (MB)",
        config_parameter="dealer_crm.checkin_photo_max_mb",
        default=DEFAULTS["dealer_crm.checkin_photo_max_mb"],
    )
