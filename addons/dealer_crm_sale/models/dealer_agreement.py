from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.dealer_crm.tools.guard import as_action, check_governed, create_fields

from ..tools.settings import get_setting

AGREEMENT_TYPES = [
    ("dealer", "Dealer"),
    ("agent", "Agent"),
    ("exclusive_agent", "Exclusive Agent"),
]
AGREEMENT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("active", "Active"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
]
# The terms: fixed once a manager approves them; a renewal changes them.
AGREEMENT_TERMS = {
    "partner_id", "agreement_type", "region_ids", "product_category_ids", "date_start", "date_end", "pricelist_id",
    "payment_term_id", "credit_limit", "deposit", "annual_target", "rebate_tier_ids", "clause_ids", "company_id",
}
# Agreements that hold, or will hold from their start date.
BINDING_STATES = ("approved", "active")
# Written only by the actions: submit, return, approve, terminate, renew and the daily update.
AGREEMENT_GOVERNED = {"state", "termination_reason", "expiry_reminded", "previous_agreement_id"}


class DealerAgreement(models.Model):
    """The terms a dealer or agent works under: territory, products,
    pricelist, payment terms, credit, target, rebates and clauses. Drafted
    by the owner, approved by a manager, active between its dates; renewed
    into a new version, or terminated with a reason."""

    _name = "dealer.agreement"
    _description = "Dealer Agreement"
    _inherit = ["dealer.value.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True,
        domain=[("is_dealer", "=", True), ("is_company", "=", True)],
    )
    user_id = fields.Many2one(related="partner_id.user_id", string="Owner")
    company_id = fields.Many2one("res.company", string="Company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    agreement_type = fields.Selection(AGREEMENT_TYPES, string="Type", required=True, default="dealer", tracking=True)
    region_ids = fields.Many2many("dealer.region", string="Territory", help="Sub-regions included. Empty: anywhere.")
    product_category_ids = fields.Many2many(
        "product.category", string="Product Categories", help="Sub-categories included. Empty: every product.",
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    pricelist_id = fields.Many2one("product.pricelist", string="Pricelist", tracking=True,
                                   help="New quotations for the customer use it.")
    payment_term_id = fields.Many2one("account.payment.term", string="Payment Terms", tracking=True)
    credit_limit = fields.Monetary(string="Credit Limit", tracking=True,
                                   help="Open receivables plus a new order may not exceed it. 0: no limit.")
    deposit = fields.Monetary(string="Deposit", tracking=True)
    annual_target = fields.Monetary(string="Annual Target", tracking=True)
    rebate_tier_ids = fields.One2many("dealer.agreement.rebate.tier", "agreement_id", string="Rebate Tiers",
                                      copy=True)
    template_id = fields.Many2one("dealer.agreement.template", string="Template",
                                  help="The clauses a new agreement starts from.")
    clause_ids = fields.One2many("dealer.agreement.clause", "agreement_id", string="Clauses", copy=True)
    signed_document = fields.Binary(string="Signed Agreement", attachment=True, copy=False)
    signed_document_name = fields.Char(string="Signed Agreement File Name", copy=False)
    note = fields.Html(string="Notes", groups="base.group_user")
    state = fields.Selection(AGREEMENT_STATES, string="Status", required=True, default="draft", copy=False,
                             tracking=True, index=True)
    termination_reason = fields.Text(string="Termination Reason", copy=False, tracking=True)
    previous_agreement_id = fields.Many2one("dealer.agreement", string="Renews", readonly=True, copy=False,
                                            index="btree_not_null")
    renewal_ids = fields.One2many("dealer.agreement", "previous_agreement_id", string="Renewals")
    expiry_reminded = fields.Boolean(string="Expiry Reminder Sent", copy=False, readonly=True)
    sales_amount = fields.Monetary(
        string="Sales This Year", compute="_compute_rebate",
        help="Untaxed amount of the customer's confirmed orders this year, within the agreement's dates.",
    )
    target_progress = fields.Float(string="Target Reached (%)", compute="_compute_rebate")
    rebate_rate = fields.Float(string="Rebate Rate (%)", compute="_compute_rebate", digits=(5, 2))
    rebate_amount = fields.Monetary(string="Rebate Due", compute="_compute_rebate")

    _dates_ordered = models.Constraint("CHECK (date_end >= date_start)", "An agreement ends after it starts.")
    _amounts_positive = models.Constraint(
        "CHECK (credit_limit >= 0 AND deposit >= 0 AND annual_target >= 0)",
        "Credit limit, deposit and target cannot be negative.",
    )

    @api.depends("partner_id", "date_start", "date_end", "rebate_tier_ids.threshold", "rebate_tier_ids.rate",
                 "annual_target")
    def _compute_rebate(self):
        today = self.env.user._dealer_local_today()
        year_start = date(today.year, 1, 1)
        for agreement in self:
            agreement.sales_amount = agreement.rebate_rate = agreement.rebate_amount = 0.0
            agreement.target_progress = 0.0
            if not agreement.partner_id or not agreement.date_start:
                continue
            start, end = max(year_start, agreement.date_start), min(today, agreement.date_end)
            if start > end:
                continue
            owner = self.env.user
            [[amount]] = self.env["sale.order"].sudo()._read_group([
                ("partner_id", "child_of", agreement.partner_id.id), ("state", "=", "sale"),
                ("date_order", ">=", owner._dealer_to_utc(fields.Datetime.to_datetime(start))),
                ("date_order", "<", owner._dealer_to_utc(fields.Datetime.to_datetime(end + timedelta(days=1)))),
            ], [], ["amount_untaxed:sum"])
            amount = amount or 0.0
            tier = agreement.rebate_tier_ids.filtered(lambda tier: tier.threshold <= amount).sorted("threshold")[-1:]
            agreement.sales_amount = amount
            agreement.rebate_rate = tier.rate
            agreement.rebate_amount = amount * tier.rate / 100
            agreement.target_progress = amount / agreement.annual_target * 100 if agreement.annual_target else 0.0

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            self.clause_ids = self._clause_commands(self.template_id)

    @api.model
    def _clause_commands(self, template):
        return [Command.clear()] + [
            Command.create({"sequence": clause.sequence, "title": clause.title, "body": clause.body})
            for clause in template.clause_ids
        ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            given = create_fields(self, vals)
            if vals.get("state", self.env.context.get("default_state", "draft")) == "draft":
                given.discard("state")
            check_governed(self, given, AGREEMENT_GOVERNED, self.env._(
                "A new agreement starts as a draft; its status and history are set by its actions."))
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.agreement") or "/"
            if vals.get("template_id") and not vals.get("clause_ids"):
                template = self.env["dealer.agreement.template"].browse(vals["template_id"])
                vals["clause_ids"] = self._clause_commands(template)
        agreements = super().create(vals_list)
        agreements._check_owner_or_manager()
        return agreements

    def write(self, vals):
        check_governed(self, vals, AGREEMENT_GOVERNED, self.env._(
            "The status of an agreement changes through its buttons (submit, approve, return to draft, "
            "terminate, renew), not by writing it."))
        self._check_owner_or_manager()
        if AGREEMENT_TERMS & set(vals):
            self._check_terms_state()
        result = super().write(vals)
        if "partner_id" in vals:
            self._check_owner_or_manager()
            self.check_access("write")
        return result

    def unlink(self):
        if self.filtered(lambda agreement: agreement.state != "draft"):
            raise UserError(self.env._("Only draft agreements can be deleted; terminate the others."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    @api.constrains("state", "partner_id", "agreement_type", "date_start", "date_end")
    def _check_no_overlap(self):
        """A customer holds one agreement of a type at a time."""
        for agreement in self.filtered(lambda agreement: agreement.state in BINDING_STATES):
            overlapping = self.search([
                ("id", "!=", agreement.id), ("partner_id", "=", agreement.partner_id.id),
                ("agreement_type", "=", agreement.agreement_type), ("state", "in", BINDING_STATES),
                ("date_start", "<=", agreement.date_end), ("date_end", ">=", agreement.date_start),
            ], limit=1)
            if overlapping:
                raise ValidationError(self.env._(
                    "%(customer)s already has the agreement %(other)s of this type from %(start)s to %(end)s.",
                    customer=agreement.partner_id.name, other=overlapping.name,
                    start=overlapping.date_start, end=overlapping.date_end,
                ))

    @api.constrains("state", "agreement_type", "region_ids", "product_category_ids")
    def _check_exclusive_territory(self):
        """One active exclusive agent per territory and product category."""
        for agreement in self.filtered(lambda agreement: agreement.agreement_type == "exclusive_agent"):
            if not agreement.region_ids:
                raise ValidationError(self.env._("An exclusive agreement needs a territory."))
            if agreement.state != "active":
                continue
            regions = agreement.region_ids
            categories = agreement.product_category_ids
            domain = [
                ("id", "!=", agreement.id), ("agreement_type", "=", "exclusive_agent"), ("state", "=", "active"),
                "|", ("region_ids", "child_of", regions.ids), ("region_ids", "parent_of", regions.ids),
            ]
            if categories:
                domain += ["|", "|", ("product_category_ids", "=", False),
                           ("product_category_ids", "child_of", categories.ids),
                           ("product_category_ids", "parent_of", categories.ids)]
            rival = self.search(domain, limit=1)
            if rival:
                raise ValidationError(self.env._(
                    "%(other)s (%(customer)s) is already the exclusive agreement for this territory and these "
                    "products.", other=rival.name, customer=rival.partner_id.name,
                ))

    @api.model
    def _dealer_active_of(self, customer):
        """The agreement ``customer`` orders under (as superuser): its
        active one; of several types, exclusive agent, then dealer, then
        agent (``agreement_type desc``), the latest started first."""
        return self.sudo().search([
            ("partner_id", "=", customer.id), ("state", "=", "active"),
        ], order="agreement_type desc, date_start desc", limit=1)

    def _covers(self, customer, products):
        """What of ``customer``'s order of ``products`` falls outside this
        agreement: a message, or False."""
        self.ensure_one()
        if self.region_ids and not customer.dealer_region_id.filtered_domain(
                [("id", "child_of", self.region_ids.ids)]):
            return self.env._("%(customer)s is outside the territory of the agreement %(agreement)s.",
                     customer=customer.name, agreement=self.name)
        if self.product_category_ids:
            covered = self.env["product.category"].search([("id", "child_of", self.product_category_ids.ids)])
            outside = products.filtered(lambda product: product.categ_id not in covered)
            if outside:
                return self.env._("%(products)s: not covered by the agreement %(agreement)s.",
                         products=", ".join(outside.mapped("display_name")), agreement=self.name)
        return False

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------

    def _check_manager(self):
        if not self.env.user._is_dealer_manager():
            raise AccessError(self.env._("Only a manager can approve, return or terminate an agreement."))

    def _check_owner_or_manager(self):
        """Agreements are drafted and changed by their customer's owner or a
        manager (whose record rules say which)."""
        if self.env.su or self.env.user._is_dealer_manager():
            return
        foreign = self.sudo().filtered(lambda agreement: agreement.partner_id.user_id != self.env.user)
        if foreign:
            raise AccessError(self.env._("Only the owner of %(customer)s or a manager can change its agreements.",
                                customer=foreign[0].partner_id.name))

    def _check_terms_editable(self):
        """Rebate tiers and clauses are terms: changed on a draft by the
        customer's owner or a manager, on a submitted agreement by a manager
        only, and no longer once approved."""
        if self.env.su:
            return
        self._check_owner_or_manager()
        self.check_access("write")
        self.sudo()._check_terms_state()

    def _check_terms_state(self):
        """Terms change on a draft, on a submitted agreement by a manager
        only, and no longer once approved."""
        fixed = self.filtered(lambda agreement: agreement.state not in ("draft", "submitted"))
        if fixed:
            raise UserError(self.env._("The terms of %(agreement)s are approved: renew it to change them.",
                              agreement=fixed[0].name))
        if not self.env.user._is_dealer_manager() and self.filtered(lambda agreement: agreement.state == "submitted"):
            raise UserError(self.env._("The agreement waits for a manager's approval: a manager can change it, "
                              "or return it to draft."))

    def action_submit(self):
        for agreement in self:
            if agreement.state != "draft":
                raise UserError(self.env._("Only a draft agreement can be submitted."))
            if not agreement.clause_ids:
                raise UserError(self.env._("Add the clauses of %(agreement)s before submitting it.", agreement=agreement.name))
        as_action(self).write({"state": "submitted"})
        for agreement in self:
            leader = agreement.partner_id.user_id.sale_team_id.user_id
            if leader:
                agreement.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=leader.id,
                    summary=self.env._("Approve the agreement %(agreement)s", agreement=agreement.name),
                )
        return True

    def action_return_to_draft(self):
        self._check_manager()
        if self.filtered(lambda agreement: agreement.state != "submitted"):
            raise UserError(self.env._("Only a submitted agreement goes back to draft."))
        as_action(self).write({"state": "draft"})
        return True

    def action_approve(self):
        self._check_manager()
        if self.filtered(lambda agreement: agreement.state != "submitted"):
            raise UserError(self.env._("Only a submitted agreement can be approved."))
        as_action(self).write({"state": "approved"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        self._activate_started(self.env.user._dealer_local_today())
        return True

    def action_terminate(self, reason):
        self._check_manager()
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the agreement ends early."))
        if self.filtered(lambda agreement: agreement.state not in BINDING_STATES):
            raise UserError(self.env._("Only an approved or active agreement can be terminated."))
        as_action(self).write({"state": "terminated", "termination_reason": reason.strip()})
        return True

    def action_renew(self):
        """The next version: the same terms for a period as long, starting
        the day after this one ends, in draft."""
        self.ensure_one()
        if self.state not in ("active", "expired", "approved"):
            raise UserError(self.env._("Only an approved, active or expired agreement can be renewed."))
        duration = relativedelta(self.date_end + timedelta(days=1), self.date_start)
        start = self.date_end + timedelta(days=1)
        renewal = as_action(self).copy({
            "previous_agreement_id": self.id,
            "date_start": start,
            "date_end": start + duration - timedelta(days=1),
        })
        self.message_post(body=self.env._("Renewed by %(agreement)s.", agreement=renewal.name))
        return {
            "type": "ir.actions.act_window", "res_model": "dealer.agreement", "res_id": renewal.id,
            "view_mode": "form", "target": "current",
        }

    def _activate_started(self, today):
        """Approved agreements whose start has come become active."""
        as_action(self.filtered(lambda agreement: agreement.state == "approved" and agreement.date_start <= today)
                  ).write({"state": "active"})

    @api.model
    def _cron_update_states(self):
        """Daily: activate, expire, and remind owners and their managers
        before the end. An agreement that cannot become active (another
        one holds its territory) says so on its chatter and waits."""
        today = self.env.user._dealer_local_today()
        for agreement in self.search([("state", "=", "approved"), ("date_start", "<=", today)]):
            try:
                with self.env.cr.savepoint():
                    agreement._activate_started(today)
            except ValidationError as error:
                agreement.message_post(body=self.env._("Not activated: %(error)s", error=error.args[0]))
        as_action(self.search([("state", "=", "active"), ("date_end", "<", today)])).write({"state": "expired"})
        days = get_setting(self.env, "dealer_crm.agreement_reminder_days")
        expiring = self.search([
            ("state", "=", "active"), ("expiry_reminded", "=", False),
            ("date_end", "<=", today + timedelta(days=days)),
        ])
        for agreement in expiring:
            owner = agreement.partner_id.user_id
            for user in owner | owner.sale_team_id.user_id:
                agreement.activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=agreement.date_end, user_id=user.id,
                    summary=self.env._("%(agreement)s ends on %(date)s: renew it or let it end",
                              agreement=agreement.name, date=agreement.date_end),
                )
        as_action(expiring).write({"expiry_reminded": True})

    def action_print(self):
        return self.env.ref("dealer_crm_sale.dealer_agreement_report_action").report_action(self)
