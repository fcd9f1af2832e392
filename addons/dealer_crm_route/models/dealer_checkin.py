import base64
import io
import random
from datetime import datetime, time, timedelta

from PIL import Image, ImageDraw

from odoo import Command, api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from odoo.addons.dealer_crm.tools.guard import as_action, check_governed, create_fields
from odoo.addons.dealer_crm_field.tools.geo import haversine_m
from odoo.addons.dealer_crm_field.tools.photo import EXIF_DATETIME_ORIGINAL, EXIF_IFD

from odoo.addons.dealer_crm_field.tools.settings import get_setting as get_field_setting

from ..tools.settings import get_setting

# What each flag takes off a check-in's trust score of 100.
TRUST_PENALTIES = {
    "flag_impossible_travel": 50,
    "flag_reused_photo": 50,
    "flag_suspicious_position": 40,
    "flag_no_gps": 30,
    "flag_left_at_once": 25,
    "flag_outside_radius": 25,
    "flag_stale_photo": 25,
    "flag_low_accuracy": 10,
}
# A check-in scoring below this is suspicious: any of the first three flags
# alone, or two of the lesser ones.
SUSPICIOUS_BELOW = 60
# What only the trust checks write: a manager may correct a check-in, never
# clear what makes it doubtful.
TRUST_GOVERNED_FIELDS = frozenset({
    "travel_from_id", "travel_speed_kmh", "flag_impossible_travel", "flag_reused_photo",
    "flag_suspicious_position", "flag_left_at_once", "trust_score", "is_suspicious",
})
# Writes that change what the trust checks measured.
TRAVEL_FIELDS = frozenset({"checkin_time", "latitude", "longitude", "accuracy", "has_position", "user_id"})
POSITION_FIELDS = frozenset({"latitude", "longitude", "accuracy", "has_position", "partner_id"})


class DealerCheckin(models.Model):
    """How far a check-in can be believed: flags of what fakes a visit, and
    the trust score they lower."""

    _inherit = "dealer.checkin"

    travel_from_id = fields.Many2one(
        "dealer.checkin", string="Previous Check-in", readonly=True, copy=False, index="btree_not_null",
        help="The salesperson's check-in with a position right before this one.",
    )
    travel_speed_kmh = fields.Float(
        string="Speed from Previous (km/h)", digits=(10, 1), readonly=True, copy=False,
        help="The distance from the previous check-in, less both positions' accuracy, over the time between them.",
    )
    flag_impossible_travel = fields.Boolean(
        string="Impossible Travel", readonly=True, copy=False,
        help="Reached from the previous check-in faster than the fastest believable travel.",
    )
    flag_reused_photo = fields.Boolean(
        string="Photo Reused", compute="_compute_flag_reused_photo", store=True,
        help="A photo matches one of an earlier check-in of the company (perceptual hash).",
    )
    flag_suspicious_position = fields.Boolean(
        string="Suspicious Position", readonly=True, copy=False,
        help="An accuracy of exactly 0 m, as position-faking apps report, or the very same coordinates (to 6 "
             "decimals) as a check-in at another customer.",
    )
    flag_left_at_once = fields.Boolean(
        string="Left at Once", readonly=True, copy=False,
        help="Checked out sooner than the shortest visit, or never checked out by the end of the day.",
    )
    trust_score = fields.Integer(
        string="Trust Score", compute="_compute_trust_score", store=True, aggregator="avg",
        help="100 less what each flag of the check-in takes off.",
    )
    trust_reasons = fields.Char(string="Lowered By", compute="_compute_trust_reasons")
    is_suspicious = fields.Boolean(string="Suspicious", compute="_compute_trust_score", store=True, index=True)

    def init(self):
        super().init()
        create_index(
            self.env.cr, "dealer_checkin_position_6_index", self._table,
            ["round(latitude::numeric, 6)", "round(longitude::numeric, 6)"], where="has_position",
        )

    @api.depends("photo_ids.reused_photo_id")
    def _compute_flag_reused_photo(self):
        for checkin in self:
            checkin.flag_reused_photo = bool(checkin.photo_ids.reused_photo_id)

    @api.depends(*TRUST_PENALTIES)
    def _compute_trust_score(self):
        for checkin in self:
            lost = sum(penalty for name, penalty in TRUST_PENALTIES.items() if checkin[name])
            checkin.trust_score = max(0, 100 - lost)
            checkin.is_suspicious = checkin.trust_score < SUSPICIOUS_BELOW

    @api.depends(*TRUST_PENALTIES)
    def _compute_trust_reasons(self):
        labels = {name: self._fields[name]._description_string(self.env) for name in TRUST_PENALTIES}
        for checkin in self:
            checkin.trust_reasons = ", ".join(
                f"{labels[name]} −{penalty}" for name, penalty in TRUST_PENALTIES.items() if checkin[name]
            ) or False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_check_trust_fields(create_fields(self, vals))
        checkins = super().create(vals_list)
        checkins._dealer_update_travel()
        checkins._dealer_update_position()
        self.env["dealer.visit.plan.line"]._dealer_fulfil(checkins)
        return checkins

    def write(self, vals):
        self._dealer_check_trust_fields(vals)
        result = super().write(vals)
        if TRAVEL_FIELDS & set(vals):
            self._dealer_update_travel()
        if POSITION_FIELDS & set(vals):
            self._dealer_update_position()
        if {"checkin_time", "checkout_time"} & set(vals):
            self._dealer_update_stay()
        if {"checkin_time", "partner_id", "user_id"} & set(vals):
            self.env["dealer.visit.plan.line"]._dealer_fulfil(self)
        return result

    def unlink(self):
        """A deleted check-in visits its stop no more: the stop is open again,
        for another check-in of its day, else for the night's missed stops."""
        stops = self.env["dealer.visit.plan.line"].sudo().search([("checkin_id", "in", self.ids)])
        result = super().unlink()
        if stops:
            as_action(stops).write({"state": "planned", "checkin_id": False})
            stops._dealer_match_checkins()
        return result

    def _dealer_check_trust_fields(self, field_names):
        check_governed(self, field_names, TRUST_GOVERNED_FIELDS, self.env._(
            "A check-in's trust flags are measured by the server; nobody sets or clears them."))

    def _dealer_write_trust(self, values):
        """Write the trust checks' ``values`` where they change something,
        as the server: the check-ins measured may be other salespeople's
        (the same coordinates as a colleague's visit)."""
        def differs(checkin):
            for name, value in values.items():
                current = checkin[name]
                if (current.id if isinstance(current, models.BaseModel) else current) != value:
                    return True
            return False

        changed = self.sudo().filtered(differs)
        if changed:
            as_action(changed).write(values)

    def _dealer_update_travel(self):
        """Measure the travel to each of these check-ins, and to the one
        that follows each (its previous check-in may have changed), from
        the same salesperson's previous check-in with a position."""
        self.flush_model(["user_id", "checkin_time", "latitude", "longitude", "accuracy", "has_position"])
        ids = tuple(self.ids)
        if not ids:
            return
        following = [row[0] for row in self.env.execute_query(SQL(
            """SELECT following.id
                 FROM dealer_checkin c
                 JOIN LATERAL (SELECT n.id FROM dealer_checkin n
                                WHERE n.user_id = c.user_id AND (n.checkin_time, n.id) > (c.checkin_time, c.id)
                             ORDER BY n.checkin_time, n.id LIMIT 1) following ON TRUE
                WHERE c.id IN %s""", ids))]
        max_speed = get_setting(self.env, "dealer_crm.checkin_max_speed_kmh")
        # The benefit of the doubt stops at the worst accuracy a check-in may
        # have: a claimed 200 km "accuracy" does not make a jump believable.
        max_accuracy = get_field_setting(self.env, "dealer_crm.checkin_max_accuracy_m")
        rows = self.env.execute_query(SQL(
            """SELECT c.id, c.has_position, c.latitude, c.longitude, c.accuracy, c.checkin_time,
                      previous.id, previous.latitude, previous.longitude, previous.accuracy, previous.checkin_time
                 FROM dealer_checkin c
            LEFT JOIN LATERAL (SELECT p.id, p.latitude, p.longitude, p.accuracy, p.checkin_time
                                 FROM dealer_checkin p
                                WHERE p.user_id = c.user_id AND p.has_position
                                  AND (p.checkin_time, p.id) < (c.checkin_time, c.id)
                             ORDER BY p.checkin_time DESC, p.id DESC LIMIT 1) previous ON TRUE
                WHERE c.id IN %s""", tuple(set(ids) | set(following))))
        for (checkin_id, has_position, latitude, longitude, accuracy, moment,
             previous_id, previous_latitude, previous_longitude, previous_accuracy, previous_moment) in rows:
            values = {"travel_from_id": False, "travel_speed_kmh": 0.0, "flag_impossible_travel": False}
            if has_position and previous_id:
                metres = haversine_m(latitude, longitude, previous_latitude, previous_longitude)
                metres = max(0.0, metres - min(accuracy or 0.0, max_accuracy)
                             - min(previous_accuracy or 0.0, max_accuracy))
                hours = max((moment - previous_moment).total_seconds(), 1.0) / 3600
                speed = metres / 1000 / hours
                values = {
                    "travel_from_id": previous_id,
                    "travel_speed_kmh": round(speed, 1),
                    "flag_impossible_travel": speed > max_speed,
                }
            self.browse(checkin_id)._dealer_write_trust(values)

    def _dealer_update_position(self):
        """Flag a position reported with an accuracy of exactly 0, and the
        check-ins at different customers made at the very same coordinates
        (to 6 decimals, about 10 cm), all of them: one query for all of these."""
        self.flush_model(["partner_id", "latitude", "longitude", "accuracy", "has_position"])
        if not self:
            return
        suspicious, twins = set(), set()
        for checkin_id, has_position, accuracy, twin_ids in self.env.execute_query(SQL(
            """SELECT c.id, c.has_position, c.accuracy, twins.ids
                 FROM dealer_checkin c
            LEFT JOIN LATERAL (SELECT array_agg(other.id) AS ids
                                 FROM dealer_checkin other
                                WHERE c.has_position AND other.has_position AND other.id != c.id
                                  AND other.partner_id != c.partner_id
                                  AND round(other.latitude::numeric, 6) = round(c.latitude::numeric, 6)
                                  AND round(other.longitude::numeric, 6) = round(c.longitude::numeric, 6)) twins ON TRUE
                WHERE c.id IN %s""", tuple(self.ids))):
            if has_position and (accuracy == 0 or twin_ids):
                suspicious.add(checkin_id)
            twins.update(twin_ids or ())
        flagged = self.browse(suspicious | twins)
        flagged._dealer_write_trust({"flag_suspicious_position": True})
        (self - flagged)._dealer_write_trust({"flag_suspicious_position": False})

    def _dealer_update_stay(self):
        """A check-out sooner than the shortest visit, or on a later day than
        the check-in (the salesperson's local days), flags the check-in; an
        open one is judged when its day ends (``_cron_dealer_flag_open_visits``)."""
        minimum = get_setting(self.env, "dealer_crm.checkin_min_stay_minutes")
        for checkin in self.filtered("checkout_time"):
            stay = (checkin.checkout_time - checkin.checkin_time).total_seconds() / 60
            local_day = checkin.user_id._dealer_from_utc(checkin.checkin_time).date()
            checkout_day = checkin.user_id._dealer_from_utc(checkin.checkout_time).date()
            checkin._dealer_write_trust({"flag_left_at_once": stay < minimum or checkout_day > local_day})

    @api.model
    def _cron_dealer_flag_open_visits(self):
        """Flag the visits never checked out once their day has ended in
        their salesperson's time zone."""
        self.flush_model(["checkout_time", "checkin_time", "user_id", "flag_left_at_once"])
        ids = [row[0] for row in self.env.execute_query(SQL(
            """SELECT c.id
                 FROM dealer_checkin c
                 JOIN res_users u ON u.id = c.user_id
                 JOIN res_partner up ON up.id = u.partner_id
                WHERE c.checkout_time IS NULL AND NOT COALESCE(c.flag_left_at_once, FALSE)
                  AND (c.checkin_time AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(up.tz, 'Asia/Shanghai'))::date
                      < (%s AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(up.tz, 'Asia/Shanghai'))::date""",
            fields.Datetime.now()))]
        self.browse(ids)._dealer_write_trust({"flag_left_at_once": True})

    @api.model
    def _dealer_demo_trust(self, user_id, shanghai_customer_ids, hangzhou_customer_id):
        """Demo data: the day before yesterday (the Saturday before it when
        that is a Sunday, a day without demo visits), three visits of
        ``user`` a manager would question, made as the phone makes them
        (then moved to their time, as ``_dealer_demo_visits`` moves its own):

        - 07:50 at the first of the Shanghai customers, checked out at 08:05;
        - 08:40 at the Hangzhou customer, 165 km away: an impossible jump;
        - 19:00 at the second Shanghai customer, with the photo of
          07:50 sent again, smaller and recompressed: a reused photo.

        Before and after the day's other demo visits (09:00 to 18:30).
        Returns the three check-ins."""
        user = self.env["res.users"].browse(user_id)
        shanghai_customers = self.env["res.partner"].browse(shanghai_customer_ids)
        hangzhou_customer = self.env["res.partner"].browse(hangzhou_customer_id)
        rng = random.Random(7)
        day = user._dealer_local_today() - timedelta(days=2)
        if day.weekday() == 6:
            # A working day, as the other demo visits: the Saturday before.
            day -= timedelta(days=1)
        photo = _demo_photo(rng)
        reused = photo.resize((photo.width * 3 // 4, photo.height * 3 // 4))
        visits = [
            (shanghai_customers[0], time(7, 50), 15, photo, 90),
            (hangzhou_customer, time(8, 40), 40, _demo_photo(rng), 85),
            (shanghai_customers[1], time(19, 0), 25, reused, 60),
        ]
        checkins = self.browse()
        for customer, local_time, stay, image, quality in visits:
            latitude, longitude = customer.partner_latitude, customer.partner_longitude
            local = datetime.combine(day, local_time)
            exif = Image.Exif()
            exif[EXIF_IFD] = {EXIF_DATETIME_ORIGINAL: local.strftime("%Y:%m:%d %H:%M:%S")}
            output = io.BytesIO()
            image.save(output, "JPEG", quality=quality, exif=exif.tobytes())
            raw = base64.b64encode(output.getvalue())
            name = f"门店_{local:%Y%m%d_%H%M}.jpg"
            checkin = self.with_user(user).with_context(tracking_disable=True).create({
                "partner_id": customer.id,
                "latitude": round(latitude + rng.uniform(-0.0003, 0.0003), 7),
                "longitude": round(longitude + rng.uniform(-0.0003, 0.0003), 7),
                "accuracy": round(rng.uniform(8, 30), 1),
                "photo_ids": [Command.create({"name": name, "image": raw})],
            }).sudo()
            checkin_time = user._dealer_to_utc(local)
            checkin.write({"checkin_time": checkin_time, "checkout_time": checkin_time + timedelta(minutes=stay)})
            checkin.photo_ids.write(checkin.photo_ids._processed({"checkin_id": checkin.id, "name": name, "image": raw}))
            checkins |= checkin
        return checkins


def _demo_photo(rng, size=(1200, 900)):
    """A photo-like picture for the demo: overlapping shapes in colours of
    their own on a gradient, with grain, different for every ``rng`` draw."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(image, Image.new("RGB", size, tuple(rng.randint(40, 220) for _channel in range(3))), 0.6)
    draw = ImageDraw.Draw(image)
    for _shape in range(40):
        left, top = rng.randint(-200, width), rng.randint(-200, height)
        box = (left, top, left + rng.randint(60, 500), top + rng.randint(60, 400))
        fill = tuple(rng.randint(0, 255) for _channel in range(3))
        (draw.ellipse if rng.random() < 0.4 else draw.rectangle)(box, fill=fill)
    grain = Image.effect_noise(size, 18).convert("RGB")
    return Image.blend(image, grain, 0.12)
