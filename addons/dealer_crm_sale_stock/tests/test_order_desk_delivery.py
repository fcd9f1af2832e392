from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_crm_sale.tests.test_agreement import TestDealerOrderDeskCommon

NOT_DELIVERED = [("state", "=", "sale"), ("delivery_status", "!=", "full")]


# Confirmed orders need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestOrderDeskDelivery(TestDealerOrderDeskCommon):
    """The order desk with Inventory: what is delivered, and what a
    salesperson's direct writes cannot ship."""

    def test_desk_lists_confirmed_orders_until_fully_delivered(self):
        order = self._quotation(quantity=2)
        order.with_user(self.user_salesperson).action_dealer_submit()
        order.with_user(self.user_back_office).action_confirm()
        Desk = self.env["sale.order"].with_user(self.user_back_office)
        self.assertEqual(order.delivery_status, "pending")
        self.assertIn(order, Desk.search(NOT_DELIVERED))
        picking = order.picking_ids
        picking.move_ids.quantity = 1
        picking.with_context(skip_backorder=True).button_validate()
        self.assertEqual(order.delivery_status, "partial")
        self.assertIn(order, Desk.search(NOT_DELIVERED), "half shipped is not delivered")
        backorder = order.picking_ids - picking
        backorder.move_ids.quantity = 1
        backorder.button_validate()
        self.assertEqual(order.delivery_status, "full")
        self.assertNotIn(order, Desk.search(NOT_DELIVERED))

    def test_quotation_is_not_shipped_by_writing_its_state(self):
        order = self._quotation()
        with self.assertRaises(AccessError):
            order.with_user(self.user_salesperson).write({"state": "sale"})
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids, "a refused confirmation ships nothing")
        self.assertFalse(self.env["stock.move"].sudo().search([("sale_line_id", "in", order.order_line.ids)]))

    def test_desk_views_show_delivery(self):
        Order = self.env["sale.order"].with_user(self.user_back_office)
        views = Order.get_views([
            (self.env.ref("dealer_crm_sale.sale_order_view_list_dealer_order_desk").id, "list"),
            (self.env.ref("dealer_crm_sale.sale_order_view_search_dealer_order_desk").id, "search"),
        ])["views"]
        self.assertTrue(etree.fromstring(views["list"]["arch"]).xpath("//field[@name='delivery_status']"))
        [to_deliver] = etree.fromstring(views["search"]["arch"]).xpath("//filter[@name='to_deliver']")
        self.assertIn("delivery_status", to_deliver.get("domain"))
