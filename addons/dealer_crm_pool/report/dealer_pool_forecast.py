import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.dealer_crm.models.res_partner import DEALER_IMPORTANCE

from ..models.dealer_pool_rule import RECYCLE_RULES

# The forecast list and the pools' previews look this far ahead.
FORECAST_HORIZON_DAYS = 60
# What the forecast reads: only their pending changes are flushed first (none
# in a request that only reads).
FORECAST_SOURCES = ("res.partner", "res.users", "sale.order", "dealer.agreement", "dealer.pool", "dealer.pool.rule")
# What decides the pool a customer (p) goes to: region, channel, type, company.
SCOPE_KEY = SQL(
    "concat_ws(',', COALESCE(p.dealer_region_id, 0), COALESCE(p.dealer_channel_id, 0), "
    "COALESCE(p.dealer_customer_type_id, 0), COALESCE(p.company_id, 0))"
)


class DealerPoolForecast(models.Model):
    """When each owned customer goes back to the public pool, and why: the
    earliest date any active rule of the pool it would go to gives, never
    before its protection after a claim ends. Dates are the owner's local
    days. The daily recycling reads the same query, so the preview, the
    "about to enter the pool" list and the run always agree."""

    _name = "dealer.pool.forecast"
    _description = "Public Pool Forecast"
    _auto = False
    _order = "recycle_date, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "res.partner": ["is_dealer", "is_company", "active", "user_id", "pool_id", "company_id", "create_date",
                        "dealer_owner_since", "dealer_protected_until", "last_followup_date", "dealer_importance",
                        "dealer_region_id", "dealer_channel_id", "dealer_customer_type_id", "commercial_partner_id",
                        "tz"],
        "res.users": ["partner_id"],
        "sale.order": ["partner_id", "state", "date_order", "invoice_status"],
        "dealer.pool": ["active", "sequence", "company_id", "region_ids", "channel_ids", "customer_type_ids",
                        "warning_days"],
        "dealer.pool.rule": ["pool_id", "rule_type", "active", "days", "days_a", "days_b", "days_c", "days_d",
                             "exempt_open_orders", "exempt_won", "exempt_agreement"],
        "dealer.agreement": ["partner_id", "state"],
        "dealer.region": ["parent_path"],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    pool_id = fields.Many2one("dealer.pool", string="Goes to Pool", readonly=True)
    rule_id = fields.Many2one("dealer.pool.rule", string="Rule", readonly=True)
    rule_type = fields.Selection(RECYCLE_RULES, string="Rule Type", readonly=True)
    days = fields.Integer(string="Days", readonly=True)
    importance = fields.Selection(DEALER_IMPORTANCE, string="Importance", readonly=True)
    clock_start = fields.Datetime(
        string="Counting Since", readonly=True,
        help="The last follow-up, the last confirmed order or the change of owner, whichever the rule counts from.",
    )
    recycle_date = fields.Date(string="Enters the Pool On", readonly=True)
    recycle_at = fields.Datetime(string="Enters the Pool At", readonly=True)
    warning_at = fields.Datetime(string="Warned From", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    reason = fields.Char(string="Why", compute="_compute_reason")

    @api.depends("rule_id", "days")
    def _compute_reason(self):
        for line in self:
            line.reason = line.rule_id._reason(line.days) if line.rule_id else False

    @property
    def _table_query(self):
        return self._forecast_query(until=fields.Datetime.now() + timedelta(days=FORECAST_HORIZON_DAYS))

    @api.model
    def _forecast_query(self, partner_ids=None, until=None):
        """One row per owned customer that an active rule would recycle: only
        ``partner_ids`` if given (the recycling checks its batches again
        this way, in their own transaction), only those warned or due by
        ``until`` if given. The latter is first checked in UTC with a day to
        spare, so that only those few rows pay for the time zone
        conversions."""
        for model in FORECAST_SOURCES:
            self.env[model].flush_model()
        only = SQL("AND p.id IN (SELECT unnest(%s::int[]))", list(partner_ids)) \
            if partner_ids is not None else SQL()
        only_orders = SQL("AND op.commercial_partner_id IN (SELECT unnest(%s::int[]))", list(partner_ids)) \
            if partner_ids is not None else SQL()
        soon = SQL("AND candidate.clock_start + (candidate.days - candidate.warning_days - 1) * INTERVAL '1 day' "
                   "<= %s", until) \
            if until else SQL()
        owned = SQL(
            "p.is_dealer AND p.is_company AND p.active AND p.pool_id IS NULL AND p.user_id IS NOT NULL %s %s",
            only, SQL("AND %s", self._sql_may_be_due(until)) if until else SQL(),
        )
        return SQL(
            """
            WITH orders AS (
                SELECT op.commercial_partner_id AS partner_id,
                       MAX(o.date_order) FILTER (WHERE o.state = 'sale') AS last_order,
                       BOOL_OR(o.state IN ('draft', 'sent')
                               OR COALESCE(o.invoice_status, 'no') IN ('no', 'to invoice')) AS has_open
                  FROM sale_order o
                  JOIN res_partner op ON op.id = o.partner_id
                 WHERE o.state IN ('draft', 'sent', 'sale') %(only_orders)s
              GROUP BY op.commercial_partner_id
            ), candidate AS (
                SELECT p.id AS partner_id, p.user_id, p.company_id, p.dealer_importance AS importance,
                       pool.id AS pool_id, pool.warning_days, rule.id AS rule_id, rule.rule_type,
                       COALESCE(NULLIF(CASE p.dealer_importance WHEN '3' THEN rule.days_a WHEN '2' THEN rule.days_b
                                       WHEN '1' THEN rule.days_c ELSE rule.days_d END, 0), rule.days) AS days,
                       CASE rule.rule_type
                           WHEN 'no_followup' THEN GREATEST(COALESCE(p.dealer_owner_since, p.create_date),
                                                            p.last_followup_date)
                           WHEN 'no_order' THEN GREATEST(COALESCE(p.dealer_owner_since, p.create_date), o.last_order)
                           ELSE COALESCE(p.dealer_owner_since, p.create_date)
                       END AS clock_start,
                       p.dealer_protected_until
                  FROM res_partner p
                  JOIN dealer_pool_rule rule ON rule.active AND rule.pool_id = (%(scope)s::jsonb ->> %(scope_key)s)::int
                  JOIN dealer_pool pool ON pool.id = rule.pool_id
                  LEFT JOIN orders o ON o.partner_id = p.id
                 WHERE %(owned)s
                   AND NOT (rule.exempt_open_orders IS TRUE AND o.has_open IS TRUE)
                   AND NOT (rule.exempt_won IS TRUE AND o.last_order IS NOT NULL)
                   AND NOT (rule.exempt_agreement IS TRUE AND EXISTS (
                       SELECT 1 FROM dealer_agreement a WHERE a.partner_id = p.id AND a.state = 'active'))
                   AND NOT (rule.rule_type = 'never_won'
                            AND o.last_order >= COALESCE(p.dealer_owner_since, p.create_date) IS TRUE)
            ), dated AS (
                SELECT candidate.*, tz.tz,
                       GREATEST((candidate.clock_start AT TIME ZONE 'UTC' AT TIME ZONE tz.tz)::date + candidate.days,
                                (candidate.dealer_protected_until AT TIME ZONE 'UTC' AT TIME ZONE tz.tz)::date)
                           AS recycle_date
                  FROM candidate
                  JOIN res_users u ON u.id = candidate.user_id
                  JOIN res_partner owner ON owner.id = u.partner_id
                 CROSS JOIN LATERAL (SELECT COALESCE(NULLIF(owner.tz, ''), 'Asia/Shanghai') AS tz) tz
                 WHERE TRUE %(soon)s
            )
            SELECT DISTINCT ON (partner_id)
                   partner_id AS id, partner_id, user_id, pool_id, rule_id, rule_type, days, importance,
                   clock_start, recycle_date, company_id,
                   (recycle_date::timestamp AT TIME ZONE tz) AT TIME ZONE 'UTC' AS recycle_at,
                   ((recycle_date - warning_days)::timestamp AT TIME ZONE tz) AT TIME ZONE 'UTC' AS warning_at
              FROM dated
          ORDER BY partner_id, recycle_date, rule_id
            """,
            owned=owned, only_orders=only_orders, soon=soon,
            scope=json.dumps(self._scope_pools(owned)), scope_key=SCOPE_KEY,
        )

    @api.model
    def _scope_pools(self, owned):
        """The pool each combination of region, channel, type and company of
        the customers meeting ``owned`` goes to, by their SCOPE_KEY. A
        lookup in this small map rather than a join on four columns keeps
        the planner's row estimates, and its plan, right."""
        keys = [key for [key] in self.env.execute_query(SQL(
            "SELECT DISTINCT %s FROM res_partner p WHERE %s", SCOPE_KEY, owned,
        ))]
        if not keys:
            return {}
        pool_for = self.env["dealer.pool"]._sql_pool_for(*(
            SQL("NULLIF(split_part(scope.key, ',', %s)::int, 0)", position) for position in range(1, 5)
        ))
        return dict(self.env.execute_query(SQL(
            "SELECT scope.key, %s FROM unnest(%s::text[]) AS scope(key)", pool_for, keys,
        )))

    @api.model
    def _sql_may_be_due(self, until):
        """A condition on customers (``p``) that every customer warned or due
        by ``until`` meets, cheap to test on each row: its clocks are older
        than the shortest rule of each kind allows, less warning days and a
        day for the time zones. The joins then only see those customers."""
        leads = self.env.execute_query(SQL("""
            SELECT rule.rule_type,
                   MIN(LEAST(rule.days, NULLIF(rule.days_a, 0), NULLIF(rule.days_b, 0), NULLIF(rule.days_c, 0),
                             NULLIF(rule.days_d, 0)) - pool.warning_days)
              FROM dealer_pool_rule rule
              JOIN dealer_pool pool ON pool.id = rule.pool_id
             WHERE rule.active AND pool.active
          GROUP BY rule.rule_type
        """))
        owner_since = SQL("COALESCE(p.dealer_owner_since, p.create_date)")
        conditions = []
        for rule_type, lead in leads:
            cutoff = until - timedelta(days=lead - 1)
            conditions.append(SQL("(%s <= %s AND COALESCE(p.last_followup_date <= %s, TRUE))",
                                  owner_since, cutoff, cutoff) if rule_type == "no_followup"
                              else SQL("%s <= %s", owner_since, cutoff))
        return SQL("(%s)", SQL(" OR ").join(conditions)) if conditions else SQL("FALSE")

    @api.model
    def _rows(self, until=None, partner_ids=None):
        """The forecast rows (warned or due at ``until`` if given), as
        dictionaries with the owner's language."""
        self.env.cr.execute(SQL(
            "SELECT f.partner_id, f.user_id, f.pool_id, f.rule_id, f.rule_type, f.days, f.recycle_date, f.recycle_at, "
            "COALESCE(owner.lang, 'en_US') AS lang FROM (%s) f "
            "JOIN res_users u ON u.id = f.user_id JOIN res_partner owner ON owner.id = u.partner_id "
            "%s ORDER BY f.partner_id",
            self._forecast_query(partner_ids, until), SQL("WHERE f.warning_at <= %s", until) if until else SQL(),
        ))
        return self.env.cr.dictfetchall()
