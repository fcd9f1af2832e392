from odoo import fields, models
from odoo.exceptions import LockError, UserError
from odoo.tools import SQL


class ResUsers(models.Model):
    _inherit = "res.users"

    dealer_customer_cap = fields.Integer(
        string="Customer Cap", help="How many Dealer CRM customers the user may own; 0: the sales team's cap.",
    )

    def _dealer_customer_cap(self):
        """How many customers the user may own: their own cap, else their
        sales team's; 0 means no cap."""
        self.ensure_one()
        return self.dealer_customer_cap or self.sale_team_id.dealer_customer_cap

    def _dealer_check_customer_cap(self, more):
        """Whether the user may own ``more`` customers: their row is locked
        first, so that parallel claims cannot both pass the count."""
        self.ensure_one()
        cap = self._dealer_customer_cap()
        if not cap:
            return
        try:
            self.sudo().lock_for_update(allow_referencing=True)
        except LockError:
            raise UserError(self.env._("Another claim of yours is in progress; try again in a moment.")) from None
        not_won = SQL() if self.env.company.dealer_cap_counts_won else SQL(
            """AND NOT EXISTS (SELECT 1 FROM sale_order o JOIN res_partner op ON op.id = o.partner_id
                              WHERE op.commercial_partner_id = p.id AND o.state = 'sale')""",
        )
        self.env.flush_all()
        [[owned]] = self.env.execute_query(SQL(
            "SELECT COUNT(*) FROM res_partner p WHERE p.user_id = %s AND p.is_dealer AND p.is_company AND p.active %s",
            self.id, not_won,
        ))
        if owned + more > cap:
            raise UserError(self.env._(
                "%(user)s may own %(cap)s customers and owns %(owned)s: release some first.",
                user=self.name, cap=cap, owned=owned,
            ))
