from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_agreement import TestDealerOrderDeskCommon

# What the order desk and Odoo's state actions write, and nothing else.
ORDER_FIELDS = [
    "state", "dealer_back_office_state", "dealer_submitted_by_id", "dealer_submitted_date", "dealer_return_reason",
    "dealer_credit_override_by_id", "dealer_agreement_id",
]


# Confirmed orders and invoices need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestDealerOrderRules(TestDealerOrderDeskCommon):
    """A salesperson, the back office and a manager calling sale.order as a
    JSON-RPC client would, with "Orders through the back office" on."""

    def _row(self, order):
        """The order as stored, read again as superuser."""
        self.env.invalidate_all()
        return order.sudo().read(ORDER_FIELDS)[0]

    def _count(self, customer):
        return self.env["sale.order"].sudo().search_count([("partner_id", "=", customer.id)])

    def test_salesperson_cannot_confirm_by_writing_the_state(self):
        order = self._quotation()
        before = self._row(order)
        for state in ("sale", "sent", "cancel"):
            with self.subTest(state=state), self.assertRaises(AccessError) as caught:
                order.with_user(self.user_salesperson).write({"state": state})
            self.assertIn("not by writing it", str(caught.exception))
        with self.assertRaises(AccessError):
            order.with_user(self.user_salesperson).write({"state": "sale", "partner_id": self.vendor.id})
        self.assertEqual(self._row(order), before)

    def test_desk_fields_are_written_by_the_actions_only(self):
        order = self._quotation()
        attempts = [
            {"dealer_back_office_state": "confirmed"},
            {"dealer_back_office_state": "submitted"},
            {"dealer_submitted_by_id": self.user_salesperson.id},
            {"dealer_submitted_date": fields.Datetime.now()},
            {"dealer_return_reason": "退回"},
            {"dealer_credit_override_by_id": self.user_manager.id},
        ]
        before = self._row(order)
        for user in (self.user_salesperson, self.user_back_office, self.user_manager, self.user_admin):
            for vals in attempts:
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError) as caught:
                    order.with_user(user).write(vals)
                self.assertIn("order desk fields", str(caught.exception))
        self.assertEqual(self._row(order), before)

    def test_back_office_and_manager_cannot_write_the_state_either(self):
        order = self._quotation()
        order.with_user(self.user_salesperson).action_dealer_submit()
        before = self._row(order)
        for user in (self.user_back_office, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as caught:
                order.with_user(user).write({"state": "sale"})
            self.assertIn("not by writing it", str(caught.exception))
        self.assertEqual(self._row(order), before)

    def test_create_starts_as_a_quotation(self):
        Order = self.env["sale.order"].with_user(self.user_salesperson)
        before = self._count(self.customer_a)
        line = [Command.create({"product_id": self.hinge.id, "product_uom_qty": 1})]
        for vals in ({"state": "sale"}, {"state": "sent"}, {"dealer_back_office_state": "confirmed"},
                     {"dealer_submitted_by_id": self.user_salesperson.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Order.create({"partner_id": self.customer_a.id, "order_line": line, **vals})
        for context in ({"default_state": "sale"}, {"default_dealer_back_office_state": "confirmed"}):
            with self.subTest(context=context), self.assertRaises(AccessError):
                Order.with_context(**context).create({"partner_id": self.customer_a.id, "order_line": line})
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.user_back_office).create(
                {"partner_id": self.customer_a.id, "state": "sale"})
        self.assertEqual(self._count(self.customer_a), before, "nothing created")
        draft = Order.create({"partner_id": self.customer_a.id, "state": "draft", "order_line": line})
        self.assertEqual((draft.state, draft.dealer_back_office_state), ("draft", False))

    def test_copy_still_works_and_carries_no_state(self):
        order = self._quotation()
        order.with_user(self.user_salesperson).action_dealer_submit()
        order.with_user(self.user_back_office).action_confirm()
        copy = order.with_user(self.user_salesperson).copy()
        self.assertEqual((copy.state, copy.dealer_back_office_state, copy.dealer_submitted_by_id),
                         ("draft", False, self.env["res.users"]))
        before = self._count(self.customer_a)
        for default in ({"state": "sale"}, {"dealer_back_office_state": "confirmed"}):
            with self.subTest(default=default), self.assertRaises(AccessError):
                order.with_user(self.user_salesperson).copy(default)
        self.assertEqual(self._count(self.customer_a), before)

    def test_the_actions_still_work(self):
        """Salesperson submits, back office returns, salesperson submits
        again, back office confirms; a manager cancels and sets it back to
        a quotation; mark as sent and the email composer's flag still work."""
        order = self._quotation()
        with self.assertRaises(AccessError):
            order.with_user(self.user_salesperson).action_confirm()
        order.with_user(self.user_salesperson).action_dealer_submit()
        self.assertEqual(self._row(order)["dealer_back_office_state"], "submitted")
        order.with_user(self.user_back_office).action_dealer_return("数量有误")
        self.assertEqual(self._row(order)["dealer_return_reason"], "数量有误")
        order.with_user(self.user_salesperson).action_dealer_submit()
        order.with_user(self.user_back_office).action_confirm()
        row = self._row(order)
        self.assertEqual((row["state"], row["dealer_back_office_state"]), ("sale", "confirmed"))
        order.with_user(self.user_manager).action_cancel()
        self.assertEqual(self._row(order)["state"], "cancel")
        order.with_user(self.user_manager).action_draft()
        self.assertEqual(self._row(order)["state"], "draft")
        order.with_user(self.user_salesperson).action_quotation_sent()
        self.assertEqual(self._row(order)["state"], "sent")
        emailed = self._quotation()
        emailed.with_user(self.user_salesperson).with_context(mark_so_as_sent=True).message_post(body="报价单")
        self.assertEqual(self._row(emailed)["state"], "sent")
        by_manager = self._quotation()
        by_manager.with_user(self.user_salesperson).action_dealer_submit()
        by_manager.with_user(self.user_manager).action_confirm()
        self.assertEqual(self._row(by_manager)["state"], "sale")

    def test_orders_outside_dealer_crm_are_left_alone(self):
        order = self._quotation(customer=self.vendor)
        order.with_user(self.user_salesperson).write({"state": "sent"})
        self.assertEqual(self._row(order)["state"], "sent")
        order.with_user(self.user_salesperson).action_confirm()
        self.assertEqual(self._row(order)["state"], "sale")

    def test_the_agreement_field_does_not_lift_the_credit_limit(self):
        agreement = self._activate(self._agreement(credit_limit=1000))
        other = self._activate(self._agreement(customer=self.customer_b, user=self.user_salesperson_b,
                                               credit_limit=1000000))
        invoiced = self._quotation(amount=800).with_env(self.env)
        invoiced.action_confirm()
        invoiced._create_invoices().action_post()
        order = self._quotation(amount=300)
        self.assertEqual(order.dealer_agreement_id, agreement)
        with self.assertRaises(ValidationError):
            order.with_user(self.user_salesperson).write({"dealer_agreement_id": other.id})
        self.assertEqual(self._row(order)["dealer_agreement_id"][0], agreement.id)
        order.with_user(self.user_salesperson).write({"dealer_agreement_id": False})
        with self.assertRaises(UserError) as caught:
            order.with_user(self.user_salesperson).action_dealer_submit()
        self.assertIn("credit limit", str(caught.exception))
        self.assertFalse(self._row(order)["dealer_back_office_state"])

    def test_line_state_follows_its_order(self):
        order = self._quotation()
        line = order.order_line
        with self.assertRaises(AccessError):
            line.with_user(self.user_salesperson).write({"state": "sale"})
        self.env.invalidate_all()
        self.assertEqual(line.state, "draft")

    def test_portal_acceptance_goes_to_the_back_office(self):
        """Signing on the portal confirms an order as superuser: an order
        that goes through the back office is submitted to it instead."""
        order = self._quotation()
        order.sudo()._validate_order()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.dealer_back_office_state, "submitted")

    def test_no_signature_for_an_order_on_the_desk(self):
        """A quotation submitted to the back office, or returned by it, is
        not the customer's to sign or pay in the portal."""
        order = self._quotation()
        order.write({"require_signature": True, "require_payment": True})
        self.assertTrue(order._has_to_be_signed())
        order.with_user(self.user_salesperson).action_dealer_submit()
        self.assertFalse(order._has_to_be_signed())
        self.assertFalse(order._has_to_be_paid())
        order.with_user(self.user_back_office).action_dealer_return("规格有误")
        self.assertFalse(order._has_to_be_signed(), "returned: the salesperson's to fix")

    def test_confirmed_order_keeps_its_customer(self):
        order = self._quotation()
        order.with_user(self.user_back_office).action_confirm()
        with self.assertRaises(AccessError):
            order.with_user(self.user_salesperson).write({"partner_id": self.customer_b.id})
        self.assertEqual(order.partner_id, self.customer_a)
