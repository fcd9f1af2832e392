import random
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, clean_context

from odoo.addons.dealer_crm.tools.guard import as_action, check_governed, create_fields, in_action
from odoo.addons.dealer_crm_field.tools.geo import haversine_m

from ..tools.coords import wgs84_to_gcj02
from ..tools.route import plan_day
from ..tools.settings import get_setting

START_POINTS = [
    ("position", "Current Position"),
    ("home", "Home"),
    ("office", "Office"),
]
# Minutes after local midnight at which a planned day of visits starts, and
# the time a visit takes, for the planned times of the stops.
DAY_START_MINUTE = 9 * 60
VISIT_MINUTES = 45
# The most customers the map shows at once, and the years it shows.
MAP_CUSTOMER_LIMIT = 2000
MAP_FIRST_YEAR, MAP_LAST_YEAR = 2000, 2999
# How far from the day's first stop the other customers of a planned day
# may be: a city and its outskirts, not the next city.
DAY_REACH_KM = 50
# Days of the week (Monday 0) that Plan my Week fills.
WORKING_WEEKDAYS = range(5)
# What only a manager changes on a plan, and what nobody writes (computed).
PLAN_MANAGED_FIELDS = frozenset({"user_id", "date", "company_id"})
PLAN_COMPUTED_FIELDS = frozenset({
    "name", "team_id", "line_count", "visited_count", "achievement", "total_distance_km", "is_past",
})


def _pin(customer):
    """The customer's pin as ``(latitude, longitude)``, or None."""
    if customer.partner_latitude or customer.partner_longitude:
        return customer.partner_latitude, customer.partner_longitude
    return None


class DealerVisitPlan(models.Model):
    """A salesperson's visits of one local day, in route order.

    Salespeople plan, reorder and trim their own days from today on; their
    managers see and adjust their team's plans, past days included. A line
    is visited by a check-in, never by a write (see the plan line).
    """

    _name = "dealer.visit.plan"
    _description = "Visit Plan"
    _inherit = ["dealer.value.mixin", "mail.thread"]
    _order = "date desc, user_id, id"
    _dealer_value_ranges = {"start_latitude": (-90.0, 90.0), "start_longitude": (-180.0, 180.0)}

    name = fields.Char(string="Plan", compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, tracking=True,
        default=lambda self: self.env.user, domain=[("share", "=", False)],
    )
    date = fields.Date(
        string="Day", required=True, index=True, tracking=True,
        default=lambda self: self.env.user._dealer_local_today(),
    )
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True, default=lambda self: self.env.company,
    )
    team_id = fields.Many2one(
        related="user_id.sale_team_id", string="Sales Team", store=True, help="The salesperson's sales team.",
    )
    start_point = fields.Selection(START_POINTS, string="Start From", required=True, default="office")
    start_latitude = fields.Float(string="Start Latitude", digits=(10, 7))
    start_longitude = fields.Float(string="Start Longitude", digits=(10, 7))
    line_ids = fields.One2many("dealer.visit.plan.line", "plan_id", string="Stops", copy=True)
    line_count = fields.Integer(string="Planned", compute="_compute_progress", store=True)
    visited_count = fields.Integer(string="Visited", compute="_compute_progress", store=True)
    achievement = fields.Float(
        string="Achievement (%)", compute="_compute_progress", store=True, aggregator="avg",
        help="The share of the planned stops visited (拜访达成率).",
    )
    total_distance_km = fields.Float(
        string="Route (km)", compute="_compute_progress", store=True,
        help="The straight-line length of the route, from the start point through every stop in order.",
    )
    is_past = fields.Boolean(string="Past Day", compute="_compute_is_past")

    _user_date_unique = models.Constraint(
        "UNIQUE(user_id, date)", "A salesperson has one visit plan per day.",
    )

    @api.depends("user_id", "date")
    def _compute_name(self):
        for plan in self:
            plan.name = f"{plan.user_id.name or ''} {plan.date or ''}".strip()

    @api.depends("line_ids.state", "line_ids.distance_km")
    def _compute_progress(self):
        for plan in self:
            lines = plan.line_ids
            plan.line_count = len(lines)
            plan.visited_count = len(lines.filtered(lambda line: line.state == "visited"))
            plan.achievement = 100.0 * plan.visited_count / plan.line_count if plan.line_count else 0.0
            plan.total_distance_km = sum(lines.mapped("distance_km"))

    @api.depends("date", "user_id")
    def _compute_is_past(self):
        for plan in self:
            plan.is_past = bool(plan.date) and plan.date < (plan.user_id or self.env.user)._dealer_local_today()

    # Who may write what ---------------------------------------------------

    def _dealer_is_manager(self):
        return self.env.su or self.env.user.has_group("dealer_crm.group_dealer_manager")

    def _dealer_check_editable(self):
        """Salespeople change their own plans of today and later days only:
        what is past is what happened, and only a manager adjusts it."""
        if self._dealer_is_manager() or in_action(self):
            return
        for plan in self:
            if plan.user_id != self.env.user:
                raise AccessError(self.env._("Only a manager changes another salesperson's visit plan."))
            if plan.date < self.env.user._dealer_local_today():
                raise AccessError(self.env._(
                    "The plan of %(day)s is over: only a manager can change it.", day=plan.date))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_governed(self, create_fields(self, vals), PLAN_COMPUTED_FIELDS, self.env._(
                "A plan's figures are computed from its stops."))
        plans = super().create(vals_list)
        plans._dealer_check_editable()
        return plans

    def write(self, vals):
        check_governed(self, vals, PLAN_COMPUTED_FIELDS, self.env._("A plan's figures are computed from its stops."))
        if not self._dealer_is_manager():
            check_governed(self, vals, PLAN_MANAGED_FIELDS, self.env._(
                "A visit plan stays with its salesperson and its day; a manager can move it."))
        self._dealer_check_editable()
        result = super().write(vals)
        if "user_id" in vals and not self.env.su:
            # Moved to another salesperson: still within the manager's scope.
            self.check_access("write")
        return result

    def unlink(self):
        self._dealer_check_editable()
        if not self._dealer_is_manager() and self.line_ids.filtered(lambda line: line.state == "visited"):
            raise AccessError(self.env._("A plan with visits done stays: skip the stops left instead."))
        return super().unlink()

    # Planning -------------------------------------------------------------

    def _dealer_start_position(self, candidates=()):
        """Where the day starts: the device's position, the salesperson's home
        or office pin, whichever the plan asks and is known, else the first
        candidate's pin (the route then starts at a customer)."""
        self.ensure_one()
        user = self.user_id
        points = {
            "position": (self.start_latitude, self.start_longitude),
            "home": (user.partner_id.partner_latitude, user.partner_id.partner_longitude),
            "office": (self.company_id.partner_id.partner_latitude, self.company_id.partner_id.partner_longitude),
        }
        order = [self.start_point] + [key for key, _label in START_POINTS if key != self.start_point]
        for key in order:
            if any(points[key]):
                return points[key]
        return next((_pin(partner) for partner in candidates if _pin(partner)), None)

    def _dealer_events(self):
        """The salesperson's customer events of the plan's day, by customer
        (an event at a time before an all-day one)."""
        self.ensure_one()
        start, end = self.user_id._dealer_local_day_bounds(self.date)
        events = self.env["calendar.event"].sudo().search([
            ("user_id", "=", self.user_id.id), ("dealer_partner_id", "!=", False),
            "|",
            "&", "&", ("allday", "=", False), ("start", ">=", start), ("start", "<", end),
            "&", "&", ("allday", "=", True), ("start_date", "<=", self.date), ("stop_date", ">=", self.date),
        ], order="allday, start")
        by_customer = {}
        for event in events:
            by_customer.setdefault(event.dealer_partner_id.commercial_partner_id, event)
        return by_customer

    def _dealer_candidates(self, excluded):
        """The salesperson's customers worth a visit on the plan's day, most
        important first, then the longest overdue: those whose visit is due
        by then and those with a follow-up due by the end of the day."""
        self.ensure_one()
        user = self.user_id
        _start, end = user._dealer_local_day_bounds(self.date)
        Partner = self.env["res.partner"].with_user(user).with_company(self.company_id)
        domain = [
            ("is_dealer", "=", True), ("is_company", "=", True), ("user_id", "=", user.id),
            ("id", "not in", list(excluded)),
            "|", ("dealer_next_visit_due", "<=", self.date), ("next_followup_date", "<", end),
        ]
        customers = Partner.search(domain)

        def urgency(customer):
            due = customer.dealer_next_visit_due or self.date
            if customer.next_followup_date:
                followup_day = user._dealer_from_utc(customer.next_followup_date).date()
                due = min(due, followup_day)
            return (-int(customer.dealer_importance or 0), due, customer.name or "", customer.id)

        return customers.sudo().sorted(urgency)

    def _dealer_fill(self, excluded=()):
        """Add to the plan the day's customer events and the most urgent
        customers, up to the visits a day allows, then route the plan."""
        self.ensure_one()
        limit = max(get_setting(self.env, "dealer_crm.route_visits_per_day"), 1)
        # The client's context gives no defaults to what the action creates.
        Line = self.env["dealer.visit.plan.line"].with_context(clean_context(self.env.context))
        planned = self.line_ids.partner_id
        new_lines = []
        events = self._dealer_events()
        visible = self.env["res.partner"].with_user(self.user_id).search([("id", "in", [c.id for c in events])])
        for customer, event in events.items():
            if customer in planned or customer not in visible:
                continue
            new_lines.append({"plan_id": self.id, "partner_id": customer.id, "event_id": event.id})
            planned |= customer
        room = limit - len(planned)
        if room > 0:
            visited = self._dealer_day_checkins().partner_id.commercial_partner_id
            candidates = self._dealer_candidates(set(planned.ids) | set(visited.ids) | set(excluded))
            # The day goes where its first stop is (a stop already planned,
            # an event, else the most urgent customer): customers farther
            # than a day's reach from there wait for another day.
            anchor = next((_pin(customer) for customer in planned | candidates if _pin(customer)), None)
            reachable = candidates.filtered(lambda customer: not anchor or not _pin(customer) or haversine_m(
                *anchor, *_pin(customer)) <= DAY_REACH_KM * 1000)
            for customer in reachable[:room]:
                new_lines.append({"plan_id": self.id, "partner_id": customer.id})
        as_action(Line).create(new_lines)
        self._dealer_route()
        return self

    def _dealer_day_checkins(self, customers=None):
        """The salesperson's check-ins of the plan's local day, earliest
        first; at ``customers`` (and their contacts) when given."""
        self.ensure_one()
        start, end = self.user_id._dealer_local_day_bounds(self.date)
        domain = [("user_id", "=", self.user_id.id), ("checkin_time", ">=", start), ("checkin_time", "<", end)]
        if customers is not None:
            domain.append(("partner_id", "child_of", customers.ids))
        return self.env["dealer.checkin"].sudo().search(domain, order="checkin_time, id")

    def _dealer_route(self):
        """Order the stops still open into a short route from the start point
        (nearest neighbour improved by 2-opt and or-opt), events at their
        times, and set each stop's planned time. Visited and skipped stops
        keep their place at the head of the day; stops without a pin go last."""
        for plan in self:
            lines = plan.line_ids.sorted(lambda line: (line.sequence, line.id))
            done = lines.filtered(lambda line: line.state != "planned")
            open_lines = lines - done
            pinned = open_lines.filtered(lambda line: _pin(line.partner_id))
            start = plan._dealer_start_position(pinned.partner_id)
            ordered = done
            timings = {}
            if pinned and start:
                user = plan.user_id
                midnight = datetime.combine(plan.date, time.min)
                events, stops = [], []
                for line in pinned:
                    partner = line.partner_id
                    if line.event_id and not line.event_id.allday:
                        local = user._dealer_from_utc(line.event_id.start).replace(tzinfo=None)
                        minute = (local - midnight).total_seconds() // 60
                        events.append((line.id, partner.partner_latitude, partner.partner_longitude, minute))
                    else:
                        stops.append((line.id, partner.partner_latitude, partner.partner_longitude))
                route = plan_day(start, stops, events, day_start=DAY_START_MINUTE, visit_minutes=VISIT_MINUTES)
                by_id = {line.id: line for line in pinned}
                for stop in route:
                    ordered |= by_id[stop["key"]]
                    timings[stop["key"]] = user._dealer_to_utc(midnight + timedelta(minutes=stop["minute"]))
            ordered |= open_lines - ordered
            for sequence, line in enumerate(ordered, start=1):
                values = {"sequence": sequence}
                if line.id in timings:
                    values["planned_time"] = timings[line.id]
                as_action(line).write(values)

    @api.model
    def _dealer_plan_days(self, days, latitude=None, longitude=None):
        """The current user's plans of ``days`` (created where missing), each
        filled and routed; a customer is planned once over those days."""
        self = self.with_context(clean_context(self.env.context))
        user = self.env.user
        today = user._dealer_local_today()
        if any(day < today for day in days):
            raise UserError(self.env._("Plan today or a day to come; the past is recorded by check-ins."))
        start_values = {}
        if latitude is not None and longitude is not None:
            latitude, longitude = self.env["res.partner"]._dealer_position(latitude, longitude)
            start_values = {"start_point": "position", "start_latitude": latitude, "start_longitude": longitude}
        plans = self.browse()
        excluded = set()
        for day in sorted(days):
            # The phone's position is where today starts, not the days to come.
            here = start_values if day == today else {}
            plan = self.search([("user_id", "=", user.id), ("date", "=", day)], limit=1)
            if not plan:
                plan = self.create({"user_id": user.id, "date": day, **here})
            elif here:
                plan.write(here)
            plan._dealer_fill(excluded)
            excluded |= set(plan.line_ids.partner_id.ids)
            plans |= plan
        return plans

    @api.model
    def action_plan_my_day(self, latitude=None, longitude=None):
        """Plan my Day: today's plan, filled and routed (from the device's
        position when given), opened."""
        plan = self._dealer_plan_days([self.env.user._dealer_local_today()], latitude, longitude)
        return plan._dealer_form_action()

    @api.model
    def action_plan_my_week(self, latitude=None, longitude=None):
        """Plan my Week: the plans of today and the working days left in this
        week (Monday to Friday; the whole next week from a Saturday or a
        Sunday), each customer once."""
        today = self.env.user._dealer_local_today()
        monday = today - timedelta(days=today.weekday())
        if today.weekday() not in WORKING_WEEKDAYS:
            monday += timedelta(days=7)
        days = [monday + timedelta(days=offset) for offset in WORKING_WEEKDAYS]
        plans = self._dealer_plan_days([day for day in days if day >= today], latitude, longitude)
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_route.dealer_visit_plan_action")
        action["domain"] = [("id", "in", plans.ids)]
        return action

    @api.model
    def action_my_plan(self):
        """My Plan: today's plan of the current user (planned now if there is
        none yet)."""
        today = self.env.user._dealer_local_today()
        plan = self.search([("user_id", "=", self.env.uid), ("date", "=", today)], limit=1)
        if not plan:
            plan = self._dealer_plan_days([today])
        return plan._dealer_form_action()

    @api.model
    def action_add_to_today(self, partner_id):
        """Customers near me's Add to Today's Plan: the customer joins the
        current user's plan of today (made if there is none), which is routed
        again. Returns the plan's id and the stop's place in the route."""
        self = self.with_context(clean_context(self.env.context))
        customer = self._dealer_browse_arg("res.partner", partner_id)
        if not customer:
            raise UserError(self.env._("This customer does not exist."))
        today = self.env.user._dealer_local_today()
        plan = self.search([("user_id", "=", self.env.uid), ("date", "=", today)], limit=1) \
            or self.create({"user_id": self.env.uid, "date": today})
        stop = plan.line_ids.filtered(lambda line: line.partner_id == customer)
        if not stop:
            stop = self.env["dealer.visit.plan.line"].create({"plan_id": plan.id, "partner_id": customer.id})
            plan._dealer_route()
        return {"plan_id": plan.id, "sequence": stop.sequence}

    def action_route(self):
        """Route again: the open stops in a fresh route order."""
        self._dealer_check_editable()
        self._dealer_route()
        return True

    def action_fill(self):
        """Add the most urgent customers up to the visits a day allows."""
        self._dealer_check_editable()
        for plan in self:
            plan._dealer_fill()
        return True

    def action_open_map(self):
        """The plan on the map, with the salesperson's check-ins of its day."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "dealer_crm_route.map",
            "name": self.env._("Map"),
            "params": {"user_id": self.user_id.id, "day": fields.Date.to_string(self.date)},
        }

    def action_open_nearby(self):
        """Customers near the phone, to check in at or add to today's plan."""
        return self.env["ir.actions.actions"]._for_xml_id("dealer_crm_route.dealer_visit_plan_action_nearby")

    def _dealer_form_action(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_route.dealer_visit_plan_action")
        action.update({"res_id": self.id, "views": [(False, "form")], "view_mode": "form"})
        return action

    @api.model
    @api.readonly
    def dealer_map_data(self, user_id=None, day=None):
        """What the map shows, for the current user: the pinned customers he
        may see (up to 2,000), and the plan of ``user_id`` (himself by
        default; a manager picks one of his team, the record rules decide)
        for ``day`` (his local today by default) with its stops in route
        order, and that salesperson's check-ins of that day. Positions are
        given in the coordinate system of the company's tiles (GCJ-02 for
        Chinese maps), as ``[latitude, longitude]``."""
        user = self.env.user
        salesperson = self._dealer_browse_arg("res.users", user_id) if user_id else user
        try:
            day = fields.Date.to_date(day) if day else user._dealer_local_today()
        except (TypeError, ValueError):
            day = None
        if day and not MAP_FIRST_YEAR <= day.year <= MAP_LAST_YEAR:
            day = None
        if not (salesperson and day):
            raise ValidationError(self.env._("A day is written YYYY-MM-DD and a salesperson is given by id."))
        tiles = self.env.company._dealer_map_tiles()
        convert = wgs84_to_gcj02 if tiles and tiles["system"] == "gcj02" else (lambda *point: point)

        def position(latitude, longitude):
            return list(convert(latitude, longitude)) if latitude or longitude else False

        customers = self.env["res.partner"].search([
            ("is_dealer", "=", True), ("is_company", "=", True),
            "|", ("partner_latitude", "!=", 0), ("partner_longitude", "!=", 0),
        ], limit=MAP_CUSTOMER_LIMIT, order="id")
        waiting = customers._dealer_awaiting_claim()
        plan = self.search([("user_id", "=", salesperson.id), ("date", "=", day)], limit=1)
        stops = plan.line_ids.sorted(lambda line: (line.sequence, line.id))
        start, end = salesperson._dealer_local_day_bounds(day)
        checkins = self.env["dealer.checkin"].search([
            ("user_id", "=", salesperson.id), ("checkin_time", ">=", start), ("checkin_time", "<", end),
        ], order="checkin_time, id")
        team = (user | user.dealer_managed_user_ids).filtered(lambda member: not member.share)
        return {
            "tiles": tiles,
            "day": fields.Date.to_string(day),
            "salesperson": {"id": salesperson.id, "name": salesperson.name},
            "salespeople": [{"id": member.id, "name": member.name} for member in team.sorted("name")],
            "customers": [{
                "id": customer.id,
                "name": customer.name,
                "position": position(customer.partner_latitude, customer.partner_longitude),
                "owner": customer.user_id.name or False,
                "in_pool": customer in waiting,
            } for customer in customers],
            "plan": {
                "id": plan.id,
                "start": position(*(plan._dealer_start_position(stops.partner_id) or (0, 0))),
                "distance_km": plan.total_distance_km,
                "stops": [{
                    "id": stop.id,
                    "customer": stop.partner_id.display_name,
                    "position": position(stop.partner_latitude, stop.partner_longitude),
                    "state": stop.state,
                    "time": fields.Datetime.to_string(stop.planned_time) if stop.planned_time else False,
                    "distance_km": stop.distance_km,
                } for stop in stops],
            } if plan else False,
            "checkins": [{
                "id": checkin.id,
                "customer": checkin.partner_id.display_name,
                "position": position(checkin.latitude, checkin.longitude) if checkin.has_position else False,
                "time": fields.Datetime.to_string(checkin.checkin_time),
                "suspicious": checkin.is_suspicious,
            } for checkin in checkins],
        }

    @api.model
    def _cron_dealer_close_days(self):
        """Mark missed the stops still planned once their salesperson's local
        day is over (each salesperson's own time zone)."""
        Line = self.env["dealer.visit.plan.line"]
        Line.flush_model(["state", "plan_id"])
        self.flush_model(["date", "user_id"])
        ids = [row[0] for row in self.env.execute_query(SQL(
            """SELECT l.id
                 FROM dealer_visit_plan_line l
                 JOIN dealer_visit_plan p ON p.id = l.plan_id
                 JOIN res_users u ON u.id = p.user_id
                 JOIN res_partner up ON up.id = u.partner_id
                WHERE l.state = 'planned'
                  AND p.date < (now() AT TIME ZONE COALESCE(NULLIF(up.tz, ''), 'Asia/Shanghai'))::date"""))]
        if ids:
            as_action(Line.browse(ids).sudo()).write({"state": "missed"})
        return len(ids)

    @api.model
    def _dealer_demo_plans(self, salespeople=None):
        """Demo data: for every salesperson with customers (the members of the
        salesperson group, or ``salespeople``), the plans of last week's days
        with visits: the customers visited that day, visited by those
        check-ins, and now and then one more of theirs that was missed; then
        today's plan, as Plan my Day makes it. Deterministic
        (``random.Random(7)``); runs at install only (demo data is
        ``noupdate``). Returns the plans."""
        rng = random.Random(7)
        users = salespeople or self.env.ref("dealer_crm.group_dealer_salesperson").user_ids
        Checkin = self.env["dealer.checkin"].sudo()
        plans = self.browse()
        for user in users.filtered("active").sorted("id"):
            customers = self.env["res.partner"].sudo().search([
                ("user_id", "=", user.id), ("is_dealer", "=", True), ("is_company", "=", True),
            ], order="id")
            if not customers:
                continue
            today = user._dealer_local_today()
            last_monday = today - timedelta(days=today.weekday() + 7)
            for offset in range(6):
                day = last_monday + timedelta(days=offset)
                start, end = user._dealer_local_day_bounds(day)
                checkins = Checkin.search([
                    ("user_id", "=", user.id), ("checkin_time", ">=", start), ("checkin_time", "<", end),
                ], order="checkin_time, id")
                if not checkins:
                    continue
                planned = checkins.partner_id.commercial_partner_id
                others = customers - planned
                if others and rng.random() < 0.6:
                    planned |= rng.choice(others)
                plan = self.sudo().create({
                    "user_id": user.id,
                    "date": day,
                    "company_id": user.company_id.id,
                    "start_point": "office",
                    "line_ids": [Command.create({"partner_id": customer.id}) for customer in planned],
                })
                # Visited as they are planned: each shows the time of its visit.
                for stop in plan.line_ids.filtered("checkin_id"):
                    as_action(stop).write({"planned_time": stop.checkin_id.checkin_time})
                plan._dealer_route()
                plans |= plan
            plans |= self.with_user(user)._dealer_plan_days([today]).sudo()
        self._cron_dealer_close_days()
        return plans
