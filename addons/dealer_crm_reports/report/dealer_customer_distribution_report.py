from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.dealer_crm.models.res_partner import DEALER_IMPORTANCE, DEALER_SCALE


class DealerCustomerDistributionReport(models.Model):
    """Customer distribution (客户分布分析): dealer customers by region (with
    its top-level region), channel, type, source, industry, scale, importance,
    owner and sales team. A read-only SQL view over res.partner, so that it
    follows the customers' record rules through ``partner_id``."""

    _name = "dealer.customer.distribution.report"
    _inherit = ["dealer.report.dimension.mixin"]
    _description = "Customer Distribution Analysis"
    _auto = False
    _order = "create_date desc"

    create_date = fields.Datetime(string="Created On", readonly=True)
    top_region_id = fields.Many2one("dealer.region", string="Top-level Region", readonly=True)
    source_id = fields.Many2one("dealer.source", string="Source", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", string="Industry", readonly=True)
    scale = fields.Selection(DEALER_SCALE, string="Scale", readonly=True)
    importance = fields.Selection(DEALER_IMPORTANCE, string="Importance", readonly=True)
    state_id = fields.Many2one("res.country.state", string="Province", readonly=True)
    user_id = fields.Many2one(string="Owner")
    customer_count = fields.Integer(string="Customers", readonly=True, aggregator="sum")

    _depends = {
        "res.partner": [
            "create_date", "dealer_region_id", "dealer_channel_id", "dealer_customer_type_id", "dealer_source_id",
            "industry_id", "dealer_scale", "dealer_importance", "state_id", "user_id", "dealer_team_id",
            "company_id", "is_dealer", "is_company", "active",
        ],
        "dealer.region": ["parent_path"],
    }

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT partner.id AS id,
                   partner.id AS partner_id,
                   partner.create_date AS create_date,
                   partner.dealer_region_id AS region_id,
                   top_region.id AS top_region_id,
                   partner.dealer_channel_id AS channel_id,
                   partner.dealer_customer_type_id AS customer_type_id,
                   partner.dealer_source_id AS source_id,
                   partner.industry_id AS industry_id,
                   partner.dealer_scale AS scale,
                   partner.dealer_importance AS importance,
                   partner.state_id AS state_id,
                   partner.user_id AS user_id,
                   partner.dealer_team_id AS team_id,
                   partner.company_id AS company_id,
                   1 AS customer_count
              FROM res_partner partner
         LEFT JOIN dealer_region region ON region.id = partner.dealer_region_id
         LEFT JOIN dealer_region top_region
                ON top_region.id = split_part(region.parent_path, '/', 1)::integer
             WHERE partner.is_dealer
               AND partner.is_company
               AND partner.active
            """
        )
