from odoo import fields, models
from odoo.tools import SQL


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
    does not improve its former owner's past coverage. The periods over are
    read from ``dealer.visit.coverage.closed`` once the nightly job has kept
    them; the others are computed on each read."""

    _name = "dealer.visit.coverage"
    _inherit = "dealer.visit.coverage.row"
    _description = "Visit Coverage"
    _auto = False
    _order = "date desc, user_id, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "dealer.visit.span": ["partner_id", "date_from", "date_to"],
        "dealer.owner.log": ["partner_id", "from_user_id", "to_user_id", "date"],
        "dealer.visit.coverage.closed": ["period", "date", "partner_id", "covered"],
        "res.partner": ["user_id", "dealer_importance", "dealer_visit_days", "dealer_team_id", "dealer_region_id",
                        "company_id", "is_dealer", "is_company", "active", "tz"],
    }

    customer_count = fields.Integer(string="Customers", readonly=True)
    covered_count = fields.Integer(string="Visited in Time", readonly=True,
                                   help="Customers visited within their frequency.")
    overdue_count = fields.Integer(string="Overdue", readonly=True,
                                   help="Customers not visited within their frequency.")
    coverage = fields.Float(string="Coverage (%)", readonly=True, aggregator="avg", digits=(5, 1),
                            help="The share of the customers visited within their frequency.")

    @property
    def _table_query(self):
        columns = SQL(", ").join(SQL.identifier(name) for name in self._row_columns())
        return SQL(
            """
            SELECT reading.partner_id::bigint * 100000 + (reading.date - DATE '2000-01-01') * 2
                       + (reading.period = 'month')::integer AS id,
                   %(columns)s, 1 AS customer_count,
                   reading.covered::integer AS covered_count, (NOT reading.covered)::integer AS overdue_count,
                   CASE WHEN reading.covered THEN 100.0 ELSE 0.0 END AS coverage
              FROM (SELECT %(columns)s FROM dealer_visit_coverage_closed
                    UNION ALL
                    (%(live)s)) reading
            """,
            columns=columns, live=self._live_rows(),
        )

    def _row_columns(self):
        """The columns of a row, as the closed periods keep them."""
        return ["period", "date", "date_end", "day", "user_id", "team_id", "partner_id", "region_id", "company_id",
                "importance", "visit_days", "covered"]

    def _first_moment(self):
        """The earliest moment the report has periods from: the first
        ownership change or check-in, else now (UTC)."""
        return SQL("""LEAST((SELECT MIN(date) FROM dealer_owner_log), (SELECT MIN(checkin_time) FROM dealer_checkin),
                            now() AT TIME ZONE 'UTC')""")

    def _live_rows(self):
        """The rows of the periods not kept yet in the closed periods,
        computed from the customers, the ownership log and the visited
        spans, in the columns of ``_row_columns``."""
        return SQL("""
            WITH kept AS MATERIALIZED (
                -- the last day of the latest period kept, per kind
                SELECT kind.period, COALESCE((SELECT closed.date_end FROM dealer_visit_coverage_closed closed
                                               WHERE closed.period = kind.period
                                            ORDER BY closed.date DESC LIMIT 1), DATE '0001-01-01') AS date_end
                  FROM (VALUES ('week'), ('month')) kind(period)
            ), periods AS (
                -- varchar, as kept: a filter on the period reaches both sides of the union
                SELECT 'week'::varchar AS period, start::date AS date_start, start::date + 6 AS date_end
                  FROM generate_series(date_trunc('week', %(first)s), now() + interval '1 day', interval '1 week') start
                 WHERE start::date + 6 > (SELECT date_end FROM kept WHERE period = 'week')
                UNION ALL
                SELECT 'month'::varchar, start::date, (start + interval '1 month')::date - 1
                  FROM generate_series(date_trunc('month', %(first)s), now() + interval '1 day', interval '1 month') start
                 WHERE (start + interval '1 month')::date - 1 > (SELECT date_end FROM kept WHERE period = 'month')
            ), zones AS MATERIALIZED (
                -- each user's time zone and local today, computed once a user
                SELECT owner.id AS user_id, COALESCE(zone.tz, 'Asia/Shanghai') AS tz,
                       (now() AT TIME ZONE COALESCE(zone.tz, 'Asia/Shanghai'))::date AS today
                  FROM res_users owner
                  JOIN res_partner zone ON zone.id = owner.partner_id
            ), owner_days AS MATERIALIZED (
                -- each user's reading of each period: the local day it is counted on, and the moment
                -- (UTC) that day ends, computed once a user and period
                SELECT user_id, period, date_start, date_end, day,
                       ((day + 1)::timestamp AT TIME ZONE tz) AT TIME ZONE 'UTC' AS day_end
                  FROM (SELECT zones.user_id, zones.tz, periods.period, periods.date_start, periods.date_end,
                               LEAST(periods.date_end, zones.today) AS day
                          FROM zones
                         CROSS JOIN periods
                         WHERE zones.today >= periods.date_start) counted
            ), moved AS MATERIALIZED (
                -- the customers whose owner changed since a day before the first period not kept (a
                -- day: any time zone's midnight): the others have had their present owner throughout
                SELECT DISTINCT partner_id
                  FROM dealer_owner_log
                 WHERE date >= (SELECT MIN(date_end) FROM kept)::timestamp
            ), changes AS MATERIALIZED (
                SELECT partner_id, from_user_id, to_user_id, date,
                       LEAD(date) OVER changes AS next_date, ROW_NUMBER() OVER changes AS rank
                  FROM dealer_owner_log
                 WHERE partner_id IN (SELECT partner_id FROM moved)
                WINDOW changes AS (PARTITION BY partner_id ORDER BY date, id)
            ), ownership AS (
                -- who owned each of them when: from each logged change to the next, and before the
                -- first change its giver
                SELECT partner_id, to_user_id AS user_id, date AS date_from, next_date AS date_to
                  FROM changes WHERE to_user_id IS NOT NULL
                UNION ALL
                SELECT partner_id, from_user_id, NULL, date
                  FROM changes WHERE rank = 1 AND from_user_id IS NOT NULL
            ), owned AS (
                -- the others are their present owner's, nobody's before their creation
                SELECT customer.user_id, customer.create_date AS date_from, NULL::timestamp AS date_to,
                       customer.id AS partner_id, customer.dealer_importance AS importance,
                       customer.dealer_visit_days AS visit_days, customer.dealer_team_id AS team_id,
                       customer.dealer_region_id AS region_id, customer.company_id
                  FROM res_partner customer
                 WHERE customer.is_dealer AND customer.is_company AND customer.active
                   AND customer.id NOT IN (SELECT partner_id FROM moved)
                UNION ALL
                SELECT ownership.user_id, COALESCE(ownership.date_from, customer.create_date),
                       ownership.date_to, customer.id, customer.dealer_importance, customer.dealer_visit_days,
                       customer.dealer_team_id, customer.dealer_region_id, customer.company_id
                  FROM ownership
                  JOIN res_partner customer ON customer.id = ownership.partner_id
                 WHERE customer.is_dealer AND customer.is_company AND customer.active
            ), spans AS MATERIALIZED (
                -- the visited spans that reach the periods not kept (joined by hash, not looked up
                -- once a row)
                SELECT partner_id, date_from, date_to
                  FROM dealer_visit_span
                 WHERE date_to > (SELECT MIN(date_end) FROM kept)
            )
            -- owned on a local day: from before its end, to after it (a customer's spans never
            -- overlap: one at most holds the day)
            SELECT owner_days.period, owner_days.date_start AS date, owner_days.date_end, owner_days.day,
                   owner_days.user_id, owned.team_id, owned.partner_id, owned.region_id, owned.company_id,
                   owned.importance, owned.visit_days, span.partner_id IS NOT NULL AS covered
              FROM owned
              JOIN owner_days ON owner_days.user_id = owned.user_id
                             AND owned.date_from < owner_days.day_end
                             AND (owned.date_to IS NULL OR owned.date_to >= owner_days.day_end)
         LEFT JOIN spans span ON span.partner_id = owned.partner_id
                             AND owner_days.day BETWEEN span.date_from AND span.date_to
        """, first=self._first_moment())
