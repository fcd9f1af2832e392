from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.dealer_crm.tools.guard import as_action, check_governed, create_fields, in_action
from odoo.addons.dealer_crm_field.tools.geo import haversine_m

LINE_STATES = [
    ("planned", "Planned"),
    ("visited", "Visited"),
    ("skipped", "Skipped"),
    ("missed", "Missed"),
]
# Written by actions and check-ins only; a salesperson reorders (sequence),
# changes the time, adds and removes stops, and gives the reason of a skip.
LINE_GOVERNED_FIELDS = frozenset({
    "state", "checkin_id", "plan_id", "event_id",
    # Computed, or copied from the plan and the customer.
    "distance_km", "visited_rate", "planned_clock", "user_id", "date", "company_id", "team_id", "region_id",
    "importance", "partner_latitude", "partner_longitude",
})
MAX_REASON_LENGTH = 500
# The most stops a plan holds: a day of visits, with room; routing grows
# with the square of the stops.
MAX_STOPS = 40


class DealerVisitPlanLine(models.Model):
    """One stop of a visit plan.

    A stop is visited by a check-in at its customer on the plan's day, by
    the plan's salesperson (``_dealer_fulfil``), skipped with a reason
    (``action_skip``), or missed when the day ends still planned (the
    plan's cron). Nobody writes its state.
    """

    _name = "dealer.visit.plan.line"
    _inherit = ["dealer.value.mixin"]
    _description = "Visit Plan Stop"
    _order = "date desc, user_id, sequence, id"
    _rec_name = "partner_id"

    plan_id = fields.Many2one("dealer.visit.plan", string="Plan", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(string="Order", default=100)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        domain=[("is_dealer", "=", True), ("is_company", "=", True)],
    )
    event_id = fields.Many2one(
        "calendar.event", string="Event", index="btree_not_null", readonly=True,
        help="The customer event of the day this stop keeps the time of.",
    )
    planned_time = fields.Datetime(string="Planned Time")
    planned_clock = fields.Char(
        string="Time", compute="_compute_planned_clock", help="The planned time on the salesperson's clock.",
    )
    state = fields.Selection(
        LINE_STATES, string="Status", required=True, default="planned", index=True, readonly=True,
    )
    skip_reason = fields.Char(string="Reason Skipped", size=MAX_REASON_LENGTH)
    checkin_id = fields.Many2one("dealer.checkin", string="Check-in", index="btree_not_null", readonly=True)
    distance_km = fields.Float(
        string="From Previous (km)", compute="_compute_distance_km", store=True,
        help="Straight-line distance from the previous stop, or from the plan's start point for the first.",
    )
    user_id = fields.Many2one(related="plan_id.user_id", string="Salesperson", store=True, index=True)
    date = fields.Date(related="plan_id.date", string="Day", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    team_id = fields.Many2one(related="plan_id.team_id", string="Sales Team", store=True)
    region_id = fields.Many2one(related="partner_id.dealer_region_id", string="Region", store=True)
    importance = fields.Selection(related="partner_id.dealer_importance", string="Importance")
    partner_latitude = fields.Float(related="partner_id.partner_latitude", string="Latitude")
    partner_longitude = fields.Float(related="partner_id.partner_longitude", string="Longitude")
    visited_rate = fields.Float(
        string="Achievement (%)", compute="_compute_visited_rate", store=True, aggregator="avg",
        help="100 for a visited stop, 0 for any other: averaged, the share of planned stops visited.",
    )

    _plan_partner_unique = models.Constraint(
        "UNIQUE(plan_id, partner_id)", "A customer is planned once a day.",
    )

    @api.depends("planned_time", "plan_id.user_id.tz")
    def _compute_planned_clock(self):
        for line in self:
            user = line.plan_id.user_id or self.env.user
            line.planned_clock = user._dealer_from_utc(line.planned_time).strftime("%H:%M") if line.planned_time else False

    @api.depends("state")
    def _compute_visited_rate(self):
        for line in self:
            line.visited_rate = 100.0 if line.state == "visited" else 0.0

    @api.depends(
        "sequence", "partner_id.partner_latitude", "partner_id.partner_longitude",
        "plan_id.line_ids.sequence", "plan_id.line_ids.partner_id",
        "plan_id.start_point", "plan_id.start_latitude", "plan_id.start_longitude",
    )
    def _compute_distance_km(self):
        for plan in self.plan_id:
            ordered = plan.line_ids.sorted(lambda line: (line.sequence, line.id))
            previous = plan._dealer_start_position(ordered.partner_id)
            for line in ordered:
                partner = line.partner_id
                here = (partner.partner_latitude, partner.partner_longitude)
                if not any(here):
                    line.distance_km = 0.0
                    continue
                line.distance_km = haversine_m(*previous, *here) / 1000.0 if previous else 0.0
                previous = here
        for line in self.filtered(lambda line: not line.plan_id):
            line.distance_km = 0.0

    # Who may write what ---------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_governed(self, create_fields(self, vals) - {"plan_id"}, LINE_GOVERNED_FIELDS, self.env._(
                "A stop is visited by a check-in and skipped with a reason, not written."))
        lines = super().create(vals_list)
        lines.plan_id._dealer_check_editable()
        lines._dealer_check_customers()
        if any(len(plan.line_ids) > MAX_STOPS for plan in lines.plan_id):
            raise UserError(self.env._("A plan holds %(count)s stops at most.", count=MAX_STOPS))
        lines._dealer_match_checkins()
        return lines

    def write(self, vals):
        check_governed(self, vals, LINE_GOVERNED_FIELDS, self.env._(
            "A stop is visited by a check-in and skipped with a reason, not written."))
        self.plan_id._dealer_check_editable()
        if "partner_id" in vals and not in_action(self) and self.filtered(lambda line: line.state != "planned"):
            raise UserError(self.env._("A stop visited, skipped or missed keeps its customer."))
        result = super().write(vals)
        if "partner_id" in vals:
            self._dealer_check_customers()
            self._dealer_match_checkins()
        return result

    def unlink(self):
        self.plan_id._dealer_check_editable()
        if not in_action(self) and not self.env.user.has_group("dealer_crm.group_dealer_manager") \
                and self.filtered(lambda line: line.state == "visited"):
            raise AccessError(self.env._("A visited stop stays in the plan."))
        return super().unlink()

    def _dealer_check_customers(self):
        """A salesperson plans the customers he may see, nothing else."""
        if self.env.su:
            return
        customers = self.partner_id
        visible = customers.search([("id", "in", customers.ids)])
        if customers - visible:
            raise AccessError(self.env._("You can plan visits to the customers you can see only."))
        waiting = customers._dealer_awaiting_claim()
        if waiting:
            raise UserError(self.env._("Claim %(customer)s from its pool before planning a visit.",
                                       customer=waiting[0].display_name))

    # Actions ---------------------------------------------------------------

    def action_skip(self, reason=None):
        """Skip stops still planned, with a reason: ``reason``, else the one
        written on each stop (required)."""
        self.plan_id._dealer_check_editable()
        if self.filtered(lambda line: line.state != "planned"):
            raise UserError(self.env._("Only a planned stop can be skipped."))
        for line in self:
            line_reason = (reason if isinstance(reason, str) else line.skip_reason or "").strip()
            if not line_reason:
                raise UserError(self.env._("Say why the visit to %(customer)s is skipped.",
                                           customer=line.partner_id.display_name))
            if len(line_reason) > MAX_REASON_LENGTH:
                raise UserError(self.env._("A reason is at most %(count)s characters.", count=MAX_REASON_LENGTH))
            as_action(line).write({"state": "skipped", "skip_reason": line_reason})
        return True

    def action_check_in(self):
        """Check in at the stop's customer (the check-in visits the stop)."""
        self.ensure_one()
        return self.env["dealer.checkin"]._screen_action(self.partner_id, self.event_id or None)

    @api.model
    def _dealer_fulfil(self, checkins):
        """Each check-in visits its salesperson's stop at its customer on its
        local day, unless the stop is visited already; a stop whose check-in
        moved to another day, customer or salesperson is open again."""
        Line = self.sudo()
        for line in Line.search([("checkin_id", "in", checkins.ids)]):
            if not line._dealer_matches(line.checkin_id):
                as_action(line).write({"state": "planned", "checkin_id": False})
        for checkin in checkins:
            if not checkin.user_id or not checkin.checkin_time:
                continue
            day = checkin.user_id._dealer_from_utc(checkin.checkin_time).date()
            lines = Line.search([
                ("user_id", "=", checkin.user_id.id), ("date", "=", day),
                ("state", "in", ("planned", "skipped", "missed")),
                ("partner_id", "=", checkin.partner_id.commercial_partner_id.id),
            ])
            if lines:
                as_action(lines).write({"state": "visited", "checkin_id": checkin.id, "skip_reason": False})

    def _dealer_match_checkins(self):
        """Stops planned after their visit: the check-ins of their day visit them."""
        checkins = self.env["dealer.checkin"]
        for plan, lines in self.filtered(lambda line: line.state != "visited").grouped("plan_id").items():
            checkins |= plan._dealer_day_checkins(lines.partner_id)
        if checkins:
            self._dealer_fulfil(checkins)

    def _dealer_matches(self, checkin):
        """Whether ``checkin`` is a visit of this stop: its salesperson's, at
        its customer, on its day."""
        self.ensure_one()
        return bool(
            checkin.user_id == self.user_id and checkin.checkin_time
            and checkin.partner_id.commercial_partner_id == self.partner_id
            and checkin.user_id._dealer_from_utc(checkin.checkin_time).date() == self.date
        )
