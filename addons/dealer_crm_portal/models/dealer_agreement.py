from odoo import models


class DealerAgreement(models.Model):
    _inherit = "dealer.agreement"

    def _dealer_portal_rebate(self):
        """This year's rebate as the dealer reads it: the agreement form's
        figures (sales so far, rate and rebate due, share of the target) and
        the tier reached, the next one and the sales still missing to it."""
        self.ensure_one()
        tiers = self.rebate_tier_ids.sorted("threshold")
        reached = tiers.filtered(lambda tier: tier.threshold <= self.sales_amount)[-1:]
        upcoming = tiers.filtered(lambda tier: tier.threshold > self.sales_amount)[:1]
        return {
            "sales": self.sales_amount,
            "target": self.annual_target,
            "progress": self.target_progress,
            "rate": self.rebate_rate,
            "amount": self.rebate_amount,
            "tier": reached,
            "next_tier": upcoming,
            "missing": upcoming.threshold - self.sales_amount if upcoming else 0.0,
        }
