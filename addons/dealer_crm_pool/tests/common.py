from odoo import Command

from odoo.addons.dealer_crm_sale.tests.common import DealerSalesCommon


class DealerPoolCommon(DealerSalesCommon):
    """Dealer CRM's company, users and customers, and a pool for the east."""

    @classmethod
    def _create_east_pool(cls, **values):
        """华东公海: the east region's pool, for the east team, managed by the manager."""
        return cls.env["dealer.pool"].create({
            "name": "华东公海",
            "region_ids": [Command.set(cls.region_east.ids)],
            "member_team_ids": [Command.set(cls.team.ids)],
            "manager_user_ids": [Command.set(cls.user_manager.ids)],
            **values,
        })
