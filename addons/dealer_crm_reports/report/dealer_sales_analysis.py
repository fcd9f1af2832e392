from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.dealer_crm_sale.models.dealer_sales_figures import SALES_METRICS
from odoo.addons.dealer_crm.models.res_partner import DEALER_IMPORTANCE


class DealerSalesAnalysis(models.Model):
    """Sales analysis: the sales facts (``dealer.sales.fact``), which carry
    their customer's current region, channel and type — by channel and
    region (渠道 × 区域), by product (产品统计表) and by customer (客户销量表).

    New customers, orders and payments are counted from the facts that
    ``dealer_crm`` keeps current; the other dimensions are joined with LEFT
    JOINs on primary keys, which PostgreSQL drops when a grouping does not
    use them."""

    _name = "dealer.sales.analysis"
    _inherit = ["dealer.sales.report.mixin"]
    _description = "Dealer Sales Analysis"
    _auto = False
    # What the query reads besides the facts, flushed before it runs.
    _depends = {
        "res.partner": ["industry_id", "dealer_importance"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
        "res.company": ["currency_id"],
    }
    _order = "date desc"
    _rec_name = "partner_id"

    metric = fields.Selection(SALES_METRICS, string="Fact", readonly=True)
    date = fields.Date(string="Date", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", string="Industry", readonly=True)
    importance = fields.Selection(DEALER_IMPORTANCE, string="Importance", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    product_categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    payment_id = fields.Many2one("account.payment", string="Payment", readonly=True)
    new_customer_count = fields.Integer(string="New Customers", readonly=True, aggregator="sum")
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    quantity = fields.Float(string="Quantity", readonly=True, aggregator="sum", digits="Product Unit")
    revenue = fields.Monetary(string="Revenue", readonly=True, aggregator="sum",
                              help="Confirmed orders, taxes included, in company currency.")
    revenue_untaxed = fields.Monetary(string="Untaxed Revenue", readonly=True, aggregator="sum")
    payment_amount = fields.Monetary(string="Payments Collected", readonly=True, aggregator="sum")

    def action_open_source(self):
        """Drill down to what the row counts: the order, the payment, or the
        customer for a new customer."""
        self.ensure_one()
        source = self.order_id or self.payment_id or self.partner_id
        return {
            "type": "ir.actions.act_window",
            "res_model": source._name,
            "res_id": source.id,
            "views": [(False, "form")],
        }

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT fact.id, fact.metric, fact.date, fact.user_id, fact.team_id, fact.partner_id,
                   fact.channel_id, fact.region_id, fact.customer_type_id, customer.industry_id,
                   customer.dealer_importance AS importance, fact.product_id, template.categ_id AS product_categ_id,
                   fact.order_id, fact.payment_id, fact.company_id, company.currency_id,
                   CASE WHEN fact.metric = 'new_customers' THEN fact.record_count ELSE 0 END AS new_customer_count,
                   CASE WHEN fact.metric = 'contract_amount' THEN fact.record_count ELSE 0 END AS order_count,
                   fact.quantity,
                   CASE WHEN fact.metric = 'contract_amount' THEN fact.amount ELSE 0 END AS revenue,
                   CASE WHEN fact.metric = 'contract_amount' THEN fact.amount_untaxed ELSE 0 END AS revenue_untaxed,
                   CASE WHEN fact.metric = 'payment_amount' THEN fact.amount ELSE 0 END AS payment_amount
              FROM dealer_sales_fact fact
              LEFT JOIN res_partner customer ON customer.id = fact.partner_id
              LEFT JOIN product_product product ON product.id = fact.product_id
              LEFT JOIN product_template template ON template.id = product.product_tmpl_id
              LEFT JOIN res_company company ON company.id = fact.company_id
            """
        )
