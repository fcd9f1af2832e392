from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.geo import haversine_m
from ..tools.settings import get_setting


class DealerCheckin(models.Model):
    """A salesperson's proof of presence at a customer: server time, the
    device's position against the customer's pin, and watermarked photos.

    Salespeople create check-ins and check out of their own; they never edit
    or delete one. Managers can, and their changes are tracked. Every flag
    is computed here, on the server, from what the device sent.
    """

    _name = "dealer.checkin"
    _description = "Customer Check-in"
    _inherit = ["dealer.value.mixin", "mail.thread"]
    _order = "checkin_time desc, id desc"
    _rec_name = "partner_id"

    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, readonly=True,
        default=lambda self: self.env.user, tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True, ondelete="restrict",
        domain="[('is_dealer', '=', True), ('is_company', '=', True)]",
    )
    checkin_time = fields.Datetime(
        string="Check-in Time", required=True, index=True, readonly=True, default=fields.Datetime.now,
        help="The server's clock when the check-in arrived, never the device's.",
    )
    checkout_time = fields.Datetime(string="Check-out Time", readonly=True, tracking=True)
    duration = fields.Float(
        string="Duration (minutes)", compute="_compute_duration", store=True, aggregator="avg",
    )
    latitude = fields.Float(string="Latitude", digits=(10, 7), tracking=True)
    longitude = fields.Float(string="Longitude", digits=(10, 7), tracking=True)
    accuracy = fields.Float(string="Accuracy (m)", digits=(10, 1), help="As reported by the device.")
    has_position = fields.Boolean(string="Has GPS", tracking=True)
    address = fields.Char(string="Address")
    distance = fields.Float(
        string="Distance (m)", digits=(12, 1), readonly=True,
        help="From the customer's pinned location at the time of the check-in.",
    )
    radius = fields.Integer(string="Allowed Radius (m)", readonly=True)
    pinned_customer = fields.Boolean(
        string="Pinned the Customer", readonly=True,
        help="The customer had no location: this check-in set it.",
    )
    photo_ids = fields.One2many("dealer.checkin.photo", "checkin_id", string="Photos")
    photo_count = fields.Integer(string="Photo Count", compute="_compute_photo_count", store=True)
    flag_outside_radius = fields.Boolean(string="Outside Radius", compute="_compute_flags", store=True)
    flag_no_gps = fields.Boolean(string="No GPS", compute="_compute_flags", store=True)
    flag_low_accuracy = fields.Boolean(string="Low Accuracy", compute="_compute_flags", store=True)
    flag_stale_photo = fields.Boolean(string="Stale Photo", compute="_compute_flags", store=True)
    is_flagged = fields.Boolean(string="Flagged", compute="_compute_flags", store=True, index=True)
    event_id = fields.Many2one("calendar.event", string="Calendar Event", index="btree_not_null", tracking=True)
    followup_ids = fields.One2many("dealer.followup", "checkin_id", string="Follow-ups")
    note = fields.Text(string="Note")
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    @api.depends("checkin_time", "checkout_time")
    def _compute_duration(self):
        for checkin in self:
            if checkin.checkout_time:
                checkin.duration = (checkin.checkout_time - checkin.checkin_time).total_seconds() / 60
            else:
                checkin.duration = 0.0

    @api.depends("photo_ids")
    def _compute_photo_count(self):
        counts = dict(self.env["dealer.checkin.photo"]._read_group(
            [("checkin_id", "in", self.ids)], ["checkin_id"], ["__count"],
        ))
        for checkin in self:
            checkin.photo_count = counts.get(checkin, 0)

    @api.depends("has_position", "distance", "radius", "accuracy", "photo_ids.is_stale")
    def _compute_flags(self):
        max_accuracy = get_setting(self.env, "dealer_crm.checkin_max_accuracy_m")
        for checkin in self:
            checkin.flag_no_gps = not checkin.has_position
            checkin.flag_outside_radius = checkin.has_position and checkin.distance > checkin.radius
            checkin.flag_low_accuracy = checkin.has_position and checkin.accuracy > max_accuracy
            checkin.flag_stale_photo = any(checkin.photo_ids.mapped("is_stale"))
            checkin.is_flagged = (
                checkin.flag_no_gps or checkin.flag_outside_radius
                or checkin.flag_low_accuracy or checkin.flag_stale_photo
            )

    @api.constrains("latitude", "longitude", "accuracy", "has_position")
    def _check_position(self):
        for checkin in self:
            if not checkin.has_position:
                continue
            if not (-90 <= checkin.latitude <= 90 and -180 <= checkin.longitude <= 180):
                raise ValidationError(_(
                    "The position %(latitude)s, %(longitude)s is not on Earth: latitude must be within ±90° "
                    "and longitude within ±180°.",
                    latitude=checkin.latitude, longitude=checkin.longitude,
                ))
            if checkin.accuracy < 0:
                raise ValidationError(_("The accuracy of a position cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        radius = get_setting(self.env, "dealer_crm.checkin_radius_m")
        for vals in vals_list:
            # The server decides who and when; the device only where.
            vals.update(checkin_time=now, checkout_time=False, radius=radius, pinned_customer=False)
            if not self.env.user._is_dealer_manager() or not vals.get("user_id"):
                vals["user_id"] = self.env.uid
            vals["has_position"] = vals.get("latitude") is not None and vals.get("longitude") is not None \
                and vals.get("latitude") is not False and vals.get("longitude") is not False
            if not vals["has_position"]:
                vals.update(latitude=0.0, longitude=0.0, accuracy=0.0)
        checkins = super().create(vals_list)
        checkins._check_workable()
        minimum = get_setting(self.env, "dealer_crm.checkin_min_photos")
        for checkin in checkins:
            if checkin.photo_count < minimum:
                raise ValidationError(_(
                    "A check-in needs at least %(count)s photo(s) taken on site.", count=minimum,
                ))
            checkin._locate()
            if checkin.event_id:
                checkin.event_id.sudo().dealer_state = "in_progress"
        return checkins

    def _check_workable(self):
        """A check-in is made at a customer the user works (as a follow-up
        is logged), for the user's own calendar event."""
        if self.env.su:
            return
        customers = self.sudo().partner_id.commercial_partner_id
        refused = customers - self.env["dealer.followup"]._workable_customers(customers)
        if refused:
            raise AccessError(_(
                "%(customer)s is not yours to visit: check in at your own customers, unowned ones and those of "
                "the public pools you belong to.", customer=refused[0].name,
            ))
        user = self.env.user
        foreign = self.sudo().event_id.filtered(
            lambda event: user not in event.user_id | event.partner_ids.user_ids and not user._is_dealer_manager())
        if foreign:
            raise AccessError(_("A check-in belongs to one of your own calendar events."))

    def write(self, vals):
        if not self.env.su and not self.env.user._is_dealer_manager():
            raise AccessError(_("A check-in cannot be changed once made; ask your manager."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su and not self.env.user._is_dealer_manager():
            raise AccessError(_("A check-in cannot be deleted; ask your manager."))
        return super().unlink()

    def _locate(self):
        """Measure the distance to the customer's pin, or pin the customer
        with a first check-in precise enough to be trusted."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if not self.has_position:
            return
        if customer.partner_latitude or customer.partner_longitude:
            distance = haversine_m(self.latitude, self.longitude, customer.partner_latitude, customer.partner_longitude)
            self.sudo().write({"distance": distance})
        elif not customer.pool_id and self.accuracy <= get_setting(self.env, "dealer_crm.checkin_max_accuracy_m"):
            customer.sudo()._dealer_pin(self)
            self.sudo().write({"distance": 0.0, "pinned_customer": True})

    def action_check_out(self):
        """End the visit; the follow-up form is offered next."""
        self.ensure_one()
        if self.user_id != self.env.user and not self.env.user._is_dealer_manager():
            raise AccessError(_("Only %(name)s can check out of this visit.", name=self.user_id.name))
        if self.checkout_time:
            raise UserError(_("This visit was already checked out at %(time)s.", time=self.checkout_time))
        self.sudo().write({"checkout_time": fields.Datetime.now()})
        if self.event_id:
            self.event_id.sudo().dealer_state = "done"
        return self.env["dealer.followup"]._form_dialog_action({
            "default_partner_id": self.partner_id.id,
            "default_checkin_id": self.id,
            "default_method": "visit",
        })

    @api.model
    def _screen_action(self, partner, event=None):
        """The phone check-in screen, for ``partner`` (and ``event``)."""
        return {
            "type": "ir.actions.client",
            "tag": "dealer_crm.checkin",
            "name": _("Check In"),
            "params": {"partner_id": partner.id, "event_id": event.id if event else False},
        }

    @api.model
    def action_check_out_open(self, partner_id=None):
        """Check out of the user's open visit (of a customer, if given): for
        a check-out screen that does not know the check-in's id."""
        domain = [("user_id", "=", self.env.uid), ("checkout_time", "=", False)]
        if partner_id:
            domain.append(("partner_id", "=", partner_id))
        checkin = self.search(domain, limit=1)
        if not checkin:
            raise UserError(_("There is no visit to check out of: check in first."))
        return checkin.action_check_out()

    def action_pin_customer(self):
        """Managers: move the customer's pin to this check-in's position."""
        self.ensure_one()
        if not self.env.user._is_dealer_manager():
            raise AccessError(_("Only managers can move a customer's location."))
        if not self.has_position:
            raise UserError(_("This check-in has no GPS position to pin the customer at."))
        self.partner_id.commercial_partner_id.sudo()._dealer_pin(self)
        return True

    def _watermark_lines(self):
        """What every photo of the check-in carries, burned in: the server's
        time in the salesperson's time zone, who, where and at which customer."""
        self.ensure_one()
        local = self.user_id._dealer_from_utc(self.checkin_time)
        position = (
            _("GPS %(latitude).6f, %(longitude).6f ±%(accuracy)d m",
              latitude=self.latitude, longitude=self.longitude, accuracy=round(self.accuracy))
            if self.has_position else _("No GPS position")
        )
        return [
            f"{local:%Y-%m-%d %H:%M:%S} {local.tzname() or ''}".strip(),
            f"{self.user_id.name} @ {self.partner_id.name}",
            position,
        ]

    @api.model
    def _dealer_stale_after(self):
        return timedelta(minutes=get_setting(self.env, "dealer_crm.checkin_photo_max_gap_minutes"))
