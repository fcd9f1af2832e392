from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.dealer_crm.models.res_partner import DEALER_IMPORTANCE


class DealerVisitCoverage(models.Model):
    """Visit coverage (拜访覆盖率): one row per customer and week, and per
    customer and month, counted for whoever owned the customer at the end
    of the period (today, for the running one), on their local days.

    A customer is covered when it was visited within its frequency as of
    that day: its latest check-in is no older than its frequency, so that
    it is not overdue. Averaged, ``coverage`` is the share of the customers
    covered, in any grouping: salesperson, team, region, importance. A week
    row and a month row are two readings of the same customer: the filters
    keep to one kind at a time.

    A customer's past periods stay with the salesperson who had it then
    (from the ownership log): recycling a neglected customer into the pool
    does not improve its former owner's past coverage."""

    _name = "dealer.visit.coverage"
    _description = "Visit Coverage"
    _auto = False
    _order = "date desc, user_id, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "dealer.visit.span": ["partner_id", "date_from", "date_to"],
        "dealer.owner.log": ["partner_id", "from_user_id", "to_user_id", "date"],
        "res.partner": ["user_id", "dealer_importance", "dealer_visit_days", "dealer_team_id", "dealer_region_id",
                        "company_id", "is_dealer", "is_company", "active", "tz"],
    }

    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    region_id = fields.Many2one("dealer.region", string="Region", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    period = fields.Selection([("week", "Week"), ("month", "Month")], string="Period", readonly=True)
    date = fields.Date(string="Period Start", readonly=True)
    date_end = fields.Date(string="Period End", readonly=True)
    day = fields.Date(string="Counted On", readonly=True,
                      help="The period's last day, or today for the running period.")
    importance = fields.Selection(DEALER_IMPORTANCE, string="Importance", readonly=True)
    visit_days = fields.Integer(string="Visit Every (days)", readonly=True, aggregator=None)
    customer_count = fields.Integer(string="Customers", readonly=True)
    covered_count = fields.Integer(string="Visited in Time", readonly=True,
                                   help="Customers visited within their frequency.")
    overdue_count = fields.Integer(string="Overdue", readonly=True,
                                   help="Customers not visited within their frequency.")
    coverage = fields.Float(string="Coverage (%)", readonly=True, aggregator="avg", digits=(5, 1),
                            help="The share of the customers visited within their frequency.")

    @property
    def _table_query(self):
        return SQL("""
            WITH periods AS (
                SELECT 'week' AS period, start::date AS date_start, start::date + 6 AS date_end
                  FROM generate_series(date_trunc('week', %(first)s), now() + interval '1 day', interval '1 week') start
                UNION ALL
                SELECT 'month', start::date, (start + interval '1 month')::date - 1
                  FROM generate_series(date_trunc('month', %(first)s), now() + interval '1 day', interval '1 month') start
            ), zones AS MATERIALIZED (
                -- each user's time zone and local today, computed once a user
                SELECT owner.id AS user_id, COALESCE(zone.tz, 'Asia/Shanghai') AS tz,
                       (now() AT TIME ZONE COALESCE(zone.tz, 'Asia/Shanghai'))::date AS today
                  FROM res_users owner
                  JOIN res_partner zone ON zone.id = owner.partner_id
            ), owner_days AS (
                -- each user's reading of each period: the local day it is counted on
                SELECT zones.user_id, periods.period, periods.date_start, periods.date_end,
                       LEAST(periods.date_end, zones.today) AS day
                  FROM zones
                 CROSS JOIN periods
                 WHERE zones.today >= periods.date_start
            ), changes AS MATERIALIZED (
                SELECT partner_id, from_user_id, to_user_id, date,
                       LEAD(date) OVER changes AS next_date, ROW_NUMBER() OVER changes AS rank
                  FROM dealer_owner_log
                WINDOW changes AS (PARTITION BY partner_id ORDER BY date, id)
            ), ownership AS (
                -- who owned each customer when: from each logged change to the next, and before the
                -- first change its giver
                SELECT partner_id, to_user_id AS user_id, date AS date_from, next_date AS date_to
                  FROM changes WHERE to_user_id IS NOT NULL
                UNION ALL
                SELECT partner_id, from_user_id, NULL, date
                  FROM changes WHERE rank = 1 AND from_user_id IS NOT NULL
            ), owned AS (
                -- a customer with no change logged is its present owner's; nobody's before its creation
                SELECT CASE WHEN ownership.partner_id IS NULL THEN customer.user_id ELSE ownership.user_id END
                           AS user_id,
                       COALESCE(ownership.date_from, customer.create_date) AS date_from,
                       ownership.date_to, customer.id AS partner_id, customer.dealer_importance AS importance,
                       customer.dealer_visit_days AS visit_days, customer.dealer_team_id AS team_id,
                       customer.dealer_region_id AS region_id, customer.company_id,
                       COALESCE(visited.days, '{}'::datemultirange) AS visited_days
                  FROM res_partner customer
             LEFT JOIN ownership ON ownership.partner_id = customer.id
             LEFT JOIN (SELECT partner_id, range_agg(daterange(date_from, date_to, '[]')) AS days
                          FROM dealer_visit_span GROUP BY partner_id) visited ON visited.partner_id = customer.id
                 WHERE customer.is_dealer AND customer.is_company AND customer.active
            ), portfolios AS MATERIALIZED (
                -- each salesperson's customers as arrays, one row a salesperson: whatever plan the
                -- filters lead to, the periods meet a few hundred rows, never every customer; the
                -- ownership's ends as the salesperson's local days, converted once a customer
                SELECT owned.user_id, array_agg(owned.partner_id) AS partner_ids,
                       array_agg((owned.date_from AT TIME ZONE 'UTC' AT TIME ZONE zones.tz)::date) AS days_from,
                       array_agg((owned.date_to AT TIME ZONE 'UTC' AT TIME ZONE zones.tz)::date) AS days_to,
                       array_agg(importance) AS importances,
                       array_agg(visit_days) AS visit_days, array_agg(team_id) AS team_ids,
                       array_agg(region_id) AS region_ids, array_agg(company_id) AS company_ids,
                       array_agg(visited_days) AS visited_days
                  FROM owned
                  JOIN zones ON zones.user_id = owned.user_id
                 GROUP BY owned.user_id
            )
            SELECT owned.partner_id::bigint * 100000 + (owner_days.date_start - DATE '2000-01-01') * 2
                       + (owner_days.period = 'month')::integer AS id,
                   owner_days.period, owner_days.date_start AS date, owner_days.date_end, owner_days.day,
                   owner_days.user_id, owned.team_id, owned.partner_id, owned.region_id, owned.company_id,
                   owned.importance, owned.visit_days,
                   1 AS customer_count,
                   visit.covered::integer AS covered_count, (NOT visit.covered)::integer AS overdue_count,
                   CASE WHEN visit.covered THEN 100.0 ELSE 0.0 END AS coverage
              FROM owner_days
              JOIN portfolios ON portfolios.user_id = owner_days.user_id
             CROSS JOIN LATERAL unnest(portfolios.partner_ids, portfolios.days_from, portfolios.days_to,
                                       portfolios.importances, portfolios.visit_days, portfolios.team_ids,
                                       portfolios.region_ids, portfolios.company_ids, portfolios.visited_days)
                   AS owned(partner_id, day_from, day_to, importance, visit_days, team_id, region_id, company_id,
                            visited_days)
             CROSS JOIN LATERAL (SELECT owned.visited_days @> owner_days.day AS covered) visit
             WHERE (owned.day_from IS NULL OR owned.day_from <= owner_days.day)
               AND (owned.day_to IS NULL OR owned.day_to > owner_days.day)
        """, first=SQL(
            """LEAST((SELECT MIN(date) FROM dealer_owner_log), (SELECT MIN(checkin_time) FROM dealer_checkin),
                     now() AT TIME ZONE 'UTC')"""))
