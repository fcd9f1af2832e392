import calendar

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.dealer_crm_sale.models.dealer_sales_figures import SALES_METRICS

TARGET_METRICS = SALES_METRICS
TARGET_TYPES = [("user", "Salesperson"), ("team", "Sales Team"), ("region", "Region")]
MONTH_FIELDS = [f"month_{month:02d}" for month in range(1, 13)]


class DealerTarget(models.Model):
    """A year's target of one metric for a salesperson, a sales team or a
    region: twelve monthly values. The actuals are read from the monthly
    sales summary (``dealer.sales.summary``, kept current with the sales
    facts as orders, payments and customers change) by
    ``dealer.target.report``; nothing of them is stored on the target.

    A team's or region's target is, unless entered by hand, the sum of its
    members' (the team's salespeople, the region's sub-regions) and follows
    them when they change."""

    _name = "dealer.target"
    _description = "Sales Target"
    _inherit = ["dealer.value.mixin", "mail.thread"]
    _order = "year desc, target_type, metric, id"
    _rec_names_search = ["user_id", "team_id", "region_id"]

    target_type = fields.Selection(TARGET_TYPES, string="Target For", required=True, default="user")
    user_id = fields.Many2one("res.users", string="Salesperson", index="btree_not_null", tracking=True,
                              domain=[("share", "=", False)])
    team_id = fields.Many2one("crm.team", string="Sales Team", index="btree_not_null", tracking=True)
    region_id = fields.Many2one("dealer.region", string="Region", index="btree_not_null", tracking=True)
    year = fields.Integer(string="Year", required=True, default=lambda self: self.env.user._dealer_local_today().year,
                          tracking=True)
    metric = fields.Selection(TARGET_METRICS, string="Metric", required=True, default="contract_amount", tracking=True)
    is_rollup = fields.Boolean(
        string="Sum of Members", default=True,
        help="The team's target is the sum of its salespeople's, the region's the sum of its sub-regions'. "
             "Untick to enter it by hand.",
    )
    company_id = fields.Many2one("res.company", string="Company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month_01 = fields.Float(string="January", tracking=True)
    month_02 = fields.Float(string="February", tracking=True)
    month_03 = fields.Float(string="March", tracking=True)
    month_04 = fields.Float(string="April", tracking=True)
    month_05 = fields.Float(string="May", tracking=True)
    month_06 = fields.Float(string="June", tracking=True)
    month_07 = fields.Float(string="July", tracking=True)
    month_08 = fields.Float(string="August", tracking=True)
    month_09 = fields.Float(string="September", tracking=True)
    month_10 = fields.Float(string="October", tracking=True)
    month_11 = fields.Float(string="November", tracking=True)
    month_12 = fields.Float(string="December", tracking=True)
    quarter_1 = fields.Float(string="Q1", compute="_compute_totals", store=True)
    quarter_2 = fields.Float(string="Q2", compute="_compute_totals", store=True)
    quarter_3 = fields.Float(string="Q3", compute="_compute_totals", store=True)
    quarter_4 = fields.Float(string="Q4", compute="_compute_totals", store=True)
    target_total = fields.Float(string="Year Target", compute="_compute_totals", store=True)
    actual_total = fields.Float(string="Achieved", compute="_compute_actuals")
    actual_quarter_1 = fields.Float(string="Q1 Achieved", compute="_compute_actuals")
    actual_quarter_2 = fields.Float(string="Q2 Achieved", compute="_compute_actuals")
    actual_quarter_3 = fields.Float(string="Q3 Achieved", compute="_compute_actuals")
    actual_quarter_4 = fields.Float(string="Q4 Achieved", compute="_compute_actuals")
    completion = fields.Float(string="Completion (%)", compute="_compute_actuals")
    gap = fields.Float(string="Still to Achieve", compute="_compute_actuals")
    expected_to_date = fields.Float(
        string="Expected by Today", compute="_compute_actuals",
        help="The target of the months passed, plus today's share of the current month's.",
    )
    pace = fields.Float(string="Against Expected (%)", compute="_compute_actuals",
                        help="What is achieved, against what is expected by today.")
    active = fields.Boolean(default=True)

    _one_per_year = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (company_id, target_type, user_id, team_id, region_id, year, metric)",
        "There already is a target of this metric for this year.",
    )
    _months_positive = models.Constraint(
        "CHECK (LEAST(month_01, month_02, month_03, month_04, month_05, month_06, month_07, month_08, month_09, "
        "month_10, month_11, month_12) >= 0)",
        "Targets cannot be negative.",
    )

    @api.constrains("target_type", "user_id", "team_id", "region_id")
    def _check_subject(self):
        subject_fields = {"user": "user_id", "team": "team_id", "region": "region_id"}
        for target in self:
            for target_type, field_name in subject_fields.items():
                if bool(target[field_name]) != (target.target_type == target_type):
                    raise ValidationError(self.env._("A target is for one salesperson, one sales team or one region."))

    @api.depends("target_type", "user_id", "team_id", "region_id", "year", "metric")
    def _compute_display_name(self):
        """In the reader's language: 张伟 · 2026 · 合同金额."""
        metrics = dict(self._fields["metric"]._description_selection(self.env))
        for target in self:
            subject = target.user_id or target.team_id or target.region_id
            target.display_name = f"{subject.display_name or ''} · {target.year} · {metrics.get(target.metric, '')}"

    @api.depends(*MONTH_FIELDS)
    def _compute_totals(self):
        for target in self:
            months = target._monthly_targets()
            for quarter in range(4):
                target[f"quarter_{quarter + 1}"] = sum(months[quarter * 3:quarter * 3 + 3])
            target.target_total = sum(months)

    def _monthly_targets(self):
        return [self[field_name] for field_name in MONTH_FIELDS]

    def _compute_actuals(self):
        actuals = self.env["dealer.target.report"]._actuals(self.ids) if self.ids else {}
        today = self.env.user._dealer_local_today()
        for target in self:
            months = actuals.get(target.id, {})
            for quarter in range(4):
                target[f"actual_quarter_{quarter + 1}"] = sum(months.get(month, 0.0)
                                                              for month in range(quarter * 3 + 1, quarter * 3 + 4))
            target.actual_total = sum(months.values())
            target.gap = max(target.target_total - target.actual_total, 0.0)
            target.completion = target.target_total and 100.0 * target.actual_total / target.target_total
            target.expected_to_date = target._expected_by(today)
            target.pace = target.expected_to_date and 100.0 * target.actual_total / target.expected_to_date

    def _expected_by(self, day):
        """Linear progress: the full target of the months passed and the
        elapsed share (days, today included) of the current month's."""
        if day.year < self.year:
            return 0.0
        months = self._monthly_targets()
        if day.year > self.year:
            return sum(months)
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        return sum(months[:day.month - 1]) + months[day.month - 1] * day.day / days_in_month

    # ------------------------------------------------------------------
    # Roll-ups
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        targets = super().create(vals_list)
        targets._update_rollups()
        return targets

    def write(self, vals):
        if self.env.context.get("dealer_target_rollup"):
            return super().write(vals)
        before = self._rollup_scope()
        result = super().write(vals)
        (self | before)._update_rollups()
        return result

    def unlink(self):
        scope = self._rollup_scope()
        result = super().unlink()
        scope.exists()._update_rollups()
        return result

    def _rollup_scope(self):
        """Targets of the same companies, years and metrics: those a change of
        ``self`` may roll up into."""
        if not self:
            return self
        return self.search([
            ("company_id", "in", self.company_id.ids), ("year", "in", list(set(self.mapped("year")))),
            ("metric", "in", list(set(self.mapped("metric")))),
        ])

    def _update_rollups(self):
        """Set every rolled-up team and region target of the years and metrics
        of ``self`` to the sum of its members: teams from their salespeople,
        then regions from the deepest up."""
        scope = self._rollup_scope().sudo()
        if not scope:
            return
        by_key = {}
        for target in scope:
            subject = target.user_id or target.team_id or target.region_id
            by_key[(target.company_id, target.year, target.metric, subject)] = target
        rollups = scope.filtered(lambda target: target.is_rollup and target.target_type != "user")
        teams = rollups.filtered(lambda target: target.target_type == "team")
        regions = (rollups - teams).sorted(lambda target: -len(target.region_id.parent_path or ""))
        for target in teams | regions:
            members = (
                target.team_id.member_ids if target.target_type == "team" else target.region_id.child_ids
            )
            member_targets = [
                by_key[key] for key in ((target.company_id, target.year, target.metric, member) for member in members)
                if key in by_key
            ]
            values = {
                field_name: sum(member[field_name] for member in member_targets) for field_name in MONTH_FIELDS
            }
            if any(target[field_name] != value for field_name, value in values.items()):
                target.with_context(dealer_target_rollup=True).write(values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_monthly(self):
        """The month-by-month target and actuals of these targets."""
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_team.dealer_target_report_action")
        action["domain"] = [("target_id", "in", self.ids)]
        action["context"] = {"search_default_group_month": 1}
        return action
