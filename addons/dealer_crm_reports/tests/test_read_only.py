from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_crm_sale.tests.common import DealerSalesFactsCommon


# Payments need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestReportsOnlyRead(DealerSalesFactsCommon):
    """Every analysis, the dashboard and the targets read in a read-only
    transaction, as Odoo serves them from a replica (``db_replica_host``),
    and give the figures of the committed facts. dealer_crm_pool tries its
    forecast the same way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"].with_user(cls.user_salesperson))
        moment = datetime.combine(cls.today, datetime.min.time()) + timedelta(hours=2)
        cls.order = cls._sale(cls.customer_a, moment, 1000)
        invoice = cls._invoice(cls.order, moment)
        cls._pay_invoice(invoice, cls.today, 400)
        cls.env["dealer.target"].create({
            "user_id": cls.user_salesperson.id, "metric": "contract_amount", "year": cls.today.year,
            f"month_{cls.today.month:02d}": 2000,
        })

    def _total(self, model, field_name, domain=()):
        [[total]] = self.env[model]._read_group(list(domain), [], [f"{field_name}:sum"])
        return total

    def test_analyses_and_targets(self):
        this_month = [("date", ">=", self.today.replace(day=1)), ("date", "<=", self.today)]
        with self.read_only():
            self.assertAlmostEqual(self._total("dealer.sales.analysis", "revenue", this_month), 1000)
            self.assertAlmostEqual(self._total("dealer.sales.analysis", "payment_amount", this_month), 400)
            self.assertAlmostEqual(self._total("dealer.sales.leaderboard", "revenue"), 1000)
            self.assertAlmostEqual(self._total("dealer.salesperson.performance", "revenue"), 1000)
            [ranking] = self.env["dealer.customer.ranking"].search_read([("partner_id", "=", self.customer_a.id)],
                                                                        ["revenue"])
            self.assertAlmostEqual(ranking["revenue"], 1000)
            [target] = self.env["dealer.target.report"].search_read([
                ("user_id", "=", self.user_salesperson.id), ("metric", "=", "contract_amount"),
                ("month", "=", self.today.replace(day=1)),
            ], ["target_value", "actual_value"])
            self.assertEqual((target["target_value"], target["actual_value"]), (2000, 1000))

    def test_dashboard(self):
        with self.read_only():
            dashboard = self.env["dealer.sales.dashboard"].with_user(self.user_manager).get_dashboard()
        kpis = {kpi["key"]: kpi["value"] for kpi in dashboard["kpis"]}
        self.assertAlmostEqual(kpis["revenue"], 1000)
        self.assertAlmostEqual(kpis["payment_amount"], 400)
        self.assertEqual(dashboard["top_customers"][0]["name"], self.customer_a.display_name)

    def test_a_read_that_wrote_would_fail(self):
        """The guard itself: a write inside the block fails it."""
        with mute_logger("odoo.sql_db"), self.assertRaisesRegex(Exception, "read-only transaction"), \
                self.read_only():
            self.customer_a.with_user(self.user_salesperson).write({"comment": "写入"})
            self.env.flush_all()
        self.assertFalse(self.customer_a.comment)
