from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError


class DealerStatementGenerate(models.TransientModel):
    """The back office's monthly run: the statements of every dealer (or
    of the dealers picked) for a month, then sent by mail and to the
    portal by the sending job."""

    _name = "dealer.statement.generate"
    _description = "Generate Dealer Statements"
    _inherit = ["dealer.value.mixin"]

    month = fields.Date(string="Month", required=True, default=lambda self: self._default_month(),
                        help="Any day of the month the statements cover.")
    company_id = fields.Many2one("res.company", string="Company", required=True,
                                 default=lambda self: self.env.company)
    partner_ids = fields.Many2many("res.partner", string="Dealers",
                                   domain=[("is_dealer", "=", True), ("is_company", "=", True)],
                                   help="Leave empty for every dealer with a balance or an entry in the month.")
    send = fields.Boolean(string="Send Them", default=True,
                          help="Mail each statement with its PDF to the dealer and publish it in the portal.")

    @api.model
    def _default_month(self):
        """Last month, on the user's calendar."""
        return self.env.user._dealer_local_today().replace(day=1) - relativedelta(months=1)

    def action_generate(self):
        self.ensure_one()
        Statement = self.env["dealer.statement"]
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("You do not work for %(company)s.", company=self.company_id.name))
        statements = Statement._dealer_generate(self.month, self.company_id, self.partner_ids or None)
        if not statements:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._("Every statement of %(month)s is up to date: nothing to generate.",
                                          month=self.month.strftime("%Y-%m")),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        if self.send:
            statements._dealer_queue_sending()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Statements Generated"),
            "res_model": "dealer.statement",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", statements.ids)],
        }
