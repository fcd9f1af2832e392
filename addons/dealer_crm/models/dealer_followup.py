from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.settings import get_setting

FOLLOWUP_METHODS = [
    ("visit", "Visit"),
    ("phone", "Phone"),
    ("wechat", "WeChat / WeCom"),
    ("email", "Email"),
    ("other", "Other"),
]
INTENTION_LEVELS = [
    ("high", "High"),
    ("medium", "Medium"),
    ("low", "Low"),
    ("none", "None"),
]
# Salespeople edit and delete their follow-ups this long after logging them.
EDIT_WINDOW = timedelta(hours=24)
# A follow-up may be dated this far ahead of the server clock (devices drift).
CLOCK_TOLERANCE = timedelta(minutes=5)


class DealerFollowup(models.Model):
    """What happened when a salesperson followed up a customer, and when the
    next follow-up is due. The customer's last and next follow-up dates,
    which the public pool reads, come from here."""

    _name = "dealer.followup"
    _description = "Customer Follow-up"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('is_dealer', '=', True), ('is_company', '=', True)]",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "dealer_followup_contact_rel",
        "followup_id",
        "partner_id",
        string="Contacts Met",
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(string="Date", required=True, index=True, tracking=True, default=fields.Datetime.now)
    method = fields.Selection(FOLLOWUP_METHODS, string="Method", required=True, default="visit", tracking=True)
    content = fields.Text(string="Content", required=True, tracking=True)
    concerns = fields.Text(string="Customer Concerns", tracking=True)
    intention = fields.Selection(INTENTION_LEVELS, string="Intention", tracking=True)
    voice_note_ids = fields.Many2many(
        "ir.attachment",
        "dealer_followup_voice_note_rel",
        "followup_id",
        "attachment_id",
        string="Voice Notes",
        help="Recorded in the browser where the device allows it, or uploaded.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "dealer_followup_attachment_rel",
        "followup_id",
        "attachment_id",
        string="Photos and Files",
    )
    next_date = fields.Datetime(string="Next Follow-up", tracking=True)
    next_create_event = fields.Boolean(
        string="Add to Calendar",
        help="Also put the next follow-up in the owner's calendar.",
    )
    next_activity_id = fields.Many2one("mail.activity", string="Next Follow-up Activity", readonly=True, copy=False)
    next_event_id = fields.Many2one("calendar.event", string="Next Follow-up Event", readonly=True, copy=False)
    checkin_id = fields.Many2one(
        "dealer.checkin", string="Check-in", index="btree_not_null", readonly=True,
        help="The visit this follow-up reports on.",
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    @api.constrains("date")
    def _check_date(self):
        now = fields.Datetime.now()
        window = self._backdate_window()
        is_manager = self.env.user._is_dealer_manager()
        for followup in self:
            if followup.date > now + CLOCK_TOLERANCE:
                raise ValidationError(_("A follow-up cannot be dated in the future."))
            if not is_manager and followup.date < now - window:
                raise ValidationError(_(
                    "A follow-up can be dated at most %(days)s days back; ask your manager to log an older one.",
                    days=window.days,
                ))

    @api.constrains("next_date", "date")
    def _check_next_date(self):
        for followup in self:
            if followup.next_date and followup.next_date <= followup.date:
                raise ValidationError(_("The next follow-up must come after this one."))

    @api.constrains("contact_ids", "partner_id")
    def _check_contacts(self):
        for followup in self:
            if followup.contact_ids.commercial_partner_id - followup.partner_id.commercial_partner_id:
                raise ValidationError(_("The contacts met must be contacts of the customer."))

    @api.model
    def _form_dialog_action(self, context):
        """The follow-up form in a dialog, with ``context``'s defaults."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Log a Follow-up"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    @api.model
    def _backdate_window(self):
        return timedelta(days=get_setting(self.env, "dealer_crm.followup_backdate_days"))

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        followups.voice_note_ids._dealer_check_audio()
        followups._attach_uploads()
        followups._close_open_followup_activities()
        followups._schedule_next_followup()
        return followups

    def write(self, vals):
        self._check_editable()
        result = super().write(vals)
        if "voice_note_ids" in vals:
            self.voice_note_ids._dealer_check_audio()
        if {"voice_note_ids", "attachment_ids"} & set(vals):
            self._attach_uploads()
        if {"next_date", "next_create_event", "partner_id"} & set(vals):
            self._schedule_next_followup()
        return result

    def unlink(self):
        self._check_editable()
        self.next_activity_id.sudo().unlink()
        self.next_event_id.sudo().unlink()
        return super().unlink()

    def _check_editable(self):
        """After a day, only managers change or delete a follow-up."""
        if self.env.su or self.env.user._is_dealer_manager():
            return
        limit = fields.Datetime.now() - EDIT_WINDOW
        if any(followup.create_date and followup.create_date < limit for followup in self):
            raise UserError(_("A follow-up can only be changed within 24 hours of logging it; ask your manager."))

    def _attach_uploads(self):
        """Files uploaded with a follow-up belong to it (and so share its access)."""
        for followup in self:
            uploads = (followup.voice_note_ids | followup.attachment_ids).sudo().filtered(
                lambda attachment: not attachment.res_id and attachment.create_uid == self.env.user
            )
            uploads.write({"res_model": self._name, "res_id": followup.id})

    def _close_open_followup_activities(self):
        """A new follow-up is the one the customer's open follow-up activity
        asked for; the earliest of the new ones of a customer closes it."""
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", "res.partner"),
            ("res_id", "in", self.partner_id.ids),
            ("activity_type_id", "=", self.env.ref("dealer_crm.mail_activity_type_dealer_followup").id),
        ])
        first_followups = {}
        for followup in self.sorted("date"):
            first_followups.setdefault(followup.partner_id.id, followup)
        for partner_id, partner_activities in activities.grouped("res_id").items():
            partner_activities.action_feedback(
                feedback=_("Followed up by %(name)s.", name=first_followups[partner_id].user_id.name),
            )

    def _schedule_next_followup(self):
        """Put the next follow-up in the customer owner's activities, and in
        their calendar when asked; replaces what an earlier version of this
        follow-up scheduled."""
        activity_type = self.env.ref("dealer_crm.mail_activity_type_dealer_followup")
        for followup in self:
            followup.next_activity_id.sudo().unlink()
            followup.next_event_id.sudo().unlink()
            if not followup.next_date:
                continue
            owner = followup.partner_id.user_id or followup.user_id
            local_next = owner._dealer_from_utc(followup.next_date)
            activity = followup.partner_id.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=local_next.date(),
                summary=_("Follow up %(customer)s", customer=followup.partner_id.name),
                note=followup.concerns or followup.content,
                user_id=owner.id,
            )
            event = self.env["calendar.event"]
            if followup.next_create_event:
                event = event.sudo().create({
                    "name": _("Follow up %(customer)s", customer=followup.partner_id.name),
                    "start": followup.next_date,
                    "stop": followup.next_date + timedelta(hours=1),
                    "user_id": owner.id,
                    "partner_ids": [(6, 0, (owner.partner_id | followup.contact_ids).ids)],
                    "dealer_partner_id": followup.partner_id.id,
                    "dealer_visit_type": "visit" if followup.method == "visit" else "phone",
                    "description": followup.concerns or False,
                })
            super(DealerFollowup, followup).write({"next_activity_id": activity.id, "next_event_id": event.id})
