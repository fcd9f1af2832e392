from odoo import fields, models

from ..tools.settings import DEFAULTS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_agreement_order_policy = fields.Selection(related="company_id.dealer_agreement_order_policy",
                                                     readonly=False)
    dealer_agreement_reminder_days = fields.Integer(
        string="Expiry Reminder (days)",
        config_parameter="dealer_crm.agreement_reminder_days",
        default=DEFAULTS["dealer_crm.agreement_reminder_days"],
    )
    dealer_orders_through_back_office = fields.Boolean(
        related="company_id.dealer_orders_through_back_office", readonly=False,
    )
