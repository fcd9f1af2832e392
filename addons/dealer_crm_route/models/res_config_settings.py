from odoo import fields, models

from ..tools.settings import DEFAULTS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_visit_days_a = fields.Integer(related="company_id.dealer_visit_days_a", readonly=False)
    dealer_visit_days_b = fields.Integer(related="company_id.dealer_visit_days_b", readonly=False)
    dealer_visit_days_c = fields.Integer(related="company_id.dealer_visit_days_c", readonly=False)
    dealer_visit_days_d = fields.Integer(related="company_id.dealer_visit_days_d", readonly=False)
    dealer_map_tiles = fields.Selection(related="company_id.dealer_map_tiles", readonly=False)
    dealer_map_tile_url = fields.Char(related="company_id.dealer_map_tile_url", readonly=False)
    dealer_map_tile_subdomains = fields.Char(related="company_id.dealer_map_tile_subdomains", readonly=False)
    dealer_map_tile_attribution = fields.Char(related="company_id.dealer_map_tile_attribution", readonly=False)
    dealer_map_tile_system = fields.Selection(related="company_id.dealer_map_tile_system", readonly=False)
    dealer_checkin_max_speed_kmh = fields.Integer(
        string="Fastest Believable Travel (km/h)",
        config_parameter="dealer_crm.checkin_max_speed_kmh",
        default=DEFAULTS["dealer_crm.checkin_max_speed_kmh"],
    )
    dealer_checkin_min_stay_minutes = fields.Integer(
        string="Shortest Visit (minutes)",
        config_parameter="dealer_crm.checkin_min_stay_minutes",
        default=DEFAULTS["dealer_crm.checkin_min_stay_minutes"],
    )
    dealer_photo_reuse_days = fields.Integer(
        string="Photo Reuse Window (days)",
        config_parameter="dealer_crm.photo_reuse_days",
        default=DEFAULTS["dealer_crm.photo_reuse_days"],
    )
    dealer_route_visits_per_day = fields.Integer(
        string="Visits per Day",
        config_parameter="dealer_crm.route_visits_per_day",
        default=DEFAULTS["dealer_crm.route_visits_per_day"],
        help="How many visits Plan my Day proposes, the day's customer events included.",
    )
