from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.tiles import CUSTOM_MAX_ZOOM, TILE_PRESETS, valid_tile_url

# A customer's importance (dealer_crm's selection value) → the company field
# holding how many days may pass between two of its visits.
VISIT_DAYS_FIELDS = {
    "3": "dealer_visit_days_a",
    "2": "dealer_visit_days_b",
    "1": "dealer_visit_days_c",
    "0": "dealer_visit_days_d",
}
MAP_TILES = [
    ("osm", "OpenStreetMap"),
    ("amap", "AMap (高德地图)"),
    ("custom", "Custom"),
    ("none", "No Tiles"),
]
COORDINATE_SYSTEMS = [
    ("wgs84", "WGS-84 (GPS, OpenStreetMap)"),
    ("gcj02", "GCJ-02 (Chinese maps)"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_visit_days_a = fields.Integer(string="Visit A Customers Every (days)", default=7)
    dealer_visit_days_b = fields.Integer(string="Visit B Customers Every (days)", default=14)
    dealer_visit_days_c = fields.Integer(string="Visit C Customers Every (days)", default=30)
    dealer_visit_days_d = fields.Integer(string="Visit D Customers Every (days)", default=90)

    dealer_map_tiles = fields.Selection(
        MAP_TILES, string="Map Tiles", required=True, default="osm",
        help="Where the map's background comes from. Without tiles the map shows its markers and routes on a "
             "plain background.",
    )
    dealer_map_tile_url = fields.Char(
        string="Tile URL", help="A template with {x}, {y} and {z} (and {s} for the servers listed), for custom tiles.",
    )
    dealer_map_tile_subdomains = fields.Char(string="Tile Servers", help="The letters or digits {s} stands for.")
    dealer_map_tile_attribution = fields.Char(string="Tile Attribution", help="The credit the provider requires.")
    dealer_map_tile_system = fields.Selection(
        COORDINATE_SYSTEMS, string="Tile Coordinates", required=True, default="wgs84",
        help="Chinese providers draw their maps in GCJ-02: markers are converted for them.",
    )

    @api.constrains("dealer_map_tiles", "dealer_map_tile_url")
    def _check_dealer_map_tiles(self):
        for company in self:
            if company.dealer_map_tiles == "custom" and not valid_tile_url(company.dealer_map_tile_url):
                raise ValidationError(self.env._(
                    "A tile URL starts with https:// (or http://) and holds {x}, {y} and {z}."))

    def _dealer_map_tiles(self):
        """The map tiles of the company: url, subdomains, attribution, the
        coordinate system and the deepest zoom; False without tiles."""
        self.ensure_one()
        if self.dealer_map_tiles == "none":
            return False
        if self.dealer_map_tiles == "custom":
            return {
                "url": self.dealer_map_tile_url,
                "subdomains": self.dealer_map_tile_subdomains or "",
                "attribution": self.dealer_map_tile_attribution or "",
                "system": self.dealer_map_tile_system,
                "max_zoom": CUSTOM_MAX_ZOOM,
            }
        return dict(TILE_PRESETS[self.dealer_map_tiles])

    @api.constrains(*VISIT_DAYS_FIELDS.values())
    def _check_dealer_visit_days(self):
        for company in self:
            if any(company[name] <= 0 for name in VISIT_DAYS_FIELDS.values()):
                raise ValidationError(self.env._("A visit frequency is a number of days greater than zero."))

    def _dealer_visit_days(self, importance):
        """Days between two visits of a customer of ``importance`` here."""
        self.ensure_one()
        return self[VISIT_DAYS_FIELDS.get(importance or "0", "dealer_visit_days_d")]

    def write(self, vals):
        result = super().write(vals)
        if set(VISIT_DAYS_FIELDS.values()) & set(vals):
            self.env["res.partner"]._dealer_recompute_visit_due([
                "|", ("company_id", "in", self.ids),
                "&", ("company_id", "=", False), ("user_id.company_id", "in", self.ids),
            ])
        return result
