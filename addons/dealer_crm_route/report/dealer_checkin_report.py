from odoo import fields, models
from odoo.tools import SQL


class DealerCheckinReport(models.Model):
    """The check-in report with each check-in's trust: averaged, a
    salesperson's trust score over any period; summed, their suspicious visits."""

    _inherit = "dealer.checkin.report"
    _depends = {
        "dealer.checkin": ["trust_score", "is_suspicious", "flag_impossible_travel", "flag_reused_photo",
                           "flag_suspicious_position", "flag_left_at_once"],
    }

    trust_score = fields.Float(string="Trust Score", readonly=True, aggregator="avg", digits=(5, 1))
    suspicious_count = fields.Integer(string="Suspicious", readonly=True)
    impossible_travel_count = fields.Integer(string="Impossible Travel", readonly=True)
    reused_photo_count = fields.Integer(string="Photo Reused", readonly=True)
    suspicious_position_count = fields.Integer(string="Suspicious Position", readonly=True)
    left_at_once_count = fields.Integer(string="Left at Once", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """SELECT report.*,
                      trust.trust_score::numeric AS trust_score,
                      COALESCE(trust.is_suspicious::integer, 0) AS suspicious_count,
                      COALESCE(trust.flag_impossible_travel::integer, 0) AS impossible_travel_count,
                      COALESCE(trust.flag_reused_photo::integer, 0) AS reused_photo_count,
                      COALESCE(trust.flag_suspicious_position::integer, 0) AS suspicious_position_count,
                      COALESCE(trust.flag_left_at_once::integer, 0) AS left_at_once_count
                 FROM (%s) report
            LEFT JOIN dealer_checkin trust ON report.kind = 'checkin' AND trust.id = report.checkin_id""",
            super()._table_query,
        )
