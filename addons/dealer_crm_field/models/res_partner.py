from odoo import Command, api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.dealer_crm.tools.guard import as_action


class ResPartner(models.Model):
    """A customer's field work: its follow-ups and the dates they set (which
    the public pool's no-follow-up rule reads), its check-ins, and the
    location a check-in may pin."""

    _inherit = "res.partner"

    dealer_followup_ids = fields.One2many("dealer.followup", "partner_id", string="Follow-ups")
    dealer_followup_count = fields.Integer(string="Follow-up Count", compute="_compute_dealer_field_work_counts")
    last_followup_date = fields.Datetime(compute="_compute_followup_dates", store=True)
    next_followup_date = fields.Datetime(
        string="Next Follow-up",
        compute="_compute_followup_dates",
        store=True,
        index="btree_not_null",
        help="As planned by the latest follow-up.",
    )
    dealer_followup_overdue = fields.Boolean(
        string="Follow-up Overdue", compute="_compute_dealer_followup_overdue", search="_search_dealer_followup_overdue",
    )
    dealer_checkin_ids = fields.One2many("dealer.checkin", "partner_id", string="Check-ins")
    dealer_checkin_count = fields.Integer(string="Check-in Count", compute="_compute_dealer_field_work_counts")

    @api.depends("dealer_followup_ids.date", "dealer_followup_ids.next_date")
    def _compute_followup_dates(self):
        """The date of the latest follow-up and the next date it planned,
        in one query for all the customers."""
        latest = {}
        if self.ids:
            self.env["dealer.followup"].flush_model(["partner_id", "date", "next_date"])
            latest = {partner_id: (date, next_date) for partner_id, date, next_date in self.env.execute_query(SQL(
                """SELECT DISTINCT ON (partner_id) partner_id, date, next_date
                     FROM dealer_followup
                    WHERE partner_id IN %s
                 ORDER BY partner_id, date DESC, id DESC""",
                tuple(self.ids),
            ))}
        for partner in self:
            partner.last_followup_date, partner.next_followup_date = latest.get(partner.id, (False, False))

    def _compute_dealer_followup_overdue(self):
        now = fields.Datetime.now()
        for partner in self:
            partner.dealer_followup_overdue = bool(partner.next_followup_date and partner.next_followup_date < now)

    def _search_dealer_followup_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        overdue = Domain("next_followup_date", "<", fields.Datetime.now())
        return overdue if True in value else ~overdue

    def _compute_dealer_field_work_counts(self):
        for model, count_field in (("dealer.followup", "dealer_followup_count"), ("dealer.checkin", "dealer_checkin_count")):
            counts = dict(self.env[model]._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"]))
            for partner in self:
                partner[count_field] = counts.get(partner, 0)

    def _dealer_hand_over(self, previous, user):
        """Future visits scheduled with these customers go to ``user`` too."""
        super()._dealer_hand_over(previous, user)
        self.env["calendar.event"].sudo().search([
            ("dealer_partner_id", "in", self.ids), ("start", ">", fields.Datetime.now()),
            ("user_id", "=", previous.id),
        ]).write({
            "user_id": user.id,
            "partner_ids": [Command.unlink(previous.partner_id.id), Command.link(user.partner_id.id)],
        })

    def _dealer_unowned_open_to(self, user):
        """Of these unowned customers, those ``user`` may work on (follow
        up, visit): all of them here; dealer_crm_pool keeps a pool's
        customers to its members."""
        return self

    def _dealer_pin(self, checkin):
        """Set the customer's location to where ``checkin`` was made."""
        self.ensure_one()
        as_action(self).write({
            "partner_latitude": checkin.latitude,
            "partner_longitude": checkin.longitude,
        })
        self.message_post(body=self.env._(
            "Location pinned at %(latitude).6f, %(longitude).6f by the check-in of %(name)s.",
            latitude=checkin.latitude, longitude=checkin.longitude, name=checkin.user_id.name,
        ))

    def action_dealer_log_followup(self):
        """The follow-up form, in a dialog, for this customer."""
        self.ensure_one()
        return self.env["dealer.followup"]._form_dialog_action({"default_partner_id": self.commercial_partner_id.id})

    def _dealer_customer_records_action(self, xmlid):
        """Action ``xmlid`` narrowed to the records of this customer."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_dealer_view_followups(self):
        return self._dealer_customer_records_action("dealer_crm_field.dealer_followup_action")

    def action_dealer_view_checkins(self):
        return self._dealer_customer_records_action("dealer_crm_field.dealer_checkin_action")
