import base64
import io
import random
from datetime import datetime, time, timedelta

from PIL import Image, ImageDraw

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.geo import haversine_m
from ..tools.photo import EXIF_DATETIME_ORIGINAL, EXIF_IFD, _font
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
                raise ValidationError(self.env._(
                    "The position %(latitude)s, %(longitude)s is not on Earth: latitude must be within ±90° "
                    "and longitude within ±180°.",
                    latitude=checkin.latitude, longitude=checkin.longitude,
                ))
            if checkin.accuracy < 0:
                raise ValidationError(self.env._("The accuracy of a position cannot be negative."))

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
                raise ValidationError(self.env._(
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
            raise AccessError(self.env._(
                "%(customer)s is not yours to visit: check in at your own customers, unowned ones and those of "
                "the public pools you belong to.", customer=refused[0].name,
            ))
        user = self.env.user
        foreign = self.sudo().event_id.filtered(
            lambda event: user not in event.user_id | event.partner_ids.user_ids and not user._is_dealer_manager())
        if foreign:
            raise AccessError(self.env._("A check-in belongs to one of your own calendar events."))

    def write(self, vals):
        if not self.env.su and not self.env.user._is_dealer_manager():
            raise AccessError(self.env._("A check-in cannot be changed once made; ask your manager."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su and not self.env.user._is_dealer_manager():
            raise AccessError(self.env._("A check-in cannot be deleted; ask your manager."))
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
        elif not customer._dealer_awaiting_claim() and self.accuracy <= get_setting(self.env, "dealer_crm.checkin_max_accuracy_m"):
            customer.sudo()._dealer_pin(self)
            self.sudo().write({"distance": 0.0, "pinned_customer": True})

    def action_check_out(self):
        """End the visit; the follow-up form is offered next."""
        self.ensure_one()
        if self.user_id != self.env.user and not self.env.user._is_dealer_manager():
            raise AccessError(self.env._("Only %(name)s can check out of this visit.", name=self.user_id.name))
        if self.checkout_time:
            raise UserError(self.env._("This visit was already checked out at %(time)s.", time=self.checkout_time))
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
            "tag": "dealer_crm_field.checkin",
            "name": self.env._("Check In"),
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
            raise UserError(self.env._("There is no visit to check out of: check in first."))
        return checkin.action_check_out()

    def action_pin_customer(self):
        """Managers: move the customer's pin to this check-in's position."""
        self.ensure_one()
        if not self.env.user._is_dealer_manager():
            raise AccessError(self.env._("Only managers can move a customer's location."))
        if not self.has_position:
            raise UserError(self.env._("This check-in has no GPS position to pin the customer at."))
        self.partner_id.commercial_partner_id.sudo()._dealer_pin(self)
        return True

    def _watermark_lines(self):
        """What every photo of the check-in carries, burned in: the server's
        time in the salesperson's time zone, who, where and at which customer."""
        self.ensure_one()
        local = self.user_id._dealer_from_utc(self.checkin_time)
        position = (
            self.env._("GPS %(latitude).6f, %(longitude).6f ±%(accuracy)d m",
              latitude=self.latitude, longitude=self.longitude, accuracy=round(self.accuracy))
            if self.has_position else self.env._("No GPS position")
        )
        return [
            f"{local:%Y-%m-%d %H:%M:%S} {local.tzname() or ''}".strip(),
            f"{self.user_id.name} @ {self.partner_id.name}",
            position,
        ]

    @api.model
    def _dealer_stale_after(self):
        return timedelta(minutes=get_setting(self.env, "dealer_crm.checkin_photo_max_gap_minutes"))

    @api.model
    def _dealer_demo_visits(self, excluded_customer_ids=(), salespeople=None):
        """Demo data: four weeks of field work of every salesperson (the
        members of the salesperson group, or ``salespeople``): on most
        working days (Monday to Saturday) of the 28 days before today, one to
        four visits to their own customers of one city, each a check-in with
        a photo, most with a follow-up. ``excluded_customer_ids``: customers
        the demo tells another story of (a first visit still to come, a
        release to the public pool).

        Each check-in is made as the phone makes it: by the salesperson, with
        a position near the customer and a camera photo (EXIF time included),
        so that the access rules, the position and the photo checks, the
        distance and the first pin of a customer all apply. The model stamps
        the server's time; the visit is then moved to its time, as the tests
        move past check-ins, and its photo developed again by the same
        pipeline for that time (which only the superuser may). Follow-ups
        older than a salesperson may back-date are logged by the superuser
        who loads the demo, with their author and time, as the demo's other
        follow-ups are. The texts are demo data, in Chinese like the rest.

        Deterministic for a given day (``random.Random(42)``); demo data is
        ``noupdate``, so this runs at install only. Returns the check-ins.
        """

        rng = random.Random(42)
        city_centres = {
            "上海": (31.2304, 121.4737), "杭州": (30.2741, 120.1551), "南京": (32.0603, 118.7969),
            "北京": (39.9042, 116.4074), "天津": (39.0842, 117.2009), "石家庄": (38.0428, 114.5149),
            "广州": (23.1291, 113.2644), "深圳": (22.5431, 114.0579), "厦门": (24.4798, 118.0894),
        }
        products = ["新款合页", "不锈钢拉手", "抽屉滑轨", "充电式电钻", "智能门锁", "五金工具套装", "膨胀螺丝"]
        notes = [
            "拜访店主，介绍{product}，对方计划下月进货。",
            "检查门店陈列，{product}摆在了显眼位置，建议再补一批货。",
            "和老板核对上月对账单，顺便推荐了{product}。",
            "客户反映{product}最近走货快，准备追加订单。",
            "送去{product}样品，店员试用后反馈不错。",
            "了解竞品价格，客户认为我们的{product}价格偏高。",
            "给店员培训{product}的卖点和安装方法。",
            "催收上月货款，客户承诺本周内付清。",
            "门店正在装修，暂不进货，约好装修完再来。",
            "介绍季度返利政策，客户有意提高{product}的进货量。",
        ]
        concerns = ["担心原材料涨价后供货价跟着涨。", "希望缩短交货周期。", "要求多给一些宣传物料和样品。",
                    "对售后响应速度有意见。", None, None, None]
        intentions = ["high"] * 3 + ["medium"] * 5 + ["low"] * 2 + ["none"]

        def colour():
            return tuple(rng.randint(30, 230) for _channel in range(3))

        def shop_front(customer):
            """A 640 × 480 picture of the customer's shop front, in colours of its own."""
            wall, sign = colour(), colour()
            image = Image.new("RGB", (640, 480), (150, 195, 235))
            draw = ImageDraw.Draw(image)
            draw.rectangle((0, 380, 640, 480), fill=(125, 125, 120))
            draw.rectangle((50, 110, 590, 385), fill=wall)
            draw.rectangle((50, 110, 590, 180), fill=sign)
            draw.text((320, 145), customer.name, fill=(255, 236, 170), font=_font(28), anchor="mm")
            draw.rectangle((265, 230, 375, 385), fill=(70, 55, 45))
            for left in (80, 420):
                draw.rectangle((left, 220, left + 140, 330), fill=(175, 205, 225))
                for index in range(4):
                    draw.rectangle((left + 10 + index * 32, 290, left + 34 + index * 32, 325), fill=colour())
            return image

        def photo(front, local):
            """A camera's JPEG of ``front``, taken at ``local`` (its EXIF time)."""
            exif = Image.Exif()
            exif[EXIF_IFD] = {EXIF_DATETIME_ORIGINAL: local.strftime("%Y:%m:%d %H:%M:%S")}
            output = io.BytesIO()
            front.save(output, "JPEG", quality=85, exif=exif.tobytes())
            return base64.b64encode(output.getvalue())

        # The owner schedules their next visit themself: Odoo notifies nobody of it.
        Followup = self.env["dealer.followup"].sudo().with_context(
            tracking_disable=True, mail_activity_quick_update=True)
        users = salespeople or self.env.ref("dealer_crm.group_dealer_salesperson").user_ids
        checkins = self.browse()
        for user in users.filtered("active").sorted("id"):
            customers = self.env["res.partner"].sudo().search([
                ("user_id", "=", user.id), ("is_dealer", "=", True), ("is_company", "=", True),
                ("id", "not in", list(excluded_customer_ids)),
            ], order="id")
            if not customers:
                continue
            # Where each shop is (its pin, else somewhere in its city) and what it looks like.
            sites, fronts = {}, {}
            for customer in customers:
                if customer.partner_latitude or customer.partner_longitude:
                    sites[customer] = (customer.partner_latitude, customer.partner_longitude)
                else:
                    latitude, longitude = city_centres.get(customer.city, city_centres["上海"])
                    sites[customer] = (latitude + rng.uniform(-0.03, 0.03), longitude + rng.uniform(-0.03, 0.03))
                fronts[customer] = shop_front(customer)
            # The plan first, so that a follow-up can plan the customer's next visit.
            today = user._dealer_local_today()
            visits = []
            for back in range(28, 0, -1):
                day = today - timedelta(days=back)
                if day.weekday() == 6 or rng.random() < 0.12:
                    continue
                city = rng.choice(customers).city
                of_city = customers.filtered(lambda customer, city=city: customer.city == city)
                moment = datetime.combine(day, time(9)) + timedelta(minutes=rng.randint(0, 45))
                for customer in rng.sample(list(of_city), min(rng.randint(1, 4), len(of_city))):
                    if moment.time() > time(17):
                        break
                    stay = timedelta(minutes=rng.randint(20, 90))
                    visits.append((customer, moment, stay))
                    moment += stay + timedelta(minutes=rng.randint(15, 50))
            for index, (customer, local, stay) in enumerate(visits):
                # GPS noise of a few tens of metres; now and then from down the street.
                spread = 0.006 if rng.random() < 0.06 else 0.0004
                latitude, longitude = sites[customer]
                raw = photo(fronts[customer], local)
                name = f"门店_{local:%Y%m%d_%H%M}.jpg"
                checkin = self.with_user(user).with_context(tracking_disable=True).create({
                    "partner_id": customer.id,
                    "latitude": round(latitude + rng.uniform(-spread, spread), 7),
                    "longitude": round(longitude + rng.uniform(-spread, spread), 7),
                    "accuracy": round(rng.uniform(5, 45), 1),
                    "address": f"{customer.city or ''}{customer.street or ''}" or False,
                    "photo_ids": [fields.Command.create({"name": name, "image": raw})],
                }).sudo()
                checkin_time = user._dealer_to_utc(local)
                checkin.write({"checkin_time": checkin_time, "checkout_time": checkin_time + stay})
                photos = checkin.photo_ids
                photos.write(photos._processed({"checkin_id": checkin.id, "name": name, "image": raw}))
                checkins |= checkin
                if rng.random() < 0.15:
                    continue
                later = next((visit for visit in visits[index + 1:] if visit[0] == customer), None)
                # Now and then the next visit is planned; more often after the last one, in the coming week.
                next_date = False
                if rng.random() < (0.2 if later else 0.6):
                    if later:
                        next_local = datetime.combine(later[1].date(), time(10))
                    else:
                        next_day = today + timedelta(days=rng.randint(1, 7))
                        next_day += timedelta(days=next_day.weekday() == 6)
                        next_local = datetime.combine(next_day, time(rng.randint(9, 16)))
                    next_date = user._dealer_to_utc(next_local)
                contacts = customer.child_ids.filtered(lambda partner: not partner.is_company)
                Followup.create({
                    "partner_id": customer.id,
                    "user_id": user.id,
                    "checkin_id": checkin.id,
                    "date": checkin.checkout_time,
                    "method": "visit",
                    "content": rng.choice(notes).format(product=rng.choice(products)),
                    "concerns": rng.choice(concerns) or False,
                    "intention": rng.choice(intentions),
                    "contact_ids": [fields.Command.set(
                        rng.choice(contacts).ids if contacts and rng.random() < 0.6 else [])],
                    "next_date": next_date,
                })
        return checkins
