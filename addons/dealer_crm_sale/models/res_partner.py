from collections import defaultdict

from odoo import fields, models
from odoo.fields import Domain

QUOTATION_STATES = ("draft", "sent")
OWNERSHIP_FACT_FIELDS = {"user_id", "is_dealer", "is_company", "company_id"}
CLASSIFICATION_FACT_FIELDS = {"dealer_region_id", "dealer_channel_id", "dealer_customer_type_id"}


class ResPartner(models.Model):
    """A customer's quotations and orders, and the sales facts its owner
    and classification count in."""

    _name = "res.partner"
    _inherit = ["res.partner", "dealer.sales.fact.source"]
    _dealer_fact_fields = OWNERSHIP_FACT_FIELDS | CLASSIFICATION_FACT_FIELDS | {"commercial_partner_id"}
    _dealer_fact_column = "partner_id"

    dealer_quotation_count = fields.Integer(
        string="Quotations", compute="_compute_dealer_sale_counts", groups="sales_team.group_sale_salesman"
    )
    dealer_order_count = fields.Integer(
        string="Orders", compute="_compute_dealer_sale_counts", groups="sales_team.group_sale_salesman"
    )

    def _compute_dealer_sale_counts(self):
        """Quotations and orders of the customer and of its contacts."""
        counts = {"quotation": defaultdict(int), "order": defaultdict(int)}
        if self.ids:
            groups = self.env["sale.order"]._read_group(
                [("partner_id", "child_of", self.ids), ("state", "in", [*QUOTATION_STATES, "sale"])],
                ["partner_id", "state"],
                ["__count"],
            )
            for partner, state, count in groups:
                kind = "quotation" if state in QUOTATION_STATES else "order"
                for target in partner | partner.commercial_partner_id:
                    counts[kind][target] += count
        for partner in self:
            partner.dealer_quotation_count = counts["quotation"][partner]
            partner.dealer_order_count = counts["order"][partner]

    def _dealer_fact_sources(self, field_names=None):
        """A customer's first owners follow its owner and company; whose
        orders and payments a partner's are follows its commercial entity;
        all its facts carry its region, channel and type."""
        sources = {}
        if field_names is None or field_names & (OWNERSHIP_FACT_FIELDS | CLASSIFICATION_FACT_FIELDS):
            sources["customer"] = self.filtered("is_dealer").ids
        if field_names is not None and field_names & (CLASSIFICATION_FACT_FIELDS | {"commercial_partner_id"}):
            sources["buyer"] = self.ids
        return sources

    def _dealer_owner_changed(self):
        super()._dealer_owner_changed()
        self.env["dealer.sales.fact"]._mark_dirty("customer", self.ids)

    def _dealer_hand_over(self, previous, user):
        """Open quotations go to ``user`` too."""
        super()._dealer_hand_over(previous, user)
        family = self.env["res.partner"].with_context(active_test=False).search([("id", "child_of", self.ids)])
        self.env["sale.order"].sudo().search([
            ("partner_id", "in", family.ids), ("state", "in", QUOTATION_STATES), ("user_id", "=", previous.id),
        ]).write({"user_id": user.id})

    def _dealer_sale_order_action(self, states):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_quotations_with_onboarding")
        action["domain"] = Domain.AND([
            [("partner_id", "child_of", self.commercial_partner_id.id)],
            [("state", "in", list(states))],
        ])
        action["context"] = {"default_partner_id": self.id, "search_default_my_quotation": False}
        return action

    def action_dealer_view_quotations(self):
        return self._dealer_sale_order_action(QUOTATION_STATES)

    def action_dealer_view_orders(self):
        return self._dealer_sale_order_action(("sale",))

    def action_dealer_view_price_history(self):
        """Every line quoted or sold to the customer and its contacts, by
        whoever quoted it: the history a new owner inherits."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_sale.sale_order_line_action_dealer_history")
        action["domain"] = [
            ("order_partner_id", "child_of", self.commercial_partner_id.id), ("display_type", "=", False),
        ]
        return action
