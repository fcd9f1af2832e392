import math
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from odoo.addons.dealer_crm.tools.guard import check_governed, create_fields
from odoo.addons.dealer_crm_field.tools.geo import EARTH_RADIUS_M, bearing_deg

VISIT_DUE_FIELDS = ("dealer_visit_days", "dealer_last_visit_time", "dealer_next_visit_due")
NEARBY_RADIUS_M = 5000
NEARBY_MAX_RADIUS_M = 100_000
NEARBY_LIMIT = 20
NEARBY_MAX_LIMIT = 50


class ResPartner(models.Model):
    """How often a customer is to be visited, when its next visit is due,
    and the customers near a position."""

    _inherit = "res.partner"

    dealer_visit_interval_days = fields.Integer(
        string="Own Visit Frequency (days)",
        help="Days between two visits of this customer; 0 follows the company's frequency for its importance. "
             "Set by managers.",
    )
    dealer_visit_days = fields.Integer(
        string="Visit Every (days)", compute="_compute_dealer_visit_due", store=True,
        help="The customer's own frequency, else the company's for its importance.",
    )
    dealer_last_visit_time = fields.Datetime(
        string="Last Visit", compute="_compute_dealer_visit_due", store=True,
        help="The latest check-in at the customer, by anyone.",
    )
    dealer_next_visit_due = fields.Date(
        string="Next Visit Due", compute="_compute_dealer_visit_due", store=True, index="btree_not_null",
        help="The local day of the last check-in plus the frequency; for a customer never visited, the day its "
             "owner got it (or it was created). Customers without an owner are due nowhere.",
    )

    @api.depends(
        "dealer_checkin_ids.checkin_time", "dealer_importance", "dealer_visit_interval_days",
        "dealer_owner_since", "user_id", "user_id.tz", "company_id", "is_dealer", "is_company",
    )
    def _compute_dealer_visit_due(self):
        """One query for the last check-in of all the customers; the days
        are counted in the owner's time zone, as the owner plans them. The
        customers' visited spans (``dealer.visit.span``) are rebuilt with them."""
        last_visits = {}
        ids = [partner._origin.id for partner in self if partner._origin.id]
        if ids:
            self.env["dealer.checkin"].flush_model(["partner_id", "checkin_time"])
            last_visits = dict(self.env.execute_query(SQL(
                "SELECT partner_id, MAX(checkin_time) FROM dealer_checkin WHERE partner_id IN %s GROUP BY partner_id",
                tuple(ids),
            )))
        for partner in self:
            company = partner.company_id or partner.user_id.company_id or self.env.company
            days = partner.dealer_visit_interval_days or company._dealer_visit_days(partner.dealer_importance)
            last_visit = last_visits.get(partner._origin.id) or False
            due = False
            if partner.is_dealer and partner.is_company and partner.user_id:
                if last_visit:
                    due = partner.user_id._dealer_from_utc(last_visit).date() + timedelta(days=days)
                elif owner_since := partner.dealer_owner_since or partner.create_date:
                    due = partner.user_id._dealer_from_utc(owner_since).date()
            partner.dealer_visit_days = days
            partner.dealer_last_visit_time = last_visit
            partner.dealer_next_visit_due = due
        # The coverage report's visited spans come from the same check-ins,
        # frequency and time zone: they change together.
        self.env["dealer.visit.span"]._refresh({
            partner.id: (partner.dealer_visit_days, partner.user_id.tz)
            for partner in self if isinstance(partner.id, int) and partner.is_dealer and partner.is_company
        })

    @api.constrains("dealer_visit_interval_days")
    def _check_dealer_visit_interval_days(self):
        if any(partner.dealer_visit_interval_days < 0 for partner in self):
            raise ValidationError(self.env._("A visit frequency cannot be negative: enter 0 to follow the "
                                             "company's frequency for the customer's importance."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            given = create_fields(self, vals)
            self._dealer_check_visit_due_fields(given)
            if "dealer_visit_interval_days" in given and (
                    vals.get("dealer_visit_interval_days") or self.env.context.get("default_dealer_visit_interval_days")):
                self._dealer_check_may_set_visit_frequency()
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_visit_due_fields(vals)
        if "dealer_visit_interval_days" in vals:
            self._dealer_check_may_set_visit_frequency()
        return super().write(vals)

    def _dealer_owner_changed(self):
        """Customers left without an owner (dealer_crm_pool's recycling does
        it in SQL, behind the ORM's back) are due nowhere."""
        super()._dealer_owner_changed()
        if self.ids:
            self.flush_recordset(["user_id"])
            self.env.execute_query(SQL(
                """UPDATE res_partner SET dealer_next_visit_due = NULL
                    WHERE id IN %s AND user_id IS NULL AND dealer_next_visit_due IS NOT NULL""", tuple(self.ids)))
            self.invalidate_recordset(["dealer_next_visit_due"])

    def _dealer_check_visit_due_fields(self, field_names):
        check_governed(self, field_names, frozenset(VISIT_DUE_FIELDS), self.env._(
            "A customer's last visit and next visit due come from its check-ins; nobody sets them."))

    def _dealer_check_may_set_visit_frequency(self):
        if not self.env.su and not self.env.user._is_dealer_manager():
            raise AccessError(self.env._("Only managers set how often a customer is visited."))

    @api.model
    def _dealer_recompute_visit_due(self, domain):
        """Recompute the visit due dates of the customers of ``domain``
        (those the company frequencies apply to), now."""
        customers = self.with_context(active_test=False).sudo().search(
            [("is_dealer", "=", True), ("is_company", "=", True), *domain])
        for name in VISIT_DUE_FIELDS:
            self.env.add_to_compute(self._fields[name], customers)
        customers.flush_recordset(list(VISIT_DUE_FIELDS))

    def init(self):
        super().init()
        create_index(
            self.env.cr, "res_partner_dealer_position_index", self._table,
            ["partner_latitude", "partner_longitude"],
            where="is_dealer AND is_company AND partner_latitude IS NOT NULL AND partner_longitude IS NOT NULL",
        )

    @api.model
    @api.readonly
    def dealer_nearby(self, latitude, longitude, radius_m=NEARBY_RADIUS_M, limit=NEARBY_LIMIT):
        """The pinned customers the user may see nearest to ``latitude``,
        ``longitude`` (WGS-84, as the phone reports it), within ``radius_m``
        metres, ``limit`` at most (20 by default, 50 at most), nearest
        first: a bounding box on the indexed pin, then exact distances.

        Each row: id, name, distance in metres, bearing and compass
        direction from the position, the owner's name, and whether the
        customer is waiting in a public pool. Nothing else of the customer:
        what a pool hides stays hidden."""
        latitude, longitude = self._dealer_position(latitude, longitude)
        try:
            radius_m = min(max(float(radius_m), 1.0), NEARBY_MAX_RADIUS_M)
            limit = min(max(int(limit), 1), NEARBY_MAX_LIMIT)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(self.env._("The radius and the number of customers are numbers.")) from None
        if not math.isfinite(radius_m):
            raise ValidationError(self.env._("The radius and the number of customers are numbers."))
        delta_latitude = math.degrees(radius_m / EARTH_RADIUS_M)
        delta_longitude = math.degrees(radius_m / (EARTH_RADIUS_M * max(math.cos(math.radians(latitude)), 0.01)))
        query = self._search([
            ("is_dealer", "=", True), ("is_company", "=", True),
            ("partner_latitude", ">=", latitude - delta_latitude), ("partner_latitude", "<=", latitude + delta_latitude),
            ("partner_longitude", ">=", longitude - delta_longitude),
            ("partner_longitude", "<=", longitude + delta_longitude),
        ])
        pin_latitude = SQL.identifier(query.table, "partner_latitude")
        pin_longitude = SQL.identifier(query.table, "partner_longitude")
        distance = SQL(
            """2 * %(radius)s * asin(least(1, sqrt(
                   power(sin(radians(%(pin_latitude)s - %(latitude)s) / 2), 2)
                   + cos(radians(%(latitude)s)) * cos(radians(%(pin_latitude)s))
                     * power(sin(radians(%(pin_longitude)s - %(longitude)s) / 2), 2))))""",
            radius=EARTH_RADIUS_M, latitude=latitude, longitude=longitude,
            pin_latitude=pin_latitude, pin_longitude=pin_longitude,
        )
        query.add_where(SQL("%s <= %s", distance, radius_m))
        query.order = distance
        query.limit = limit
        rows = self.env.execute_query(query.select(SQL.identifier(query.table, "id"), distance))
        customers = self.browse([customer_id for customer_id, _distance in rows])
        waiting = customers._dealer_awaiting_claim()
        directions = self._dealer_compass_points()
        result = []
        for customer, (_id, metres) in zip(customers, rows):
            bearing = bearing_deg(latitude, longitude, customer.partner_latitude, customer.partner_longitude)
            result.append({
                "id": customer.id,
                "name": customer.name,
                "distance_m": round(metres),
                "bearing": round(bearing),
                "direction": directions[round(bearing / 45) % 8],
                "owner": customer.user_id.name or False,
                "in_pool": customer in waiting,
            })
        return result

    @api.model
    def _dealer_position(self, latitude, longitude):
        """``latitude``, ``longitude`` as floats on Earth, or a clear error."""
        try:
            latitude, longitude = float(latitude), float(longitude)
        except (TypeError, ValueError):
            latitude = longitude = math.nan
        if not (math.isfinite(latitude) and math.isfinite(longitude)
                and -90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValidationError(self.env._(
                "A position is a latitude within ±90° and a longitude within ±180°, in degrees."))
        return latitude, longitude

    def _dealer_compass_points(self):
        return [
            self.env._("North"), self.env._("Northeast"), self.env._("East"), self.env._("Southeast"),
            self.env._("South"), self.env._("Southwest"), self.env._("West"), self.env._("Northwest"),
        ]
