from odoo import api, fields, models
from odoo.exceptions import ValidationError

# A customer's importance (dealer_crm's selection value) → the company field
# holding how many days may pass between two of its visits.
VISIT_DAYS_FIELDS = {
    "3": "dealer_visit_days_a",
    "2": "dealer_visit_days_b",
    "1": "dealer_visit_days_c",
    "0": "dealer_visit_days_d",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_visit_days_a = fields.Integer(string="Visit A Customers Every (days)", default=7)
    dealer_visit_days_b = fields.Integer(string="Visit B Customers Every (days)", default=14)
    dealer_visit_days_c = fields.Integer(string="Visit C Customers Every (days)", default=30)
    dealer_visit_days_d = fields.Integer(string="Visit D Customers Every (days)", default=90)

    @api.constrains(*VISIT_DAYS_FIELDS.values())
    def _check_dealer_visit_days(self):
        for company in self:
            if any(company[name] <= 0 for name in VISIT_DAYS_FIELDS.values()):
                raise ValidationError(self.env._("A visit frequency is a number of days greater than zero."))

    def _dealer_visit_days(self, importance):
        """Days between two visits of a customer of ``importance`` here."""
        self.ensure_one()
        return self[VISIT_DAYS_FIELDS.get(importance or "0", "dealer_visit_days_d")]

    def write(self, vals):
        result = super().write(vals)
        if set(VISIT_DAYS_FIELDS.values()) & set(vals):
            self.env["res.partner"]._dealer_recompute_visit_due([
                "|", ("company_id", "in", self.ids),
                "&", ("company_id", "=", False), ("user_id.company_id", "in", self.ids),
            ])
        return result
