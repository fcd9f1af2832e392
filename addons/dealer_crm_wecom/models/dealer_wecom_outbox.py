import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import cron
from ..tools.api import RATE_LIMITED, WeComApiError
from ..tools.retry import next_attempt

_logger = logging.getLogger(__name__)

# WeCom's limits for messages to one member.
PER_MINUTE = 30
PER_HOUR = 1000
BATCH_SIZE = 100
TITLE_LENGTH = 128
DESCRIPTION_LENGTH = 512


class DealerWecomOutbox(models.Model):
    """Messages waiting to be sent to members in WeCom: reminders (a copy of
    each Dealer CRM activity) and the app's replies. Queued where they
    arise, sent by a cron within WeCom's limits, retried; sending never
    holds up what queued it."""

    _name = "dealer.wecom.outbox"
    _description = "WeCom Outgoing Message"
    _order = "id desc"
    _rec_name = "title"

    company_id = fields.Many2one("res.company", string="Company", required=True, index=True, readonly=True)
    userid = fields.Char(string="WeCom UserID", required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="User", readonly=True, index="btree_not_null")
    activity_id = fields.Many2one("mail.activity", string="Activity", readonly=True, ondelete="set null",
                                  index="btree_not_null")
    title = fields.Char(string="Title", readonly=True)
    description = fields.Text(string="Text", readonly=True)
    url = fields.Char(string="Link", readonly=True)
    state = fields.Selection([("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed")], string="State",
                             required=True, default="queued", readonly=True)
    attempts = fields.Integer(string="Attempts", readonly=True)
    next_attempt = fields.Datetime(string="Next Attempt", readonly=True, default=fields.Datetime.now)
    sent_at = fields.Datetime(string="Sent At", readonly=True)
    error = fields.Text(string="Error", readonly=True)

    _due_index = models.Index("(next_attempt) WHERE state = 'queued'")
    _sent_index = models.Index("(userid, sent_at) WHERE state = 'sent'")

    @api.model
    def _dealer_queue(self, company, userid, user, text, title=None, url=None, activity=None):
        """Queue a text (a text card when it has a title and a link) to ``userid``."""
        if not (userid and company._dealer_wecom_configured()):
            return self.browse()
        message = self.sudo().create({
            "company_id": company.id, "userid": userid, "user_id": user.id or False,
            "activity_id": activity.id if activity else False,
            "title": (title or "")[:TITLE_LENGTH] or False,
            "description": (text or "")[:DESCRIPTION_LENGTH], "url": url or False,
        })
        cron.wake(self.env, "dealer_crm_wecom.ir_cron_dealer_wecom_send")
        return message

    @api.model
    def _cron_send(self):
        while True:
            done = self._dealer_send_batch()
            remaining = self.env["ir.cron"]._commit_progress(done, remaining=self.sudo().search_count([
                ("state", "=", "queued"), ("next_attempt", "<=", fields.Datetime.now()),
            ]))
            if not done or remaining <= 0:
                return

    @api.model
    def _dealer_send_batch(self, limit=BATCH_SIZE):
        """Send due messages, oldest first, within each member's limits: how many were tried."""
        now = fields.Datetime.now()
        queued = self.sudo().search([("state", "=", "queued"), ("next_attempt", "<=", now)],
                                    order="id", limit=limit).try_lock_for_update()
        sent_counts = self._dealer_sent_counts(set(queued.mapped("userid")), now)
        clients = {}
        for message in queued:
            minute, hour = sent_counts.get(message.userid, (0, 0))
            if minute >= PER_MINUTE or hour >= PER_HOUR:
                message.next_attempt = now + (timedelta(minutes=1) if hour < PER_HOUR else timedelta(minutes=10))
                continue
            if message.company_id not in clients:
                clients[message.company_id] = message.company_id._dealer_wecom_client()
            try:
                message._dealer_send(clients[message.company_id])
            except WeComApiError as error:
                message._dealer_failed(error)
                continue
            message.write({"state": "sent", "sent_at": now, "error": False})
            sent_counts[message.userid] = (minute + 1, hour + 1)
        return len(queued)

    @api.model
    def _dealer_sent_counts(self, userids, now):
        """{userid: (sent in the last minute, sent in the last hour)}."""
        if not userids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT userid, count(*) FILTER (WHERE sent_at > %s), count(*)
              FROM dealer_wecom_outbox
             WHERE state = 'sent' AND userid = ANY(%s) AND sent_at > %s
          GROUP BY userid
        """, now - timedelta(minutes=1), list(userids), now - timedelta(hours=1)))
        return {userid: (minute, hour) for userid, minute, hour in self.env.cr.fetchall()}

    def _dealer_send(self, client):
        if self.title and self.url:
            client.send_text_card(self.userid, self.title, self.description or self.title, self.url)
        else:
            client.send_text(self.userid, self.description)

    def _dealer_failed(self, error):
        now = fields.Datetime.now()
        if error.code in RATE_LIMITED:
            attempts, again = self.attempts, now + timedelta(minutes=1)
        else:
            attempts = self.attempts + 1
            again = next_attempt(now, attempts)
        self.write({
            "attempts": attempts, "error": self.company_id._dealer_wecom_error_text(error),
            "state": "queued" if again else "failed", "next_attempt": again or now,
        })
        _logger.info("WeCom message %s to %s not sent: %s", self.id, self.userid, error.code)
