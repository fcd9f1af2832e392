import logging
import re
import unicodedata
from datetime import datetime, time, timedelta, timezone

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.mimetypes import guess_mimetype

from ..tools import cron, voice
from ..tools.api import WeComApiError
from ..tools.dates import next_date_in
from ..tools.retry import next_attempt

_logger = logging.getLogger(__name__)

MESSAGE_TYPES = [
    ("text", "Text"),
    ("voice", "Voice"),
    ("image", "Image"),
    ("location", "Location"),
    ("event", "Event"),
    ("other", "Other"),
]
STATES = [
    ("received", "Received"),
    ("choosing", "Awaiting Customer Choice"),
    ("done", "Recorded"),
    ("unlinked", "Unknown Sender"),
    ("retry", "To Retry"),
    ("failed", "Failed"),
    ("expired", "Expired"),
    ("ignored", "Ignored"),
]
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
# A numbered question, and pictures and places waiting for their follow-up, keep this long.
CONVERSATION_WINDOW = timedelta(minutes=10)
# The customer of a check-in this recent is the one a message is about.
CHECKIN_WINDOW = timedelta(hours=2)
# Customers offered in a numbered list.
MAX_CHOICES = 8
BATCH_SIZE = 50
# The hour of the day a next follow-up named by its date is put at.
NEXT_FOLLOWUP_HOUR = time(9, 0)


class DealerWecomMessage(models.Model):
    """A message a member sent the company's WeCom app, stored as it came
    (the callback answers at once) and turned into a follow-up in the
    background."""

    _name = "dealer.wecom.message"
    _description = "WeCom Message"
    _order = "id desc"
    _rec_name = "dedupe_key"

    company_id = fields.Many2one("res.company", string="Company", required=True, index=True, readonly=True)
    dedupe_key = fields.Char(string="Message Key", required=True, readonly=True,
                             help="WeCom's MsgId; for events, the sender, time and event.")
    msg_id = fields.Char(string="MsgId", readonly=True)
    msg_type = fields.Selection(MESSAGE_TYPES, string="Type", required=True, readonly=True)
    event = fields.Char(string="Event", readonly=True)
    sender_userid = fields.Char(string="Sender", readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="User", readonly=True, index="btree_not_null")
    content = fields.Text(string="Content", readonly=True)
    media_id = fields.Char(string="Media ID", readonly=True)
    media_format = fields.Char(string="Format", readonly=True)
    latitude = fields.Float(string="Latitude", digits=(10, 7), readonly=True)
    longitude = fields.Float(string="Longitude", digits=(10, 7), readonly=True)
    location_label = fields.Char(string="Place", readonly=True)
    sent_at = fields.Datetime(string="Sent At", readonly=True, help="WeCom's CreateTime.")
    state = fields.Selection(STATES, string="State", required=True, default="received", index=True, readonly=True)
    attempts = fields.Integer(string="Attempts", readonly=True)
    next_attempt = fields.Datetime(string="Next Attempt", readonly=True)
    error_code = fields.Char(string="Error Code", readonly=True)
    error = fields.Text(string="Error", readonly=True)
    choices = fields.Char(string="Customers Offered", readonly=True,
                          help="The customers of the numbered list the sender was asked to choose from, in order.")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, index="btree_not_null")
    followup_id = fields.Many2one("dealer.followup", string="Follow-up", readonly=True, index="btree_not_null",
                                  ondelete="set null")
    attachment_ids = fields.Many2many("ir.attachment", string="Files", readonly=True)

    _company_key_unique = models.Constraint(
        "UNIQUE (company_id, dedupe_key)", "WeCom sends a message again when it times out: it is stored once.",
    )
    _due_index = models.Index("(state, next_attempt) WHERE state IN ('received', 'retry')")

    # ------------------------------------------------------------------
    # Storing (the callback)
    # ------------------------------------------------------------------

    @api.model
    def _dealer_store(self, company, message):
        """Store ``message`` (the fields of WeCom's XML) once: whether it was new."""
        msg_type = message.get("MsgType") or "other"
        if msg_type not in dict(MESSAGE_TYPES):
            msg_type = "other"
        sender = (message.get("FromUserName") or "")[:64]
        try:
            created = int(message.get("CreateTime") or 0)
        except ValueError:
            created = 0
        msg_id = (message.get("MsgId") or "")[:64] or None
        key = msg_id or f"{sender}:{created}:{(message.get('Event') or msg_type)[:64]}"

        def number(name):
            try:
                value = float(message.get(name) or 0)
            except ValueError:
                return None
            return value if -180 <= value <= 180 else None

        latitude, longitude = number("Location_X"), number("Location_Y")
        sent_at = datetime.fromtimestamp(created, timezone.utc).replace(tzinfo=None) if created > 0 else None
        self.env.cr.execute(SQL("""
            INSERT INTO dealer_wecom_message (
                company_id, dedupe_key, msg_id, msg_type, event, sender_userid, content, media_id, media_format,
                latitude, longitude, location_label, sent_at, state, attempts, create_date, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'received', 0,
                    now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
            ON CONFLICT (company_id, dedupe_key) DO NOTHING RETURNING id
        """, company.id, key, msg_id, msg_type, (message.get("Event") or None), sender,
            (message.get("Content") or message.get("Recognition") or None), (message.get("MediaId") or None),
            (message.get("Format") or None), latitude if msg_type == "location" else None,
            longitude if msg_type == "location" else None, (message.get("Label") or None), sent_at))
        return bool(self.env.cr.fetchone())

    @api.model
    def _dealer_wake_processing(self):
        cron.wake(self.env, "dealer_crm_wecom.ir_cron_dealer_wecom_process")

    # ------------------------------------------------------------------
    # Processing (the cron)
    # ------------------------------------------------------------------

    @api.model
    def _cron_process(self):
        while True:
            done = self._dealer_process_batch()
            remaining = self.env["ir.cron"]._commit_progress(done, remaining=self._dealer_due_count())
            if not done or remaining <= 0:
                return

    @api.model
    def _dealer_due_domain(self):
        return ["|", ("state", "=", "received"), "&", ("state", "=", "retry"),
                ("next_attempt", "<=", fields.Datetime.now())]

    @api.model
    def _dealer_due_count(self):
        return self.sudo().search_count(self._dealer_due_domain())

    @api.model
    def _dealer_process_batch(self, limit=BATCH_SIZE):
        """Process due messages, oldest first, each locked so that no other
        worker takes it: how many."""
        messages = self.sudo().search(self._dealer_due_domain(), order="id", limit=limit).try_lock_for_update()
        for message in messages:
            message.invalidate_recordset()
            if message.state not in ("received", "retry"):
                continue
            try:
                with self.env.cr.savepoint():
                    message._dealer_process()
            except WeComApiError as error:
                message._dealer_fail(error.code, message.company_id._dealer_wecom_error_text(error))
            except (UserError, ValidationError, AccessError, voice.VoiceConversionError) as error:
                message._dealer_fail(None, str(error), retry=False)
            except Exception as error:  # noqa: BLE001 - one bad message must not hold up the queue
                _logger.exception("WeCom message %s could not be processed", message.id)
                message._dealer_fail(None, type(error).__name__)
        return len(messages)

    def _dealer_fail(self, code, text, retry=True):
        attempts = self.attempts + 1
        again = retry and next_attempt(fields.Datetime.now(), attempts)
        # What the failed attempt wrote was rolled back, the sender's user included.
        user = self.env["res.users"]._dealer_wecom_user(self.company_id, self.sender_userid)
        self.write({
            "attempts": attempts, "error_code": code and str(code), "error": text, "user_id": user.id,
            "state": "retry" if again else "failed", "next_attempt": again or False,
        })
        _logger.info("WeCom message %s %s: %s", self.id, "to retry" if again else "failed", code or "")
        if not again and self.user_id:
            message = self.with_context(lang=self.user_id.lang or "zh_CN")
            message._dealer_reply(message.env._("Your WeCom message could not be recorded: %(error)s", error=text))

    def _dealer_process(self):
        self.ensure_one()
        user = self.env["res.users"]._dealer_wecom_user(self.company_id, self.sender_userid)
        if self.msg_type == "event" or self.msg_type == "other":
            self.state = "ignored"
            return
        if not user:
            self.state = "unlinked"
            self.with_context(lang=self.company_id.partner_id.lang or "zh_CN")._dealer_reply_unlinked()
            return
        self.user_id = user
        getattr(self.with_context(lang=user.lang or "zh_CN"), f"_dealer_process_{self.msg_type}")()

    def _dealer_process_text(self):
        text = (self.content or "").strip()
        choosing = self._dealer_open_question()
        number = unicodedata.normalize("NFKC", text)
        if choosing and number.isdigit():
            choices = choosing._dealer_choices()
            index = int(number) - 1
            if not 0 <= index < len(choices):
                self.state = "done"
                self._dealer_reply(self.env._("Please answer with a number from 1 to %(count)s.", count=len(choices)))
                return
            choosing._dealer_record(choices[index])
            self.write({"state": "done", "partner_id": choices[index].id, "followup_id": choosing.followup_id.id})
            return
        (choosing - self).state = "expired"
        self._dealer_record(self._dealer_resolve_customer(text))

    def _dealer_process_voice(self):
        company, user = self.company_id, self.user_id
        content, _content_type = company._dealer_wecom_client().get_media(self.media_id)
        seconds = voice.amr_seconds(content)
        mp3 = voice.browser_copy(content, suffix=f".{(self.media_format or 'amr').lower()[:8]}")
        attachments = self.env["ir.attachment"].with_user(user).create([
            {"name": f"wecom-{self.dedupe_key}.mp3", "raw": mp3, "mimetype": "audio/mpeg"},
            {"name": f"wecom-{self.dedupe_key}.{(self.media_format or 'amr').lower()[:8]}", "raw": content,
             "mimetype": "audio/amr"},
        ]).sudo()
        transcript = self.env["dealer.wecom.transcriber"]._transcribe(content, self.media_format or "amr", seconds)
        self.write({
            "attachment_ids": [(6, 0, attachments.ids)],
            "content": transcript or self.env._("Voice message, %(seconds)s seconds", seconds=seconds),
            "error": False if transcript is not None else self.env._("Not transcribed: no speech-to-text service."),
        })
        customer = self._dealer_resolve_customer(transcript or "")
        self._dealer_record(customer)

    def _dealer_process_image(self):
        content, content_type = self.company_id._dealer_wecom_client().get_media(self.media_id)
        mimetype = guess_mimetype(content)
        if mimetype not in IMAGE_TYPES:
            raise UserError(self.env._("WeCom sent a picture that is not an image (%(type)s).",
                                       type=mimetype or content_type or "?"))
        self.attachment_ids = self.env["ir.attachment"].with_user(self.user_id).create({
            "name": f"wecom-{self.dedupe_key}.{IMAGE_TYPES[mimetype]}", "raw": content, "mimetype": mimetype,
        }).sudo()
        self._dealer_attach_to_recent_followup()

    def _dealer_process_location(self):
        self._dealer_attach_to_recent_followup()

    # ------------------------------------------------------------------
    # Customers and follow-ups
    # ------------------------------------------------------------------

    def _dealer_open_question(self):
        """The sender's numbered question still waiting for an answer."""
        return self.search([
            ("user_id", "=", self.user_id.id), ("state", "=", "choosing"), ("id", "!=", self.id),
            ("write_date", ">=", fields.Datetime.now() - CONVERSATION_WINDOW),
        ], order="id desc", limit=1)

    def _dealer_choices(self):
        ids = [int(part) for part in (self.choices or "").split(",") if part.isdigit()]
        return [customer for customer in self.env["res.partner"].browse(ids).exists()]

    def _dealer_own_customers(self):
        return self.env["res.partner"].with_context(active_test=True).search([
            ("user_id", "=", self.user_id.id), ("is_dealer", "=", True), ("is_company", "=", True),
        ])

    def _dealer_resolve_customer(self, text):
        """The customer ``text`` is about: one it names at its start (code,
        exact name, unique part of a name), else the customer of the sender's
        open or recent check-in. Empty when the sender must choose."""
        customers = self._dealer_own_customers()
        head = text.lstrip()
        code = re.match(r"([A-Za-z]{1,4}\d{3,})", head)
        if code:
            named = customers.filtered(lambda customer: customer.dealer_code == code.group(1).upper())
            if named:
                return named[0]
        named = customers.filtered(lambda customer: customer.name and head.startswith(customer.name))
        if named:
            return max(named, key=lambda customer: len(customer.name))
        first_word = re.split(r"[\s,，。:：;；!！?？]", head, maxsplit=1)[0]
        if len(first_word) >= 2:
            named = customers.filtered(lambda customer: first_word in (customer.name or ""))
            if len(named) == 1:
                return named
        checkin = self.env["dealer.checkin"].sudo().search([
            ("user_id", "=", self.user_id.id),
            "|", ("checkout_time", "=", False), ("checkin_time", ">=", fields.Datetime.now() - CHECKIN_WINDOW),
            ("checkin_time", ">=", fields.Datetime.now() - timedelta(hours=24)),
        ], order="checkin_time desc", limit=1)
        return checkin.partner_id.commercial_partner_id

    def _dealer_offer_choices(self):
        """Ask the sender which customer it was: today's (My Day), then their most recent."""
        start, end = self.user_id._dealer_local_day_bounds()
        agenda = self.env["dealer.agenda"].sudo().search([
            ("user_id", "=", self.user_id.id), ("start", "<", end), ("partner_id", "!=", False),
            "|", ("kind", "=", "followup"), ("start", ">=", start),
        ])
        recent = self.env["res.partner"].sudo().search([
            ("user_id", "=", self.user_id.id), ("is_dealer", "=", True), ("is_company", "=", True),
        ], order="last_followup_date desc nulls last, write_date desc", limit=MAX_CHOICES)
        choices = []
        for customer in agenda.partner_id | recent:
            if customer not in choices and len(choices) < MAX_CHOICES:
                choices.append(customer)
        if not choices:
            self.state = "failed"
            self.error = self.env._("The sender has no customers to record a follow-up on.")
            self._dealer_reply(self.env._("You have no customers in Dealer CRM yet: nothing was recorded."))
            return
        self.write({"state": "choosing", "choices": ",".join(str(customer.id) for customer in choices)})
        lines = "\n".join(f"{number}. {customer.name}" for number, customer in enumerate(choices, 1))
        self._dealer_reply(self.env._(
            "Which customer is this about? Reply with its number:\n%(lines)s", lines=lines,
        ))

    def _dealer_record(self, customer):
        """The follow-up of this message on ``customer`` (asks when empty)."""
        if not customer:
            self._dealer_offer_choices()
            return
        user = self.user_id
        text = (self.content or "").strip()
        today = user._dealer_local_today()
        next_day = next_date_in(text, today)
        next_date = user._dealer_to_utc(datetime.combine(next_day, NEXT_FOLLOWUP_HOUR)) if next_day else False
        checkin = self.env["dealer.checkin"].sudo().search([
            ("user_id", "=", user.id), ("partner_id", "child_of", customer.id),
            ("checkin_time", ">=", fields.Datetime.now() - CHECKIN_WINDOW),
        ], order="checkin_time desc", limit=1)
        sent_at = min(self.sent_at or fields.Datetime.now(), fields.Datetime.now())
        followup = self.env["dealer.followup"].with_user(user).with_company(self.company_id).create({
            "partner_id": customer.id,
            "method": "wecom",
            "content": text,
            "date": sent_at,
            "next_date": next_date,
            "user_id": user.id,
            "voice_note_ids": [(6, 0, self.attachment_ids.ids)],
        })
        if checkin:
            followup.sudo().checkin_id = checkin
        self.write({"state": "done", "partner_id": customer.id, "followup_id": followup.id})
        self._dealer_waiting_extras()._dealer_attach_to(followup)
        if self.msg_type == "voice" and self.error:
            sent = user._dealer_from_utc(followup.date).strftime("%Y-%m-%d %H:%M")
            customer.sudo().activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id,
                summary=self.env._("Write down your voice follow-up"),
                note=self.env._("The voice message of your follow-up of %(date)s was not transcribed: listen to "
                                "it and complete the text.", date=sent),
            )
        self._dealer_reply_recorded(followup, next_day)

    def _dealer_waiting_extras(self):
        """Pictures and places the sender sent in the last minutes, waiting for a follow-up."""
        return self.search([
            ("user_id", "=", self.user_id.id), ("msg_type", "in", ("image", "location")),
            ("state", "=", "done"), ("followup_id", "=", False),
            ("create_date", ">=", fields.Datetime.now() - CONVERSATION_WINDOW),
        ])

    def _dealer_attach_to_recent_followup(self):
        """A picture or a place goes with the sender's follow-up from WeCom of
        the last minutes, else waits for their next one."""
        self.state = "done"
        followup = self.search([
            ("user_id", "=", self.user_id.id), ("followup_id", "!=", False), ("msg_type", "in", ("text", "voice")),
            ("create_date", ">=", fields.Datetime.now() - CONVERSATION_WINDOW),
        ], order="id desc", limit=1).followup_id
        if followup:
            self._dealer_attach_to(followup)

    def _dealer_attach_to(self, followup):
        for message in self:
            message.write({"followup_id": followup.id, "partner_id": followup.partner_id.id})
            images = message.attachment_ids.filtered(lambda attachment: attachment.mimetype.startswith("image/"))
            if images:
                images.write({"res_model": "dealer.followup", "res_id": followup.id})
                followup.sudo().attachment_ids = [(4, image.id) for image in images]

    # ------------------------------------------------------------------
    # Replies
    # ------------------------------------------------------------------

    def _dealer_reply(self, text, title=None, url=None):
        self.env["dealer.wecom.outbox"]._dealer_queue(
            self.company_id, self.sender_userid, self.user_id, text, title=title, url=url,
        )

    def _dealer_reply_unlinked(self):
        self._dealer_reply(self.env._(
            "Hello! Your WeCom account is not linked to a Dealer CRM user yet, so this message was not recorded. "
            "Please ask your Dealer CRM administrator to link your WeCom account (%(userid)s) to your user.",
            userid=self.sender_userid,
        ))

    def _dealer_reply_recorded(self, followup, next_day):
        lines = [self.env._("Customer: %(customer)s", customer=followup.partner_id.name),
                 self.env._("Recorded: %(content)s", content=(followup.content or "")[:200])]
        if next_day:
            lines.append(self.env._("Next follow-up: %(date)s", date=next_day.isoformat()))
        base_url = self.get_base_url()
        self._dealer_reply(
            "\n".join(lines), title=self.env._("Follow-up recorded"),
            url=f"{base_url}/odoo/action-dealer_crm_field.dealer_followup_action/{followup.id}",
        )

    # ------------------------------------------------------------------
    # The inbox
    # ------------------------------------------------------------------

    def action_retry(self):
        """Process failed messages again (an administrator's action)."""
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(self.env._("Only administrators retry WeCom messages."))
        self.sudo().filtered(lambda message: message.state in ("failed", "unlinked")).write({
            "state": "received", "attempts": 0, "next_attempt": False, "error": False, "error_code": False,
        })
        self._dealer_wake_processing()
        return True
