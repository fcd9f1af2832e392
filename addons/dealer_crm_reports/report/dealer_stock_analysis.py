from odoo import fields, models
from odoo.tools import SQL


class DealerStockAnalysis(models.Model):
    """Stock and sell-out analysis (进销存分析): one row per product of a
    dealer's monthly stock report (``dealer.stock.report``), with the
    dealer's current region and salesperson: the stock is the dealer's, and
    whoever follows the dealer now reads its history, as the stock reports
    themselves.

    Sell-through is what was sold of what the dealer had (opening stock +
    received), in %; stock days how long the closing stock lasts at the
    month's daily sales. Both are ratios: grouped, they are computed from the
    group's totals (``_read_group_select``), not averaged row by row."""

    _name = "dealer.stock.analysis"
    _inherit = ["dealer.report.dimension.mixin"]
    _description = "Dealer Stock Analysis"
    _auto = False
    # What the view reads, flushed before it is queried.
    _depends = {
        "dealer.stock.report": ["partner_id", "company_id", "date_from", "agreement_id"],
        "dealer.stock.report.line": ["report_id", "product_id", "opening_qty", "received_qty", "sold_qty",
                                     "closing_qty"],
        "res.partner": ["user_id", "dealer_region_id", "dealer_team_id", "dealer_channel_id",
                        "dealer_customer_type_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
    }
    _order = "date desc, partner_id, product_id"
    _rec_name = "product_id"

    date = fields.Date(string="Month", readonly=True)
    partner_id = fields.Many2one(string="Dealer")
    agreement_id = fields.Many2one("dealer.agreement", string="Agreement", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    opening_qty = fields.Float(string="Opening Stock", readonly=True, aggregator="sum", digits="Product Unit")
    received_qty = fields.Float(string="Received", readonly=True, aggregator="sum", digits="Product Unit")
    sold_qty = fields.Float(string="Sold", readonly=True, aggregator="sum", digits="Product Unit")
    closing_qty = fields.Float(string="Closing Stock", readonly=True, aggregator="sum", digits="Product Unit")
    daily_sold_qty = fields.Float(string="Sold per Day", readonly=True, aggregator="sum", digits="Product Unit",
                                  help="Sold in the month, divided by its number of days.")
    sell_through = fields.Float(
        string="Sell-through (%)", readonly=True, aggregator="avg", digits=(16, 1),
        help="Sold ÷ (opening stock + received), in %; grouped, from the group's totals.")
    stock_days = fields.Float(
        string="Stock Days", readonly=True, aggregator="avg", digits=(16, 1),
        help="How many days the closing stock lasts at the month's daily sales: closing stock ÷ sold per day; "
             "grouped, from the group's totals. Empty when nothing was sold.")

    @property
    def _table_query(self):
        return SQL(
            """
                SELECT line.id,
                       report.date_from AS date,
                       report.partner_id,
                       report.company_id,
                       report.agreement_id,
                       dealer.dealer_region_id AS region_id,
                       dealer.user_id,
                       dealer.dealer_team_id AS team_id,
                       dealer.dealer_channel_id AS channel_id,
                       dealer.dealer_customer_type_id AS customer_type_id,
                       line.product_id,
                       template.categ_id,
                       line.opening_qty,
                       line.received_qty,
                       line.sold_qty,
                       line.closing_qty,
                       line.sold_qty / month.days AS daily_sold_qty,
                       CASE WHEN line.opening_qty + line.received_qty > 0
                            THEN 100 * line.sold_qty / (line.opening_qty + line.received_qty)
                            ELSE 0 END AS sell_through,
                       CASE WHEN line.sold_qty > 0
                            THEN line.closing_qty * month.days / line.sold_qty END AS stock_days
                  FROM dealer_stock_report_line line
                  JOIN dealer_stock_report report ON report.id = line.report_id
                 CROSS JOIN LATERAL (
                       SELECT EXTRACT(DAY FROM report.date_from + INTERVAL '1 month - 1 day')::integer AS days
                       ) AS month
                  LEFT JOIN res_partner dealer ON dealer.id = report.partner_id
                  LEFT JOIN product_product product ON product.id = line.product_id
                  LEFT JOIN product_template template ON template.id = product.product_tmpl_id
            """
        )

    def _read_group_select(self, aggregate_spec, query):
        """The ratios of a group from its totals: sell-through is its sold ÷
        its opening + received, stock days its closing stock ÷ its sold per
        day (a month's sales per day; over several months, their average
        closing stock ÷ their average sales per day)."""
        if aggregate_spec not in ("sell_through:avg", "stock_days:avg"):
            return super()._read_group_select(aggregate_spec, query)

        def total(field_name):
            return SQL("SUM(%s)", self._field_to_sql(self._table, field_name, query))

        if aggregate_spec == "sell_through:avg":
            return SQL(
                "COALESCE(100 * %(sold)s / NULLIF(%(opening)s + %(received)s, 0), 0)",
                sold=total("sold_qty"), opening=total("opening_qty"), received=total("received_qty"),
            )
        return SQL("%s / NULLIF(%s, 0)", total("closing_qty"), total("daily_sold_qty"))
