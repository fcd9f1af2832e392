from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_agreement_id = fields.Many2one(
        "dealer.agreement", string="Agreement", compute="_compute_dealer_agreement_id", store=True, readonly=False,
        index="btree_not_null", help="The customer's active agreement the quotation follows.",
    )
    dealer_agreement_warning = fields.Char(string="Agreement Warning", compute="_compute_dealer_agreement_warning")

    @api.depends("partner_id")
    def _compute_dealer_agreement_id(self):
        for order in self:
            if order.state in ("draft", "sent"):
                order.dealer_agreement_id = order._dealer_active_agreement()

    def _dealer_active_agreement(self):
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if not customer.is_dealer:
            return self.env["dealer.agreement"]
        return self.env["dealer.agreement"].sudo().search([
            ("partner_id", "=", customer.id), ("state", "=", "active"),
        ], order="agreement_type desc, date_start desc", limit=1).sudo(False)

    @api.depends("partner_id", "company_id")
    def _compute_pricelist_id(self):
        super()._compute_pricelist_id()
        for order in self.filtered(lambda order: order.state == "draft"):
            pricelist = order._dealer_active_agreement().sudo().pricelist_id
            if pricelist:
                order.pricelist_id = pricelist

    @api.depends("partner_id")
    def _compute_payment_term_id(self):
        super()._compute_payment_term_id()
        for order in self:
            payment_term = order._dealer_active_agreement().sudo().payment_term_id
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
            return _("%(customer)s has no active agreement.", customer=customer.name)
        return agreement._covers(customer, self.order_line.product_id)

    @api.constrains("partner_id", "order_line", "dealer_agreement_id")
    def _check_dealer_agreement(self):
        for order in self.filtered(lambda order: order.company_id.dealer_agreement_order_policy == "block"):
            issue = order._dealer_agreement_issue()
            if issue:
                raise ValidationError(issue)
