import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.res_company import COORDINATE_SYSTEMS
from ..tools.coords import to_wgs84

# The import's pin columns: (key, Chinese title, English title, required).
PIN_COLUMNS = [
    ("latitude", "纬度", "Latitude", False),
    ("longitude", "经度", "Longitude", False),
    ("coordinate_system", "坐标系", "Coordinate System", False),
]
PIN_SYNONYMS = {
    "latitude": ("Lat", "Geo Latitude", "纬度坐标", "北纬"),
    "longitude": ("Lng", "Lon", "Long", "Geo Longitude", "经度坐标", "东经"),
    "coordinate_system": ("坐标类型", "坐标系统", "Coordinates", "Datum"),
}
# What people write in the coordinate-system column, in comparison form
# (lower case, without spaces, dashes and underscores).
SYSTEM_NAMES = {
    "wgs84": ("wgs84", "gps", "wgs", "地球坐标", "地球坐标系", "原始坐标", "googleearth", "谷歌地球"),
    "gcj02": ("gcj02", "gcj", "火星坐标", "火星坐标系", "国测局坐标", "国测局", "高德", "高德地图", "amap", "腾讯",
              "腾讯地图", "qq地图", "企业微信", "wecom"),
}
NAME_NOISE = re.compile(r"[\s\-_]")
DEGREE_SIGNS = re.compile(r"[°º˚]")


class DealerImportWizard(models.TransientModel):
    """The import reads pins too: a latitude and a longitude, in WGS-84 or
    GCJ-02 (the option, or a Coordinate System column per row), stored as
    WGS-84."""

    _inherit = "dealer.import.wizard"

    coordinate_system = fields.Selection(
        COORDINATE_SYSTEMS, string="Coordinates in the File", required=True, default="gcj02",
        help="The coordinate system of the Latitude and Longitude columns, unless a Coordinate System column says "
             "otherwise: GCJ-02 for pins copied from AMap, Tencent or WeCom; WGS-84 for GPS devices. Pins are "
             "stored in WGS-84.",
    )

    @api.model
    def _columns(self):
        return super()._columns() + PIN_COLUMNS

    @api.model
    def _column_synonyms(self):
        return {**super()._column_synonyms(), **PIN_SYNONYMS}

    def _plan_row(self, row, plan, lookups, states, existing, seen):
        pin = self._dealer_row_pin(row)
        super()._plan_row(row, plan, lookups, states, existing, seen)
        if pin and row.status != "invalid":
            row.vals.update(partner_latitude=pin[0], partner_longitude=pin[1])

    def _dealer_row_pin(self, row):
        """The row's pin in WGS-84, or None (a problem noted on the row)."""
        record = row.record
        latitude, longitude = record.get("latitude", ""), record.get("longitude", "")
        system_text = record.get("coordinate_system", "")
        if not latitude and not longitude:
            return None
        if not (latitude and longitude):
            row.messages.append(self.env._("A location needs both a latitude and a longitude."))
            return None
        try:
            latitude, longitude = self.env["res.partner"]._dealer_position(
                DEGREE_SIGNS.sub("", latitude), DEGREE_SIGNS.sub("", longitude))
        except ValidationError as error:
            row.messages.append(error.args[0])
            return None
        system = self.coordinate_system
        if system_text:
            system = self._dealer_coordinate_system(system_text)
            if not system:
                row.messages.append(self.env._(
                    "“%(value)s” is not a coordinate system: write WGS-84 (GPS) or GCJ-02 (AMap, Tencent).",
                    value=system_text))
                return None
        return to_wgs84(system, latitude, longitude)

    @api.model
    def _dealer_coordinate_system(self, text):
        """The coordinate system ``text`` names, or None."""
        name = NAME_NOISE.sub("", text).lower()
        return next((system for system, names in SYSTEM_NAMES.items() if name in names), None)
