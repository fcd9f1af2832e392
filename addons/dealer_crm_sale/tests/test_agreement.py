import io
import unicodedata
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .common import DealerSalesCommon


class TestDealerAgreementCommon(DealerSalesCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env["dealer.agreement.template"].create({
            "name": "标准经销协议",
            "clause_ids": [Command.create({"sequence": 1, "title": "授权范围", "body": "乙方在授权区域内销售甲方产品。"}),
                           Command.create({"sequence": 2, "title": "价格体系", "body": "乙方执行甲方统一价格，不得低价倾销。"})],
        })
        cls.hardware = cls.env["product.category"].create({"name": "五金"})
        cls.hinges = cls.env["product.category"].create({"name": "合页", "parent_id": cls.hardware.id})
        cls.paint = cls.env["product.category"].create({"name": "涂料"})
        cls.hinge = cls.env["product.product"].create({"name": "不锈钢合页", "categ_id": cls.hinges.id,
                                                       "list_price": 10})
        cls.bucket = cls.env["product.product"].create({"name": "乳胶漆", "categ_id": cls.paint.id, "list_price": 50})
        cls.pricelist = cls.env["product.pricelist"].create({"name": "经销商价"})
        cls.payment_term = cls.env["account.payment.term"].create({"name": "月结30天"})

    def _agreement(self, customer=None, user=None, **values):
        return self.env["dealer.agreement"].with_user(user or self.user_salesperson).create({
            "partner_id": (customer or self.customer_a).id,
            "agreement_type": "dealer",
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "template_id": self.template.id,
            **values,
        })

    def _activate(self, agreement, moment="2026-02-01 02:00:00"):
        with freeze_time(moment):
            agreement.with_user(agreement.partner_id.user_id or self.user_salesperson).action_submit()
            agreement.with_user(self.user_manager).action_approve()
        return agreement


class TestDealerOrderDeskCommon(TestDealerAgreementCommon):
    """Orders of Dealer CRM customers go through the back office, with or
    without an agreement; quotations are made as a client would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.dealer_orders_through_back_office = True
        cls.env.company.dealer_agreement_order_policy = "none"

    def _quotation(self, amount=100, customer=None, user=None, quantity=1):
        """A quotation of ``customer`` (customer A) by ``user`` (the
        salesperson): ``quantity`` hinges at ``amount`` each, untaxed."""
        return self.env["sale.order"].with_user(user or self.user_salesperson).create({
            "partner_id": (customer or self.customer_a).id,
            "order_line": [Command.create({"product_id": self.hinge.id, "product_uom_qty": quantity,
                                           "price_unit": amount, "tax_ids": [Command.clear()]})],
        })


class TestDealerAgreement(TestDealerAgreementCommon):

    def test_states_from_draft_to_expired(self):
        agreement = self._agreement(date_start="2026-03-01", date_end="2026-06-30", annual_target=10000)
        self.assertRegex(agreement.name, r"^XY\d{4}-\d{4}$")
        self.assertEqual(agreement.clause_ids.mapped("title"), ["授权范围", "价格体系"])
        self.assertEqual(agreement.state, "draft")
        with freeze_time("2026-02-01 02:00:00"):
            agreement.with_user(self.user_salesperson).action_submit()
            self.assertEqual(agreement.state, "submitted")
            self.assertEqual(agreement.activity_ids.user_id, self.user_manager, "the team leader approves")
            with self.assertRaises(AccessError):
                agreement.with_user(self.user_salesperson).action_approve()
            with self.assertRaises(AccessError):
                agreement.with_user(self.user_salesperson).write({"state": "active"})
            with self.assertRaises(UserError):
                agreement.with_user(self.user_salesperson).write({"credit_limit": 5000})
            agreement.with_user(self.user_manager).action_approve()
        self.assertEqual(agreement.state, "approved", "it starts on March 1st")
        with self.assertRaises(UserError):
            agreement.with_user(self.user_manager).write({"date_end": "2026-12-31"})
        Agreement = self.env["dealer.agreement"]
        with freeze_time("2026-02-28 17:00:00"):  # 01:00 on March 1st in Shanghai
            Agreement._cron_update_states()
        self.assertEqual(agreement.state, "active")
        with freeze_time("2026-05-30 17:00:00"):
            Agreement._cron_update_states()
            Agreement._cron_update_states()
        reminders = agreement.activity_ids.filtered(lambda activity: "2026-06-30" in activity.summary)
        self.assertEqual(reminders.user_id, self.user_salesperson | self.user_manager, "owner and manager, once each")
        with freeze_time("2026-06-30 15:00:00"):  # 23:00 on June 30th in Shanghai
            Agreement._cron_update_states()
        self.assertEqual(agreement.state, "active", "June 30th is still in")
        with freeze_time("2026-06-30 16:30:00"):
            Agreement._cron_update_states()
        self.assertEqual(agreement.state, "expired")

    def test_submit_needs_clauses_and_return_to_draft(self):
        agreement = self._agreement(template_id=False)
        with self.assertRaises(UserError):
            agreement.with_user(self.user_salesperson).action_submit()
        agreement.with_user(self.user_salesperson).clause_ids = [Command.create({"title": "付款", "body": "月结30天。"})]
        agreement.with_user(self.user_salesperson).action_submit()
        agreement.with_user(self.user_manager).action_return_to_draft()
        self.assertEqual(agreement.state, "draft")

    def test_terminate_and_renew(self):
        agreement = self._activate(self._agreement(rebate_tier_ids=[Command.create({"threshold": 1000, "rate": 2})]))
        self.assertEqual(agreement.state, "active")
        renewal_action = agreement.with_user(self.user_salesperson).action_renew()
        renewal = self.env["dealer.agreement"].browse(renewal_action["res_id"])
        self.assertEqual((renewal.state, renewal.previous_agreement_id, renewal.date_start, renewal.date_end),
                         ("draft", agreement, date(2027, 1, 1), date(2027, 12, 31)))
        self.assertEqual(renewal.clause_ids.mapped("body"), agreement.clause_ids.mapped("body"))
        self.assertEqual(renewal.rebate_tier_ids.rate, 2)
        self.assertNotEqual(renewal.name, agreement.name)
        with self.assertRaises(UserError):
            agreement.with_user(self.user_manager).action_terminate("  ")
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_salesperson).action_terminate("违约")
        agreement.with_user(self.user_manager).action_terminate("经销商跨区窜货，严重违约")
        self.assertEqual((agreement.state, agreement.termination_reason), ("terminated", "经销商跨区窜货，严重违约"))
        with self.assertRaises(UserError):
            agreement.unlink()

    def test_one_agreement_of_a_type_at_a_time(self):
        self._activate(self._agreement())
        overlapping = self._agreement(date_start="2026-06-01", date_end="2027-05-31")
        overlapping.with_user(self.user_salesperson).action_submit()
        with self.assertRaises(ValidationError):
            overlapping.with_user(self.user_manager).action_approve()
        other_type = self._agreement(agreement_type="agent")
        self._activate(other_type)
        self.assertEqual(other_type.state, "active")

    def test_one_exclusive_agent_per_territory_and_category(self):
        with self.assertRaises(ValidationError):
            self._agreement(agreement_type="exclusive_agent")
        first = self._activate(self._agreement(
            agreement_type="exclusive_agent", region_ids=[Command.set(self.region_shanghai.ids)],
            product_category_ids=[Command.set(self.hardware.ids)],
        ))
        self.assertEqual(first.state, "active")
        rival = self._agreement(
            customer=self.customer_b, user=self.user_salesperson_b, agreement_type="exclusive_agent",
            region_ids=[Command.set(self.region_pudong.ids)], product_category_ids=[Command.set(self.hinges.ids)],
        )
        rival.with_user(self.user_salesperson_b).action_submit()
        with self.assertRaises(ValidationError):
            rival.with_user(self.user_manager).action_approve()
        paint_only = self._agreement(
            customer=self.customer_b, user=self.user_salesperson_b, agreement_type="exclusive_agent",
            region_ids=[Command.set(self.region_pudong.ids)], product_category_ids=[Command.set(self.paint.ids)],
        )
        self._activate(paint_only)
        self.assertEqual(paint_only.state, "active", "other products, same territory: allowed")

    def test_rebate_and_target(self):
        agreement = self._activate(self._agreement(annual_target=2000, rebate_tier_ids=[
            Command.create({"threshold": 500, "rate": 1}), Command.create({"threshold": 1000, "rate": 3}),
        ]))
        with freeze_time("2026-04-01 02:00:00"):
            order = self.env["sale.order"].create({
                "partner_id": self.contact_a.id,
                "order_line": [Command.create({"product_id": self.hinge.id, "product_uom_qty": 120, "price_unit": 10})],
            })
            order.action_confirm()
        with freeze_time("2026-06-01 02:00:00"):
            agreement.invalidate_recordset()
            self.assertEqual(agreement.sales_amount, 1200)
            self.assertEqual(agreement.rebate_rate, 3)
            self.assertAlmostEqual(agreement.rebate_amount, 36)
            self.assertAlmostEqual(agreement.target_progress, 60)


class TestDealerAgreementOrders(TestDealerAgreementCommon):

    def _quotation(self, customer, products, user=None):
        return self.env["sale.order"].with_user(user or self.user_salesperson).create({
            "partner_id": customer.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1}) for product in products],
        })

    def test_quotation_follows_the_active_agreement(self):
        agreement = self._activate(self._agreement(
            region_ids=[Command.set(self.region_shanghai.ids)], product_category_ids=[Command.set(self.hardware.ids)],
            pricelist_id=self.pricelist.id, payment_term_id=self.payment_term.id,
        ))
        with freeze_time("2026-03-01 02:00:00"):
            quotation = self._quotation(self.contact_a, self.hinge)
        self.assertEqual(quotation.dealer_agreement_id, agreement)
        self.assertEqual((quotation.pricelist_id, quotation.payment_term_id), (self.pricelist, self.payment_term))
        self.assertFalse(quotation.dealer_agreement_warning)
        with freeze_time("2026-03-01 02:00:00"):
            quotation.order_line = [Command.create({"product_id": self.bucket.id})]
        self.assertIn("乳胶漆", quotation.dealer_agreement_warning)

    def test_outside_territory_or_without_agreement(self):
        self._activate(self._agreement(region_ids=[Command.set(self.region_north.ids)]))
        quotation = self._quotation(self.customer_a, self.hinge)
        self.assertIn("territory", quotation.dealer_agreement_warning)
        without = self._quotation(self.customer_b, self.hinge, user=self.user_salesperson_b)
        self.assertIn("no active agreement", without.dealer_agreement_warning)
        self.env.company.dealer_agreement_order_policy = "block"
        with self.assertRaises(ValidationError):
            self._quotation(self.customer_b, self.hinge, user=self.user_salesperson_b)
        self.env.company.dealer_agreement_order_policy = "none"
        self.assertFalse(self._quotation(self.customer_b, self.hinge, user=self.user_salesperson_b)
                         .dealer_agreement_warning)

    def test_customers_outside_dealer_crm_are_left_alone(self):
        self.env.company.dealer_agreement_order_policy = "block"
        quotation = self.env["sale.order"].create({
            "partner_id": self.vendor.id, "order_line": [Command.create({"product_id": self.hinge.id})],
        })
        self.assertFalse(quotation.dealer_agreement_warning)


@tagged("post_install", "-at_install")
class TestDealerAgreementPrint(HttpCase, TestDealerAgreementCommon):
    """wkhtmltopdf fetches the report's styles from the server: a live one."""

    def test_printed_agreement_in_chinese(self):
        self.env.ref("base.lang_zh_CN").active = True
        self.env["ir.module.module"]._load_module_terms(["dealer_crm_sale"], ["zh_CN"], overwrite=True)
        self.customer_a.lang = "zh_CN"
        agreement = self._activate(self._agreement())
        report = self.env.ref("dealer_crm_sale.dealer_agreement_report_action")
        html = report._render_qweb_html(report.report_name, agreement.ids)[0].decode()
        self.assertIn("乙方执行甲方统一价格，不得低价倾销。", html)
        self.assertIn("上海鑫达五金商行", html)
        self.assertIn("条款", html, "the labels are in the customer's language")
        self.assertIn(agreement.name, html)
        pdf, report_format = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, agreement.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # The CJK font maps some glyphs to Kangxi radicals (⽅ for 方): NFKC folds them back.
        text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in PdfFileReader(io.BytesIO(pdf)).pages))
        for words in ("乙方执行甲方统一价格", "不得低价倾销", "上海鑫达五金商行", "条款"):
            self.assertIn(words, text.replace("\n", ""), "the Chinese text is in the PDF, not boxes")
