from odoo import Command

from odoo.addons.dealer_crm.tests.test_rules_values import INF, NAN, RulesValuesMixin

from .common import DealerSalesCommon


class TestSaleRulesValues(RulesValuesMixin, DealerSalesCommon):
    """An agreement's numbers and dates are refused, with the field named,
    when they are not numbers or dates."""

    def test_rebate_tier_numbers(self):
        agreement = self.env["dealer.agreement"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_a.id, "agreement_type": "dealer",
            "date_start": "2026-01-01", "date_end": "2026-12-31",
        })
        rate, threshold = (self._label("dealer.agreement.rebate.tier", name) for name in ("rate", "threshold"))
        tiers = self.env["dealer.agreement.rebate.tier"].with_user(self.user_salesperson)
        for values, label in [
            ({"threshold": 1000, "rate": NAN}, rate),
            ({"threshold": 1000, "rate": INF}, rate),
            ({"threshold": 1000, "rate": 150}, rate),
            ({"threshold": 1000, "rate": -1}, rate),
            ({"threshold": NAN, "rate": 2}, threshold),
            ({"threshold": -INF, "rate": 2}, threshold),
            ({"threshold": 1e16, "rate": 2}, threshold),
        ]:
            with self.subTest(values=values):
                self._assert_refused("dealer.agreement.rebate.tier",
                                     lambda: tiers.create({"agreement_id": agreement.id, **values}), [label])
                self._assert_refused(
                    "dealer.agreement.rebate.tier",
                    lambda: agreement.with_user(self.user_salesperson).write(
                        {"rebate_tier_ids": [Command.create(values)]}),
                    [label],
                )
        money = self._label("dealer.agreement", "credit_limit")
        self._assert_refused("dealer.agreement",
                             lambda: agreement.with_user(self.user_salesperson).write({"credit_limit": NAN}), [money])

    def test_dates_must_parse(self):
        agreement = self.env["dealer.agreement"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_a.id, "agreement_type": "dealer",
            "date_start": "2026-01-01", "date_end": "2026-12-31",
        })
        as_salesperson = agreement.with_user(self.user_salesperson)
        for value in ("not-a-date", "2026-02-30", "31/12/2026", 20260101, ["2026-01-01"]):
            with self.subTest(value=value):
                self._assert_refused("dealer.agreement", lambda: as_salesperson.write({"date_start": value}),
                                     [self._label("dealer.agreement", "date_start"), str(value)[:10]])
        self._assert_refused(
            "dealer.agreement",
            lambda: self.env["dealer.agreement"].with_user(self.user_salesperson).create({
                "partner_id": self.customer_a.id, "agreement_type": "dealer",
                "date_start": "2026-01-01", "date_end": "not-a-date",
            }),
            [self._label("dealer.agreement", "date_end")],
        )
        as_salesperson.write({"date_end": "2027-06-30"})
        self.assertEqual(str(agreement.date_end), "2027-06-30", "a real date still goes through")
