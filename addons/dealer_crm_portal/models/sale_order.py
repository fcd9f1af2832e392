import math

from odoo import Command, api, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import float_round

# More of one product in one order than a dealer could mean.
MAX_QUANTITY = 1_000_000
# Products offered on the quick order form at once.
MAX_PRODUCTS = 200


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _dealer_portal_domain(self, dealer):
        """The orders of ``dealer`` its portal users follow: those on the
        order desk (submitted, returned, confirmed), sent or confirmed; not
        the quotations a salesperson has not sent or submitted yet. The
        record rule ``sale_order_rule_portal_dealer`` says the same."""
        return Domain("partner_id", "child_of", dealer.id) & (
            Domain("dealer_back_office_state", "!=", False) | Domain("state", "in", ("sent", "sale")))

    def _dealer_portal_status(self):
        """Where the order stands, in the dealer's words: ``(key, label)``
        with key one of submitted, returned, confirmed, delivered, invoiced,
        paid, cancelled or quotation; paid beats invoiced beats delivered
        beats confirmed."""
        self.ensure_one()
        order = self.sudo()
        labels = {
            "submitted": self.env._("Submitted"),
            "returned": self.env._("Returned"),
            "confirmed": self.env._("Confirmed"),
            "delivered": self.env._("Delivered"),
            "invoiced": self.env._("Invoiced"),
            "paid": self.env._("Paid"),
            "cancelled": self.env._("Cancelled"),
            "quotation": self.env._("Quotation"),
        }
        if order.state == "cancel":
            key = "cancelled"
        elif order.state == "sale":
            if order.dealer_payment_state == "paid":
                key = "paid"
            elif order.dealer_payment_state in ("not_paid", "partial"):
                key = "invoiced"
            elif order._fields.get("delivery_status") and order.delivery_status == "full":
                key = "delivered"
            else:
                key = "confirmed"
        elif order.dealer_back_office_state in ("submitted", "returned"):
            key = order.dealer_back_office_state
        else:
            key = "quotation"
        return key, labels[key]

    # Ordering from the portal -------------------------------------------

    @api.model
    def _dealer_portal_product_domain(self, agreement):
        """What the dealer may order under ``agreement``: the products for
        sale in its categories (any, without categories)."""
        domain = Domain("sale_ok", "=", True) & Domain("company_id", "in", (False, agreement.company_id.id))
        if agreement.product_category_ids:
            domain &= Domain("categ_id", "child_of", agreement.product_category_ids.ids)
        return domain

    @api.model
    def _dealer_portal_products(self, agreement, search=None):
        """The quick order form's products, ``search`` in their name or
        reference."""
        domain = self._dealer_portal_product_domain(agreement)
        if search:
            domain &= Domain("name", "ilike", search) | Domain("default_code", "ilike", search)
        return self.env["product.product"].sudo().search(domain, order="default_code, name, id", limit=MAX_PRODUCTS)

    @api.model
    def _dealer_portal_prices(self, agreement, products):
        """The unit price of each of ``products`` by the agreement's
        pricelist (the product's own without one): {product id: price}."""
        agreement = agreement.sudo().with_company(agreement.company_id)
        pricelist = agreement.pricelist_id or agreement.partner_id.property_product_pricelist
        if not pricelist:
            return {product.id: product.lst_price for product in products}
        return pricelist.sudo()._get_products_price(products, 1.0)

    @api.model
    def _dealer_portal_addresses(self, dealer):
        """Where the dealer may have goods delivered: its own addresses."""
        dealer = dealer.sudo()
        return dealer | dealer.child_ids.filtered(lambda child: child.type == "delivery" and child.active)

    @api.model
    def _dealer_portal_order_values(self, dealer, quantities, address_id):
        """The values of the order ``dealer`` places from the portal, with
        ``quantities`` ({product id: quantity as typed}) delivered to
        ``address_id``, once checked: anything wrong raises a UserError
        that says what."""
        agreement = self.env["dealer.agreement"]._dealer_active_of(dealer)
        if not agreement:
            raise UserError(self.env._("You have no agreement in force to order under: ask your salesperson."))
        if not dealer.sudo().user_id:
            raise UserError(self.env._("You have no salesperson yet to take your order: please call us."))
        out_of_range = self.env._(
            "Order a quantity above 0 and up to %(maximum)s of each product.", maximum=f"{MAX_QUANTITY:,}")
        typed_quantities = {}
        for product_id, typed in quantities.items():
            try:
                quantity = float(typed)
            except (TypeError, ValueError):
                raise UserError(self.env._("%(quantity)s is not a quantity.", quantity=str(typed)[:20])) from None
            if not math.isfinite(quantity) or quantity <= 0 or quantity > MAX_QUANTITY:
                raise UserError(out_of_range)
            typed_quantities[product_id] = quantity
        if not typed_quantities:
            raise UserError(self.env._("Enter the quantity of at least one product."))
        orderable = self.env["product.product"].sudo().search(
            self._dealer_portal_product_domain(agreement) & Domain("id", "in", [*typed_quantities]))
        if len(orderable) < len(typed_quantities):
            raise UserError(self.env._(
                "Order only the products of your agreement %(agreement)s.", agreement=agreement.name))
        issue = agreement._covers(dealer.sudo(), orderable)
        if issue:
            raise UserError(issue)
        lines = []
        for product in orderable:
            quantity = float_round(typed_quantities[product.id], precision_rounding=product.uom_id.rounding)
            if quantity <= 0:
                raise UserError(out_of_range)
            lines.append((product.id, quantity))
        address = self._dealer_portal_addresses(dealer).filtered(lambda partner: partner.id == address_id)
        if not address:
            raise UserError(self.env._("Deliver to one of your own addresses."))
        return {
            "partner_id": dealer.id,
            "partner_shipping_id": address.id,
            "partner_invoice_id": dealer.address_get(["invoice"])["invoice"],
            "user_id": dealer.sudo().user_id.id,
            "team_id": dealer.sudo().dealer_team_id.id or False,
            "company_id": agreement.company_id.id,
            "dealer_agreement_id": agreement.id,
            # On the order desk from the start: nothing for the dealer to sign or pay.
            "require_signature": False,
            "require_payment": False,
            "order_line": [Command.create({"product_id": product_id, "product_uom_qty": quantity})
                           for product_id, quantity in lines],
        }

    @api.model
    def _dealer_portal_review(self, dealer, quantities, address_id):
        """The order as it would be placed, prices and taxes included, in
        memory only."""
        agreement = self.env["dealer.agreement"]._dealer_active_of(dealer)
        order = self.sudo().with_company(agreement.company_id).new(
            self._dealer_portal_order_values(dealer, quantities, address_id))
        issue = order._dealer_credit_issue()
        if issue:
            raise UserError(issue)
        return order

    @api.model
    def _dealer_portal_place(self, dealer, quantities, address_id):
        """Place the dealer's order: a quotation of the customer's
        salesperson, submitted to the back office with the same credit
        check as the salesperson's submission, and an activity for the
        salesperson. A refusal leaves nothing behind."""
        values = self._dealer_portal_order_values(dealer, quantities, address_id)
        contact = self.env.user
        salesperson = dealer.sudo().user_id
        # Created and submitted in the salesperson's name, as if he had: the
        # back office's return comes back to him, not to the portal.
        placer = self.with_user(salesperson).sudo().with_company(values["company_id"])
        with self.env.cr.savepoint():
            order = placer.create(values)
            order.action_dealer_submit()
        order.message_subscribe(partner_ids=contact.partner_id.ids)
        order.message_post(body=self.env._("Placed in the portal by %(contact)s.", contact=contact.name))
        order.activity_schedule(
            "mail.mail_activity_data_todo", user_id=salesperson.id,
            summary=self.env._("%(dealer)s ordered %(order)s in the portal", dealer=dealer.name, order=order.name),
        )
        return order.with_env(self.env)
