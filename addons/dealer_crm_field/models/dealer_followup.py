from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

from odoo.addons.dealer_crm.tools.guard import check_governed

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
# What the follow-up schedules itself (and unlinks when rescheduled).
SCHEDULED_FIELDS = frozenset({"next_activity_id", "next_event_id"})
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
    _inherit = ["dealer.value.mixin", "mail.thread"]
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
                raise ValidationError(self.env._("A follow-up cannot be dated in the future."))
            if not is_manager and followup.date < now - window:
                raise ValidationError(self.env._(
                    "A follow-up can be dated at most %(days)s days back; ask your manager to log an older one.",
                    days=window.days,
                ))

    @api.constrains("next_date", "date")
    def _check_next_date(self):
        for followup in self:
            if followup.next_date and followup.next_date <= followup.date:
                raise ValidationError(self.env._("The next follow-up must come after this one."))

    @api.constrains("contact_ids", "partner_id")
    def _check_contacts(self):
        for followup in self:
            if followup.contact_ids.commercial_partner_id - followup.partner_id.commercial_partner_id:
                raise ValidationError(self.env._("The contacts met must be contacts of the customer."))

    @api.model
    def _form_dialog_action(self, context):
        """The follow-up form in a dialog, with ``context``'s defaults."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Follow-up"),
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
        for vals in vals_list:
            self._check_scheduled_fields(vals)
        followups = super().create(vals_list)
        followups._check_customers()
        followups._check_authors()
        followups.voice_note_ids._dealer_check_audio()
        followups._attach_uploads()
        followups._close_open_followup_activities()
        followups._schedule_next_followup()
        return followups

    def write(self, vals):
        self._check_scheduled_fields(vals)
        self._check_editable()
        self._check_own_or_managed()
        new_author = "user_id" in vals and any(followup.user_id.id != vals["user_id"] for followup in self)
        if new_author and not (self.env.su or self.env.user._is_dealer_manager()):
            raise AccessError(self.env._("A follow-up stays in the name of the salesperson who logged it."))
        result = super().write(vals)
        if "partner_id" in vals:
            self._check_customers()
        if new_author or "partner_id" in vals:
            self._check_authors()
        if "voice_note_ids" in vals:
            self.voice_note_ids._dealer_check_audio()
        if {"voice_note_ids", "attachment_ids"} & set(vals):
            self._attach_uploads()
        if {"next_date", "next_create_event", "partner_id"} & set(vals):
            self._schedule_next_followup()
        return result

    def unlink(self):
        self._check_editable()
        self._check_own_or_managed()
        self.next_activity_id.sudo().unlink()
        self.next_event_id.sudo().unlink()
        return super().unlink()

    def _check_scheduled_fields(self, vals):
        check_governed(self, vals, SCHEDULED_FIELDS, self.env._(
            "The next follow-up's activity and event are scheduled by the follow-up itself.",
        ))

    @api.constrains("checkin_id", "partner_id", "user_id")
    def _check_checkin(self):
        for followup in self.sudo().filtered("checkin_id"):
            checkin = followup.checkin_id
            if checkin.partner_id.commercial_partner_id != followup.partner_id.commercial_partner_id \
                    or checkin.user_id != followup.user_id:
                raise ValidationError(self.env._("A follow-up reports on a check-in of its own author at its customer."))

    # ------------------------------------------------------------------
    # Who logs what
    # ------------------------------------------------------------------

    def _check_customers(self):
        """Follow-ups go on customers the user works: their own, unowned
        ones (in a pool: the pool's members), those a manager's rules put in
        their scope; administrators log on any."""
        if self.env.su:
            return
        customers = self.sudo().partner_id.commercial_partner_id
        refused = customers - self._workable_customers(customers)
        if refused:
            raise AccessError(self.env._(
                "%(customer)s is not yours to follow up: log follow-ups on your own customers, unowned ones, "
                "and those of the public pools you belong to.", customer=refused[0].name,
            ))

    @api.model
    def _workable_customers(self, customers):
        """Of ``customers`` (commercial partners), those the user may log
        follow-ups on."""
        user = self.env.user
        customers = customers.sudo()
        if user._is_dealer_admin():
            return customers
        unowned = customers.filtered(lambda customer: not customer.user_id)
        workable = customers.filtered(lambda customer: customer.user_id == user) \
            | unowned._dealer_unowned_open_to(user)
        if workable != customers and user._is_dealer_manager():
            workable |= self._managed_customers(customers - workable)
        return workable

    @api.model
    def _managed_customers(self, customers):
        """Of ``customers``, those the manager's customer rule gives the user."""
        rule = self.env.ref("dealer_crm.res_partner_rule_dealer_manager", raise_if_not_found=False)
        if not rule or not rule.sudo().active:
            return customers.browse()
        rule = rule.sudo()
        return customers.sudo().filtered_domain(Domain(safe_eval(rule.domain_force, rule._eval_context())))

    def _check_authors(self):
        """A follow-up is logged in the caller's name; a manager may log one
        for a member of a team they lead, or for the owner of a customer in
        their scope."""
        if self.env.su:
            return
        user = self.env.user
        for followup in self.sudo():
            author, customer = followup.user_id, followup.partner_id.commercial_partner_id
            if author == user or user._is_dealer_admin():
                continue
            if user._is_dealer_manager() and (
                    user in (author.sale_team_id | author.crm_team_ids).user_id
                    or (customer.user_id == author and self._managed_customers(customer))):
                continue
            raise AccessError(self.env._(
                "You log follow-ups in your own name; a manager may log one for a member of a team they lead.",
            ))

    def _check_own_or_managed(self):
        """Salespeople change the follow-ups they logged and those of their
        customers; managers those their rules give them."""
        if self.env.su or self.env.user._is_dealer_manager():
            return
        user = self.env.user
        if self.sudo().filtered(
                lambda followup: user not in followup.user_id | followup.partner_id.commercial_partner_id.user_id):
            raise AccessError(self.env._("Only its author, the customer's owner or a manager can change a follow-up."))

    def _check_editable(self):
        """After a day, only managers change or delete a follow-up."""
        if self.env.su or self.env.user._is_dealer_manager():
            return
        limit = fields.Datetime.now() - EDIT_WINDOW
        if any(followup.create_date and followup.create_date < limit for followup in self):
            raise UserError(self.env._("A follow-up can only be changed within 24 hours of logging it; ask your manager."))

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
            ("activity_type_id", "=", self.env.ref("dealer_crm_field.mail_activity_type_dealer_followup").id),
        ])
        first_followups = {}
        for followup in self.sorted("date"):
            first_followups.setdefault(followup.partner_id.id, followup)
        for partner_id, partner_activities in activities.grouped("res_id").items():
            partner_activities.action_feedback(
                feedback=self.env._("Followed up by %(name)s.", name=first_followups[partner_id].user_id.name),
            )

    def _schedule_next_followup(self):
        """Put the next follow-up in the customer owner's activities, and in
        their calendar when asked; replaces what an earlier version of this
        follow-up scheduled."""
        activity_type = self.env.ref("dealer_crm_field.mail_activity_type_dealer_followup")
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
                summary=self.env._("Follow up %(customer)s", customer=followup.partner_id.name),
                note=followup.concerns or followup.content,
                user_id=owner.id,
            )
            event = self.env["calendar.event"]
            if followup.next_create_event:
                event = event.sudo().create({
                    "name": self.env._("Follow up %(customer)s", customer=followup.partner_id.name),
                    "start": followup.next_date,
                    "stop": followup.next_date + timedelta(hours=1),
                    "user_id": owner.id,
                    "partner_ids": [Command.set((owner.partner_id | followup.contact_ids).ids)],
                    "dealer_partner_id": followup.partner_id.id,
                    "dealer_visit_type": "visit" if followup.method == "visit" else "phone",
                    "description": followup.concerns or False,
                })
            super(DealerFollowup, followup).write({"next_activity_id": activity.id, "next_event_id": event.id})
