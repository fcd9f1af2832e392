from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import DealerSalesCommon


# Invoices need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestDealerSalesHistory(DealerSalesCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hinge = cls.env["product.product"].create({"name": "不锈钢合页", "list_price": 12.5})
        cls.lock = cls.env["product.product"].create({"name": "门锁", "list_price": 80})
        SaleOrder = cls.env["sale.order"].with_user(cls.user_salesperson)

        def order(partner, price, moment, confirm=False):
            with freeze_time(moment):
                quotation = SaleOrder.create({
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": cls.hinge.id, "product_uom_qty": 100, "price_unit": price,
                                           "discount": 5}),
                                   Command.create({"product_id": cls.lock.id, "product_uom_qty": 2})],
                })
                if confirm:
                    quotation.sudo().action_confirm()
            return quotation

        cls.sold = order(cls.customer_a, 11.0, "2026-03-01 02:00:00", confirm=True)
        cls.invoice = cls.sold.sudo()._create_invoices()
        cls.invoice.action_post()
        cls.quoted_to_contact = order(cls.contact_a, 11.5, "2026-04-01 02:00:00")
        cls.quoted = order(cls.customer_a, 12.0, "2026-05-01 02:00:00")

    def _visible_orders(self, user):
        return self.env["sale.order"].with_user(user).search([("partner_id", "child_of", self.customer_a.id)])

    def test_the_owner_sees_every_document_of_the_customer(self):
        documents = self.sold | self.quoted_to_contact | self.quoted
        self.assertEqual(self._visible_orders(self.user_salesperson), documents)
        self.assertFalse(self._visible_orders(self.user_salesperson_b))
        self.customer_a.with_user(self.user_manager).write({"user_id": self.user_salesperson_b.id})
        self.assertEqual(self.sold.user_id, self.user_salesperson, "a confirmed order keeps its salesperson")
        self.assertEqual(self._visible_orders(self.user_salesperson_b), documents, "the new owner sees it all at once")
        [sold] = self.sold.with_user(self.user_salesperson_b).read(["invoice_ids", "dealer_payment_state"])
        self.assertEqual((sold["invoice_ids"], sold["dealer_payment_state"]), (self.invoice.ids, "not_paid"),
                         "and the invoices and their payment, whoever invoiced")
        lines = self.env["sale.order.line"].with_user(self.user_salesperson_b).search([
            ("order_partner_id", "child_of", self.customer_a.id),
        ])
        self.assertEqual(lines, documents.order_line)
        analysis = self.env["sale.report"].with_user(self.user_salesperson_b).search([
            ("commercial_partner_id", "=", self.customer_a.id),
        ])
        self.assertTrue(analysis)
        self.assertFalse(self._visible_orders(self.user_salesperson_other_team))
        self.assertEqual(self._visible_orders(self.user_salesperson), self.sold,
                         "the former owner keeps their own confirmed order, as Odoo's own rule says")

    def test_managers_and_back_office_see_the_customers_documents(self):
        documents = self.sold | self.quoted_to_contact | self.quoted
        self.assertEqual(self._visible_orders(self.user_manager), documents)
        self.assertEqual(self._visible_orders(self.user_back_office), documents)

    def test_price_history(self):
        line = self.quoted.order_line.filtered(lambda line: line.product_id == self.hinge)
        action = line.with_user(self.user_salesperson).action_dealer_price_history()
        earlier = self.env["sale.order.line"].with_user(self.user_salesperson).search(
            action["domain"], order="dealer_order_date desc, id desc",
        )
        self.assertEqual(earlier.mapped("price_unit"), [11.5, 11.0])
        self.assertEqual(earlier.mapped("discount"), [5, 5])
        self.assertEqual(earlier[1].state, "sale")
        self.assertEqual(earlier[1].salesman_id, self.user_salesperson)
        self.assertIn("不锈钢合页", action["display_name"])
        history = self.customer_a.with_user(self.user_salesperson).action_dealer_view_price_history()
        self.assertEqual(len(self.env["sale.order.line"].search(history["domain"])), 6)


class TestDealerSalesOnCustomers(DealerSalesCommon):
    """What the sales addon shows on a customer and lets the back office do."""

    def test_quotation_and_order_counts(self):
        """A customer counts the quotations and orders of its contacts too."""
        product = self.env["product.product"].create({"name": "不锈钢合页", "list_price": 12.5})
        orders = self.env["sale.order"].create([
            {"partner_id": partner.id, "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 10})]}
            for partner in (self.customer_a, self.contact_a, self.customer_a, self.customer_b)
        ])
        orders[0].action_confirm()
        orders[1].action_quotation_sent()
        (self.customer_a | self.contact_a | self.customer_b).invalidate_recordset()
        self.assertEqual(self.customer_a.dealer_quotation_count, 2)
        self.assertEqual(self.customer_a.dealer_order_count, 1)
        self.assertEqual(self.contact_a.dealer_quotation_count, 1)
        self.assertEqual(self.customer_b.dealer_quotation_count, 1)
        self.assertEqual(self.customer_b.dealer_order_count, 0)
        action = self.customer_a.action_dealer_view_quotations()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), orders[1:3])
        action = self.customer_a.action_dealer_view_orders()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), orders[0])

    def test_back_office_reads_and_works_every_order(self):
        self.assertTrue(self.env["sale.order"].with_user(self.user_back_office).has_access("write"))
        orders = self.env["sale.order"].create({"partner_id": self.customer_b.id})
        self.assertEqual(self.env["sale.order"].with_user(self.user_back_office).search([("id", "=", orders.id)]), orders)
