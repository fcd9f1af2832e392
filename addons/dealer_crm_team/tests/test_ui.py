from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_crm_sale.tests.common import DealerSalesCommon


@tagged("post_install", "-at_install")
class TestTeamUiMobile(HttpCase, DealerSalesCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_salesperson_submits_a_daily_report_phone(self):
        self.env["dealer.followup"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_a.id, "content": "电话确认下月订单", "method": "phone",
        })
        self.start_tour("/odoo/dealer-work-reports", "dealer_crm_daily_report_mobile",
                        login=self.user_salesperson.login)
        report = self.env["dealer.work.report"].search([("user_id", "=", self.user_salesperson.id)])
        self.assertEqual((report.report_type, report.state, report.followup_count), ("daily", "submitted", 1))
        self.assertIn("鑫达五金", report.summary)
        self.assertEqual(report.reviewer_id, self.user_manager)

    def test_salesperson_sees_own_targets_phone(self):
        product = self.env["product.product"].create({"name": "不锈钢合页", "taxes_id": False})
        order = self.env["sale.order"].create({
            "partner_id": self.customer_a.id, "user_id": self.user_salesperson.id,
            "order_line": [Command.create({"product_id": product.id, "price_unit": 1000, "tax_ids": False})],
        })
        order.action_confirm()
        year = self.user_salesperson._dealer_local_today().year
        self.env["dealer.target"].create([
            {"target_type": "user", "user_id": user.id, "year": year, "metric": "contract_amount",
             **{f"month_{month:02d}": 500 for month in range(1, 13)}}
            for user in (self.user_salesperson, self.user_salesperson_b)
        ])
        self.start_tour("/odoo/dealer-targets", "dealer_crm_targets_mobile", login=self.user_salesperson.login)
