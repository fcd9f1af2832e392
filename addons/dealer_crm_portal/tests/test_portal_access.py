import base64
from datetime import timedelta

from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_crm_sale.tests.test_agreement import TestDealerOrderDeskCommon


class DealerPortalCommon(HttpCase, TestDealerOrderDeskCommon):
    """Two dealers in the portal: customer A (张伟's) with an agreement in
    force, rebate tiers, a confirmed order, a returned one and an overdue
    invoice; customer B (李娜's) with an agreement of its own. Each dealer's
    portal user must see their own and nothing of the other's."""

    def setUp(self):
        super().setUp()
        today = self.user_salesperson._dealer_local_today()
        self.contact_a.write({"dealer_is_key_contact": True, "email": "wang@xinda.example.com"})
        self.env["product.pricelist.item"].create({
            "pricelist_id": self.pricelist.id, "applied_on": "0_product_variant", "product_id": self.hinge.id,
            "compute_price": "fixed", "fixed_price": 8.0,
        })
        self.warehouse_b = self.Partner.create({"name": "恒通二号仓", "parent_id": self.customer_b.id, "type": "delivery"})
        self.warehouse_a = self.Partner.create({"name": "鑫达浦东仓", "parent_id": self.customer_a.id, "type": "delivery",
                                                "street": "浦东新区川沙路88号"})
        self.agreement_a = self._in_force(self._agreement(
            date_start=today - timedelta(days=30), date_end=today + timedelta(days=300), credit_limit=10000,
            annual_target=20000, rebate_tier_ids=[Command.create({"threshold": 1000, "rate": 2}),
                                                  Command.create({"threshold": 5000, "rate": 3})],
            product_category_ids=[Command.set(self.hardware.ids)], pricelist_id=self.pricelist.id))
        self.agreement_b = self._in_force(self._agreement(
            customer=self.customer_b, user=self.user_salesperson_b, date_start=today - timedelta(days=30),
            date_end=today + timedelta(days=300)))
        self.draft_a = self._agreement(date_start=today + timedelta(days=301), date_end=today + timedelta(days=600))
        self.order_confirmed = self._submitted(self._quotation(1500))
        self.order_confirmed.with_user(self.user_back_office).action_confirm()
        self.order_returned = self._submitted(self._quotation(200))
        self.order_returned.with_user(self.user_back_office).action_dealer_return("型号有误，请确认规格")
        self.order_draft = self._quotation(300)
        self.order_b = self._submitted(self._quotation(400, customer=self.customer_b, user=self.user_salesperson_b))
        self.invoice_a = self.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": self.customer_a.id,
            "invoice_date": today - timedelta(days=40), "invoice_date_due": today - timedelta(days=10),
            "invoice_line_ids": [Command.create({"name": "合页", "quantity": 1, "price_unit": 800,
                                                "tax_ids": [Command.clear()]})],
        })
        self.invoice_a.action_post()
        self.portal_a = new_test_user(self.env, "dealer_a_portal", groups="base.group_portal",
                                      partner_id=self.contact_a.id)
        self.portal_b = new_test_user(self.env, "dealer_b_portal", groups="base.group_portal",
                                      partner_id=self.contact_b.id)

    def _in_force(self, agreement):
        agreement.with_user(agreement.partner_id.user_id).action_submit()
        agreement.with_user(self.user_manager).action_approve()
        self.assertEqual(agreement.state, "active")
        return agreement

    def _submitted(self, order):
        order.with_user(order.user_id).action_dealer_submit()
        return order



@tagged("post_install", "-at_install")
class TestDealerPortal(DealerPortalCommon):

    def test_key_contacts_get_access_with_odoos_portal_wizard(self):
        self.contact_a.user_ids.unlink()
        other_contact = self.Partner.create({"name": "赵敏", "parent_id": self.customer_a.id, "type": "contact"})
        action = self.customer_a.with_user(self.user_salesperson).action_dealer_grant_portal()
        self.assertEqual(action["res_model"], "portal.wizard")
        wizard = self.env["portal.wizard"].with_user(self.user_salesperson).with_context(action["context"]).create({})
        self.assertIn(self.contact_a, wizard.user_ids.partner_id)
        self.assertNotIn(other_contact, wizard.user_ids.partner_id, "only key contacts are offered")
        wizard.user_ids.filtered(lambda line: line.partner_id == self.contact_a).action_grant_access()
        user = self.contact_a.with_context(active_test=False).user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual(user.partner_id.commercial_partner_id, self.customer_a)
        with self.assertRaises(AccessError, msg="李娜 gives no access to 张伟's customer"):
            self.customer_a.with_user(self.user_salesperson_b).action_dealer_grant_portal()
        with self.assertRaises(UserError, msg="a customer without key contact has nobody to invite"):
            self.customer_b.with_user(self.user_salesperson_b).action_dealer_grant_portal()

    def test_rebate_and_credit_are_the_backends_figures(self):
        rebate = self.agreement_a.with_user(self.portal_a)._dealer_portal_rebate()
        self.assertEqual(rebate["sales"], 1500.0, "the confirmed order only: not the returned nor the draft")
        self.assertEqual(rebate["sales"], self.agreement_a.sales_amount)
        self.assertEqual(rebate["amount"], self.agreement_a.rebate_amount)
        self.assertEqual(rebate["amount"], 30.0)
        self.assertEqual(rebate["tier"].threshold, 1000.0)
        self.assertEqual(rebate["next_tier"].threshold, 5000.0)
        self.assertEqual(rebate["missing"], 3500.0)
        credit = self.customer_a.with_user(self.portal_a)._dealer_portal_credit(self.agreement_a)
        self.assertEqual(credit["limit"], 10000.0)
        self.assertEqual(credit["balance"], 800.0)
        self.assertEqual(credit["available"], 9200.0)
        self.assertEqual([(invoice, days) for invoice, days in credit["overdue"]], [(self.invoice_a, 10)])

    def test_dealer_home_shows_own_dealer_only(self):
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        response = self.url_open("/my/dealer")
        self.assertEqual(response.status_code, 200)
        page = response.text
        for expected in (self.agreement_a.name, "3,500.00", "9,200.00", self.invoice_a.name,
                         self.order_confirmed.name, self.order_returned.name, "型号有误，请确认规格",
                         "o_dealer_portal_status_confirmed", "o_dealer_portal_status_returned"):
            self.assertIn(expected, page)
        for hidden in (self.agreement_b.name, self.draft_a.name, self.order_b.name, self.order_draft.name):
            self.assertNotIn(hidden, page)
        self.authenticate("dealer_b_portal", "dealer_b_portal")
        page = self.url_open("/my/dealer").text
        self.assertIn(self.agreement_b.name, page)
        self.assertIn(self.order_b.name, page)
        self.assertNotIn(self.agreement_a.name, page)

    def test_agreement_pdf_is_the_dealers_own(self):
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        response = self.url_open(f"/my/dealer/agreements/{self.agreement_a.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(self.agreement_a.name.encode(), response.content,
                      "the agreement printed (as HTML while testing: dealer_crm_sale's tests print the PDF)")
        signed = b"%PDF-1.4 signed by both parties"
        self.agreement_a.write({"signed_document": base64.b64encode(signed), "signed_document_name": "协议.pdf"})
        response = self.url_open(f"/my/dealer/agreements/{self.agreement_a.id}/pdf")
        self.assertEqual(response.content, signed, "the signed agreement as uploaded")
        for foreign in (self.agreement_b, self.draft_a):
            response = self.url_open(f"/my/dealer/agreements/{foreign.id}/pdf")
            self.assertIn(response.status_code, (403, 404), f"{foreign.name} is not dealer A's to read")
            self.assertNotIn(b"%PDF", response.content)
        self.assertEqual(self.url_open("/my/dealer/agreements/999999999/pdf").status_code, 404)
        self.authenticate("dealer_b_portal", "dealer_b_portal")
        self.assertIn(self.url_open(f"/my/dealer/agreements/{self.agreement_a.id}/pdf").status_code, (403, 404))

    def test_not_a_dealer_gets_no_dealer_home(self):
        self.authenticate(None, None)
        response = self.url_open("/my/dealer", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), "the login first")
        vendor_user = new_test_user(self.env, "vendor_portal", groups="base.group_portal",
                                    partner_id=self.Partner.create({"name": "采购员", "parent_id": self.vendor.id}).id)
        self.authenticate(vendor_user.login, vendor_user.login)
        self.assertEqual(self.url_open("/my/dealer").status_code, 404)

    def test_over_rpc_a_dealer_reads_their_own_and_writes_nothing(self):
        Agreement = self.env["dealer.agreement"].with_user(self.portal_a)
        self.assertEqual(Agreement.search([]), self.agreement_a, "neither B's nor the draft")
        self.assertEqual(self.env["dealer.agreement.clause"].with_user(self.portal_a).search([]),
                         self.agreement_a.clause_ids)
        self.assertEqual(self.env["dealer.agreement.rebate.tier"].with_user(self.portal_a).search([]),
                         self.agreement_a.rebate_tier_ids)
        with self.assertRaises(AccessError, msg="the agreement's notes are internal"):
            self.agreement_a.with_user(self.portal_a).read(["note"])
        with self.assertRaises(AccessError):
            self.agreement_b.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.draft_a.with_user(self.portal_a).read(["name"])
        attacks = [
            lambda: self.agreement_a.with_user(self.portal_a).write({"credit_limit": 99999999}),
            lambda: self.agreement_a.rebate_tier_ids[:1].with_user(self.portal_a).write({"rate": 50}),
            lambda: self.agreement_a.clause_ids[:1].with_user(self.portal_a).write({"body": "甲方全额退款"}),
            lambda: Agreement.create({"partner_id": self.customer_a.id, "date_start": "2026-01-01",
                                      "date_end": "2026-12-31"}),
            lambda: self.order_returned.with_user(self.portal_a).write({"dealer_back_office_state": "confirmed"}),
            lambda: self.order_returned.with_user(self.portal_a).action_dealer_submit(),
        ]
        for attack in attacks:
            with self.assertRaises(AccessError):
                attack()
        with self.assertRaises(UserError):
            self.agreement_a.with_user(self.portal_a).unlink()
        self.assertTrue(self.agreement_a.exists())
        self.assertEqual(self.agreement_a.credit_limit, 10000.0)
        self.assertEqual(self.order_returned.dealer_back_office_state, "returned")
        Order = self.env["sale.order"].with_user(self.portal_a)
        self.assertEqual(Order.search(Order._dealer_portal_domain(self.customer_a)),
                         self.order_confirmed | self.order_returned)
        self.assertLessEqual(self.order_confirmed | self.order_returned, Order.search([]))
        self.assertFalse(Order.search([("id", "=", self.order_b.id)]), "B's order is not A's to see")
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.portal_a).read(["name"])
        self.assertLessEqual(self.order_confirmed.order_line | self.order_returned.order_line,
                             self.env["sale.order.line"].with_user(self.portal_a).search([]))


@tagged("post_install", "-at_install")
class TestDealerPortalOrdering(DealerPortalCommon):
    """A dealer orders from the portal: what they may order, at which
    price, and where it goes."""

    def _post(self, **fields):
        return self.url_open("/my/dealer/order", data={"csrf_token": http.Request.csrf_token(self), **fields})

    def test_order_again_then_place_it_with_the_back_office(self):
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        form = self.url_open(f"/my/dealer/order?reorder={self.order_confirmed.id}")
        self.assertEqual(form.status_code, 200)
        self.assertIn(f'name="qty_{self.hinge.id}" value="1.0"', form.text, "the past order filled in again")
        self.assertNotIn(f'name="qty_{self.bucket.id}"', form.text, "paint is outside the agreement")
        self.assertIn("8.00", form.text, "at the agreement's price")
        before = self.env["sale.order"].search([])
        review = self._post(**{f"qty_{self.hinge.id}": "150", "address_id": self.warehouse_a.id, "review": "1"})
        self.assertIn("1,200.00", review.text, "150 × 8, reviewed before anything is placed")
        self.assertEqual(self.env["sale.order"].search([]), before)
        placed = self._post(**{f"qty_{self.hinge.id}": "150", "address_id": self.warehouse_a.id, "place": "1"})
        self.assertEqual(placed.status_code, 200)
        order = self.env["sale.order"].search([]) - before
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_shipping_id, self.warehouse_a)
        self.assertIn(f"/my/orders/{order.id}", placed.url, "the dealer lands on their order")
        self.assertEqual(order.partner_id, self.customer_a)
        self.assertEqual(order.user_id, self.user_salesperson, "the customer's salesperson's order")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.dealer_back_office_state, "submitted", "on the order desk")
        self.assertEqual(order.order_line.price_unit, 8.0)
        self.assertEqual(order.amount_untaxed, 1200.0)
        self.assertFalse(order._has_to_be_signed() or order._has_to_be_paid(), "nothing for the dealer to sign or pay")
        self.assertIn(self.portal_a.partner_id, order.message_partner_ids)
        self.assertLessEqual(self.user_salesperson | self.user_back_office, order.activity_ids.user_id,
                             "the salesperson and the back office each have an activity")
        home = self.url_open("/my/dealer").text
        self.assertIn(order.name, home)

    def test_bad_orders_say_why_and_create_nothing(self):
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        hinge = f"qty_{self.hinge.id}"
        before = self.env["sale.order"].search_count([])
        cases = [
            ({hinge: "0"}, "above 0"),
            ({hinge: "-3"}, "above 0"),
            ({hinge: "nan"}, "above 0"),
            ({hinge: "1e12"}, "above 0"),
            ({hinge: "1e-9"}, "above 0"),
            ({hinge: "abc"}, "is not a quantity"),
            ({hinge: "9" * 100_000}, "above 0"),
            ({f"qty_{self.bucket.id}": "1"}, "only the products of your agreement"),
            ({"qty_999999999": "1"}, "only the products of your agreement"),
            ({"qty_x": "1"}, "only the products of your agreement"),
            ({}, "at least one product"),
            ({hinge: "1", "address_id": self.warehouse_b.id}, "your own addresses"),
            ({hinge: "1", "address_id": self.customer_b.id}, "your own addresses"),
            ({hinge: "2000"}, "over the credit limit"),
        ]
        for fields, message in cases:
            with self.subTest(fields=str(fields)[:60]):
                response = self._post(**{"address_id": self.customer_a.id, **fields, "place": "1"})
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_dealer_portal_order_error", response.text)
                self.assertIn(message, response.text)
        self.assertEqual(self.env["sale.order"].search_count([]), before)

    def test_no_salesperson_to_take_the_order(self):
        self.customer_a.write({"user_id": False})
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        before = self.env["sale.order"].search_count([])
        response = self._post(**{f"qty_{self.hinge.id}": "1", "address_id": self.customer_a.id, "place": "1"})
        self.assertIn("no salesperson", response.text)
        self.assertEqual(self.env["sale.order"].search_count([]), before)

    def test_another_dealers_order_is_not_ordered_again(self):
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        for foreign in (self.order_b, self.order_draft):
            self.assertEqual(self.url_open(f"/my/dealer/order?reorder={foreign.id}").status_code, 404)

    def test_a_dealer_does_not_sign_an_order_on_the_desk(self):
        """An order the back office returned is the salesperson's to fix:
        signing it in Odoo's portal would submit it again behind him."""
        self.env.company.portal_confirmation_sign = True
        self.order_returned.require_signature = True
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        result = self.make_jsonrpc_request(f"/my/orders/{self.order_returned.id}/accept", {
            "access_token": self.order_returned._portal_ensure_token(), "name": "王志强",
            "signature": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
        })
        self.assertIn("error", result)
        self.assertEqual((self.order_returned.state, self.order_returned.dealer_back_office_state),
                         ("draft", "returned"))
        self.assertFalse(self.order_returned.signature)


@tagged("post_install", "-at_install")
class TestDealerPortalUiMobile(DealerPortalCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_dealer_reads_rebate_credit_and_orders_on_a_phone(self):
        self.start_tour("/my", "dealer_crm_portal_home_mobile", login="dealer_a_portal")
        placed = self.env["sale.order"].search([("partner_id", "=", self.customer_a.id)], order="id desc", limit=1)
        self.assertEqual(placed.order_line.product_uom_qty, 20.0)
        self.assertEqual(placed.dealer_back_office_state, "submitted")
