from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.dealer_crm.tools.guard import as_action, check_governed, create_fields, in_action

BACK_OFFICE_STATES = [
    ("submitted", "Submitted"),
    ("returned", "Returned"),
    ("confirmed", "Confirmed"),
]
PAYMENT_STATES = [
    ("not_invoiced", "Not Invoiced"),
    ("not_paid", "Not Paid"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
]


SALES_FACT_FIELDS = {"state", "date_order", "user_id", "team_id", "company_id", "partner_id", "currency_rate"}
# Written only by the order desk's actions (submit, return, confirm).
ORDER_DESK_FIELDS = {
    "dealer_back_office_state", "dealer_submitted_by_id", "dealer_submitted_date", "dealer_return_reason",
    "dealer_credit_override_by_id",
}


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "dealer.sales.fact.source"]
    _dealer_fact_fields = SALES_FACT_FIELDS
    _dealer_fact_column = "order_id"

    dealer_agreement_id = fields.Many2one(
        "dealer.agreement", string="Agreement", compute="_compute_dealer_agreement_id", store=True, readonly=False,
        index="btree_not_null", help="The customer's active agreement the quotation follows.",
    )
    dealer_agreement_warning = fields.Char(string="Agreement Warning", compute="_compute_dealer_agreement_warning",
                                           groups="base.group_user")
    dealer_back_office_state = fields.Selection(
        BACK_OFFICE_STATES, string="Order Desk", copy=False, tracking=True, index="btree_not_null",
        help="Where the order stands with the back office (内勤).",
    )
    dealer_submitted_by_id = fields.Many2one("res.users", string="Submitted By", copy=False, readonly=True)
    dealer_submitted_date = fields.Datetime(string="Submitted On", copy=False, readonly=True)
    dealer_return_reason = fields.Text(string="Return Reason", copy=False, readonly=True, tracking=True)
    dealer_credit_override_by_id = fields.Many2one(
        "res.users", string="Credit Limit Overridden By", copy=False, readonly=True, tracking=True,
        groups="base.group_user",
    )
    dealer_payment_state = fields.Selection(
        PAYMENT_STATES, string="Payment", compute="_compute_dealer_payment_state",
        search="_search_dealer_payment_state", help="From the order's invoices.",
    )

    def _dealer_fact_sources(self, field_names=None):
        return {"order": self.ids}

    # ------------------------------------------------------------------
    # Fields only actions write
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_governed(self, create_fields(self, vals), ORDER_DESK_FIELDS, self.env._(
                "The order desk fields are set by submitting, returning and confirming the order."))
        orders = super().create(vals_list)
        if not in_action(self) and orders.sudo().filtered(
                lambda order: order.state != "draft" and order.partner_id.commercial_partner_id.is_dealer):
            raise AccessError(self.env._("A new order of a Dealer CRM customer starts as a quotation."))
        return orders

    def write(self, vals):
        self._dealer_check_partner_change(vals)
        check_governed(self, vals, ORDER_DESK_FIELDS, self.env._(
            "The order desk fields are set by submitting, returning and confirming the order."))
        plain_state = "state" in vals and not in_action(self)
        if plain_state:
            self._dealer_check_plain_state()
        result = super().write(vals)
        if plain_state and "partner_id" in vals:
            self._dealer_check_plain_state()
        return result

    def _dealer_check_partner_change(self, vals):
        """A confirmed or cancelled order keeps its customer: moved onto a
        Dealer CRM customer it would count in its sales and rebates without
        the order desk."""
        if "partner_id" not in vals or in_action(self):
            return
        moved = self.filtered(lambda order: order.state not in ("draft", "sent")
                              and order.partner_id.id != vals["partner_id"])
        if moved:
            raise AccessError(self.env._("%(order)s is confirmed or cancelled: it keeps its customer.", order=moved[0].name))

    def _dealer_on_order_desk(self):
        """Whether the order is in the order desk's hands: submitted to the
        back office, or returned by it to the salesperson."""
        self.ensure_one()
        return self.dealer_back_office_state in ("submitted", "returned")

    def _has_to_be_signed(self):
        """A customer signs a quotation sent to him, not one on the order
        desk: signing it would submit it again behind the salesperson."""
        return super()._has_to_be_signed() and not self._dealer_on_order_desk()

    def _has_to_be_paid(self):
        return super()._has_to_be_paid() and not self._dealer_on_order_desk()

    def _validate_order(self):
        """A customer's signature or payment on the portal confirms an
        order; one that goes through the back office is submitted to it
        instead, and the back office confirms it."""
        desk = self.filtered(lambda order: order._dealer_is_customer_order()
                             and order.company_id.dealer_orders_through_back_office)
        desk.filtered(lambda order: order.dealer_back_office_state != "submitted").action_dealer_submit()
        for order in desk:
            order.message_post(body=self.env._("Accepted by the customer: waiting for the back office to confirm it."))
        if self - desk:
            return super(SaleOrder, self - desk)._validate_order()
        return None

    def _dealer_check_plain_state(self):
        if self.sudo().filtered(lambda order: order.partner_id.commercial_partner_id.is_dealer):
            raise AccessError(self.env._(
                "The status of an order of a Dealer CRM customer changes through its buttons (submit, confirm, "
                "cancel, set to quotation), not by writing it."))

    # Odoo's own state changes, marked as the actions they are.

    def action_draft(self):
        return super(SaleOrder, as_action(self)).action_draft()

    def action_quotation_sent(self):
        return super(SaleOrder, as_action(self)).action_quotation_sent()

    def _action_cancel(self):
        return super(SaleOrder, as_action(self))._action_cancel()

    def message_post(self, **kwargs):
        # Sending the quotation by email marks it sent (``mark_so_as_sent``).
        if self.env.context.get("mark_so_as_sent"):
            as_action(self.filtered(lambda order: order.state == "draft")).with_context(
                tracking_disable=True).write({"state": "sent"})
        return super().message_post(**kwargs)

    @api.depends("partner_id")
    def _compute_dealer_agreement_id(self):
        for order in self:
            order.dealer_agreement_id = order._dealer_active_agreement() if order.state in ("draft", "sent") \
                else order.dealer_agreement_id

    def _dealer_active_agreement(self):
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if not customer.is_dealer:
            return self.env["dealer.agreement"]
        return self.env["dealer.agreement"]._dealer_active_of(customer).sudo(False)

    @api.depends("partner_id", "company_id")
    def _compute_pricelist_id(self):
        super()._compute_pricelist_id()
        for order in self.filtered(lambda order: order.state == "draft"):
            pricelist = order.dealer_agreement_id.sudo().pricelist_id
            if pricelist:
                order.pricelist_id = pricelist

    @api.depends("partner_id")
    def _compute_payment_term_id(self):
        super()._compute_payment_term_id()
        for order in self:
            payment_term = order.dealer_agreement_id.sudo().payment_term_id
            if payment_term:
                order.payment_term_id = payment_term

    @api.depends("partner_id", "dealer_agreement_id", "order_line.product_id")
    def _compute_dealer_agreement_warning(self):
        for order in self:
            order.dealer_agreement_warning = order._dealer_agreement_issue() \
                if order.company_id.dealer_agreement_order_policy != "none" else False

    def _dealer_agreement_issue(self):
        """Why this quotation of a Dealer CRM customer falls outside an
        agreement, or False."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if not customer.is_dealer or self.state not in ("draft", "sent"):
            return False
        agreement = self.dealer_agreement_id.sudo()
        if not agreement:
            return self.env._("%(customer)s has no active agreement.", customer=customer.name)
        return agreement._covers(customer, self.order_line.product_id)

    @api.constrains("partner_id", "dealer_agreement_id")
    def _check_dealer_agreement_customer(self):
        """A quotation follows an active agreement of its own customer, not
        another customer's terms or an ended agreement."""
        for order in self.sudo().filtered("dealer_agreement_id"):
            agreement = order.dealer_agreement_id
            if agreement.partner_id != order.partner_id.commercial_partner_id or (
                    order.state in ("draft", "sent") and agreement.state != "active"):
                raise ValidationError(self.env._(
                    "%(order)s can only follow an active agreement of %(customer)s.",
                    order=order.name, customer=order.partner_id.commercial_partner_id.name,
                ))

    @api.constrains("partner_id", "order_line", "dealer_agreement_id")
    def _check_dealer_agreement(self):
        for order in self.filtered(lambda order: order.company_id.dealer_agreement_order_policy == "block"):
            issue = order._dealer_agreement_issue()
            if issue:
                raise ValidationError(issue)

    # ------------------------------------------------------------------
    # Through the back office (内勤)
    # ------------------------------------------------------------------

    @api.depends("invoice_ids.payment_state", "invoice_ids.state")
    def _compute_dealer_payment_state(self):
        for order in self:
            invoices = order.invoice_ids.filtered(lambda move: move.state == "posted" and move.move_type == "out_invoice")
            states = set(invoices.mapped("payment_state"))
            if not invoices:
                order.dealer_payment_state = "not_invoiced"
            elif states <= {"paid", "in_payment", "reversed"}:
                order.dealer_payment_state = "paid"
            elif states & {"paid", "in_payment", "partial"}:
                order.dealer_payment_state = "partial"
            else:
                order.dealer_payment_state = "not_paid"

    def _search_dealer_payment_state(self, operator, value):
        if operator != "in":
            return NotImplemented
        invoiced = Domain("order_line.invoice_lines.move_id.state", "=", "posted") \
            & Domain("order_line.invoice_lines.move_id.move_type", "=", "out_invoice")
        by_state = {
            "not_invoiced": ~invoiced,
            "not_paid": invoiced & Domain("order_line.invoice_lines.move_id.payment_state", "=", "not_paid"),
            "partial": invoiced & Domain("order_line.invoice_lines.move_id.payment_state", "=", "partial"),
            "paid": invoiced & Domain("order_line.invoice_lines.move_id.payment_state", "in", ("paid", "in_payment")),
        }
        return Domain.OR(by_state[state] for state in value if state in by_state)

    def _dealer_is_customer_order(self):
        return self.partner_id.commercial_partner_id.is_dealer

    def _dealer_credit_issue(self):
        """Open receivables plus this order over the agreement's credit
        limit: a message, or False."""
        self.ensure_one()
        # A quotation without its agreement is still held to the customer's.
        agreement = (self.dealer_agreement_id or self._dealer_active_agreement()).sudo()
        limit = agreement.credit_limit
        if not limit:
            return False
        customer = self.partner_id.commercial_partner_id.sudo()
        exposure = customer.credit + self.amount_total
        if exposure <= limit:
            return False
        return self.env._(
            "%(customer)s owes %(receivable)s; with this order (%(amount)s) that is over the credit limit of "
            "%(limit)s set by %(agreement)s.",
            customer=customer.name, receivable=self.currency_id.format(customer.credit),
            amount=self.currency_id.format(self.amount_total), limit=self.currency_id.format(limit),
            agreement=agreement.name,
        )

    def action_dealer_submit(self, override_credit=False):
        """The salesperson hands the quotation to the back office, which
        gets an activity. Over the customer's credit limit only a manager
        may submit (``override_credit``), and that is logged."""
        if override_credit and not self.env.user._is_dealer_manager():
            raise AccessError(self.env._("Only a manager can submit an order over the customer's credit limit."))
        back_office = self.env.ref("dealer_crm.group_dealer_back_office").sudo().user_ids.filtered(
            lambda user: not user.share and user.active)
        for order in self:
            if order.state not in ("draft", "sent") or order.dealer_back_office_state == "submitted":
                raise UserError(self.env._("%(order)s is not a quotation waiting to be submitted.", order=order.name))
            issue = order._dealer_credit_issue()
            if issue and not override_credit:
                raise UserError(issue)
            as_action(order).write({
                "dealer_back_office_state": "submitted",
                "dealer_submitted_by_id": self.env.uid,
                "dealer_submitted_date": fields.Datetime.now(),
                "dealer_return_reason": False,
                "dealer_credit_override_by_id": self.env.uid if issue else False,
            })
            if issue:
                order.message_post(body=self.env._("Submitted over the credit limit by %(manager)s: %(issue)s",
                                          manager=self.env.user.name, issue=issue))
            for clerk in back_office.filtered(lambda user: order.company_id in user.company_ids):
                order.activity_schedule(
                    "dealer_crm_sale.mail_activity_type_dealer_order_desk", user_id=clerk.id,
                    summary=self.env._("Confirm or return %(order)s", order=order.name),
                )
        return True

    def action_dealer_submit_over_credit(self):
        return self.action_dealer_submit(override_credit=True)

    def _dealer_check_back_office(self, message):
        if not (self.env.su or self.env.user.has_group("dealer_crm.group_dealer_back_office")
                or self.env.user._is_dealer_manager()):
            raise AccessError(message)

    def action_dealer_return(self, reason):
        """The back office sends the quotation back, saying why: the
        salesperson gets an activity."""
        self._dealer_check_back_office(self.env._("Only the back office returns submitted orders."))
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the order goes back to the salesperson."))
        for order in self:
            if order.dealer_back_office_state != "submitted":
                raise UserError(self.env._("%(order)s is not waiting for the back office.", order=order.name))
            as_action(order).write({"dealer_back_office_state": "returned", "dealer_return_reason": reason.strip()})
            order._dealer_close_order_desk_activities(self.env._("Returned: %(reason)s", reason=reason.strip()))
            order.activity_schedule(
                "mail.mail_activity_data_todo", user_id=(order.dealer_submitted_by_id or order.user_id).id,
                summary=self.env._("%(order)s returned by the back office", order=order.name), note=reason.strip(),
            )
        return True

    def _dealer_close_order_desk_activities(self, feedback):
        self.activity_feedback(["dealer_crm_sale.mail_activity_type_dealer_order_desk"], feedback=feedback)

    def action_confirm(self):
        """Orders of Dealer CRM customers go through the back office when
        the company says so: salespeople submit, the back office confirms."""
        desk = self.filtered(lambda order: order._dealer_is_customer_order())
        if desk and any(order.company_id.dealer_orders_through_back_office for order in desk):
            self._dealer_check_back_office(self.env._("Submit the order to the back office: it confirms it."))
        result = super(SaleOrder, as_action(self)).action_confirm()
        submitted = desk.filtered(lambda order: order.dealer_back_office_state in ("submitted", "returned"))
        as_action(submitted).write({"dealer_back_office_state": "confirmed"})
        submitted._dealer_close_order_desk_activities(self.env._("Confirmed"))
        return result
