import io
import unicodedata

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.dealer_crm_sale.tests.common import DealerSalesFactsCommon


class DealerDashboardCommon(DealerSalesFactsCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sale(cls.customer_a, fields.Datetime.now(), 1200)


@tagged("post_install", "-at_install")
class TestDealerDashboardMobile(HttpCase, DealerDashboardCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_salesperson_reads_the_dashboard_phone(self):
        self.start_tour("/odoo/dealer-dashboard", "dealer_crm_reports_dashboard_mobile",
                        login=self.user_salesperson.login)


@tagged("post_install", "-at_install")
class TestDealerMonthlyReportPrint(HttpCase, DealerDashboardCommon):
    """wkhtmltopdf fetches the report's styles from the server: a live one."""

    def test_dashboard_figures_and_monthly_report_in_chinese(self):
        dashboard = self.env["dealer.sales.dashboard"].with_user(self.user_salesperson).get_dashboard()
        kpis = {kpi["key"]: kpi for kpi in dashboard["kpis"]}
        self.assertEqual(kpis["revenue"]["value"], 1200)
        self.assertEqual(kpis["order_count"]["value"], 1)
        self.assertEqual([row["name"] for row in dashboard["top_customers"]], ["上海鑫达五金商行"])
        self.env.ref("base.lang_zh_CN").active = True
        self.env["ir.module.module"]._load_module_terms(["dealer_crm_reports"], ["zh_CN"], overwrite=True)
        self.user_salesperson.lang = "zh_CN"
        report = self.env.ref("dealer_crm_reports.dealer_monthly_report_action").with_user(
            self.user_salesperson).with_context(lang="zh_CN")
        data = {"period": "month"}
        html = report._render_qweb_html(report.report_name, self.env.company.ids, data=data)[0].decode()
        self.assertIn("月度经营报告", html)
        self.assertIn("上海鑫达五金商行", html)
        pdf, report_format = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, self.env.company.ids, data=data)
        self.assertEqual(report_format, "pdf")
        # The CJK font maps some glyphs to Kangxi radicals: NFKC folds them back.
        text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in PdfFileReader(io.BytesIO(pdf)).pages))
        for words in ("月度经营报告", "上海鑫达五金商行", "销售员", "张伟"):
            self.assertIn(words, text.replace("\n", ""), "the Chinese text is in the PDF, not boxes")
