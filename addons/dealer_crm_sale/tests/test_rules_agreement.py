from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .test_agreement import TestDealerAgreementCommon

AGREEMENT_FIELDS = [
    "state", "termination_reason", "expiry_reminded", "previous_agreement_id", "credit_limit", "partner_id", "note",
]


class TestDealerAgreementRulesCommon(TestDealerAgreementCommon):

    def _row(self, agreement):
        """The agreement as stored, read again as superuser."""
        self.env.invalidate_all()
        return agreement.sudo().read(AGREEMENT_FIELDS)[0]

    def _lines(self, agreement):
        """Its tiers and clauses as stored."""
        self.env.invalidate_all()
        agreement = agreement.sudo()
        return (agreement.rebate_tier_ids.read(["threshold", "rate", "agreement_id"]),
                agreement.clause_ids.read(["title", "body", "agreement_id"]))


class TestDealerAgreementRules(TestDealerAgreementRulesCommon):
    """Agreements: their status and history are written by their actions."""

    def test_salesperson_cannot_reopen_an_approved_agreement(self):
        agreement = self._activate(self._agreement(credit_limit=1000))
        before = self._row(agreement)
        mine = agreement.with_user(self.user_salesperson)
        for state in ("draft", "submitted", "expired"):
            with self.subTest(state=state), self.assertRaises(AccessError) as caught:
                mine.write({"state": state})
            self.assertIn("through its buttons", str(caught.exception))
        with self.assertRaises(AccessError):
            mine.write({"state": "draft", "credit_limit": 1000000})
        with self.assertRaises(UserError):
            mine.write({"credit_limit": 1000000})
        self.assertEqual(self._row(agreement), before)

    def test_salesperson_cannot_submit_by_writing_the_state(self):
        agreement = self._agreement(template_id=False)
        before = self._row(agreement)
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_salesperson).write({"state": "submitted"})
        self.assertEqual(self._row(agreement), before)
        self.assertFalse(agreement.sudo().activity_ids, "no approval asked of the team leader")

    def test_governed_fields_are_refused_to_every_group(self):
        previous = self._activate(self._agreement(date_start="2025-01-01", date_end="2025-12-31"))
        agreement = self._activate(self._agreement())
        before = self._row(agreement)
        attempts = [
            {"state": "terminated"}, {"termination_reason": "违约"}, {"expiry_reminded": True},
            {"previous_agreement_id": previous.id},
        ]
        for user in (self.user_salesperson, self.user_manager, self.user_admin):
            for vals in attempts:
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    agreement.with_user(user).write(vals)
        self.assertEqual(self._row(agreement), before)

    def test_a_new_agreement_starts_as_a_draft(self):
        previous = self._activate(self._agreement(date_start="2025-01-01", date_end="2025-12-31"))
        Agreement = self.env["dealer.agreement"]
        count = Agreement.sudo().search_count([])
        for values in ({"state": "active"}, {"state": "approved"}, {"previous_agreement_id": previous.id},
                       {"termination_reason": "x"}, {"expiry_reminded": True}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                self._agreement(user=self.user_manager, **values)
        with self.assertRaises(AccessError):
            Agreement.with_user(self.user_salesperson).with_context(default_state="active").create({
                "partner_id": self.customer_a.id, "date_start": "2027-01-01", "date_end": "2027-12-31",
            })
        self.assertEqual(Agreement.sudo().search_count([]), count, "nothing created")
        draft = self._agreement(state="draft")
        self.assertEqual(draft.state, "draft")

    def test_the_actions_keep_working(self):
        agreement = self._agreement()
        with freeze_time("2026-02-01 02:00:00"):
            agreement.with_user(self.user_salesperson).action_submit()
            self.assertEqual(agreement.activity_ids.user_id, self.user_manager)
            agreement.with_user(self.user_manager).action_return_to_draft()
            agreement.with_user(self.user_salesperson).write({"credit_limit": 2000})
            agreement.with_user(self.user_salesperson).action_submit()
            agreement.with_user(self.user_manager).action_approve()
        self.assertEqual(self._row(agreement)["state"], "active")
        renewal = self.env["dealer.agreement"].browse(
            agreement.with_user(self.user_salesperson).action_renew()["res_id"])
        self.assertEqual((renewal.state, renewal.previous_agreement_id, renewal.credit_limit),
                         ("draft", agreement, 2000))
        agreement.with_user(self.user_manager).action_terminate("经销商违约")
        row = self._row(agreement)
        self.assertEqual((row["state"], row["termination_reason"]), ("terminated", "经销商违约"))

    def test_only_the_owner_or_a_manager_drafts_and_changes_agreements(self):
        with self.assertRaises(AccessError):
            self._agreement(customer=self.customer_b, user=self.user_salesperson)
        self.assertFalse(self.env["dealer.agreement"].sudo().search([("partner_id", "=", self.customer_b.id)]))
        agreement = self._agreement()
        before = self._row(agreement)
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_salesperson).write({"partner_id": self.customer_b.id})
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_salesperson_b).write({"note": "<p>改</p>"})
        self.assertEqual(self._row(agreement), before)
        agreement.with_user(self.user_manager).write({"note": "<p>经理备注</p>"})
        self.assertIn("经理备注", self._row(agreement)["note"])

    def test_back_office_reads_agreements_and_writes_none(self):
        agreement = self._agreement()
        Agreement = self.env["dealer.agreement"].with_user(self.user_back_office)
        self.assertEqual(Agreement.search([("id", "=", agreement.id)]), agreement)
        before = self._row(agreement)
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_back_office).write({"credit_limit": 5})
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_back_office).action_submit()
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_back_office).unlink()
        with self.assertRaises(AccessError):
            Agreement.create({"partner_id": self.customer_a.id, "date_start": "2026-01-01", "date_end": "2026-12-31"})
        self.assertEqual(self._row(agreement), before)

    def test_back_office_clerk_who_also_sells(self):
        self.user_back_office.group_ids += self.env.ref("dealer_crm.group_dealer_salesperson")
        agreement = self._agreement()
        before = self._row(agreement)
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_back_office).write({"credit_limit": 5})
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_back_office).action_submit()
        self.assertEqual(self._row(agreement), before)


class TestDealerAgreementTermRules(TestDealerAgreementRulesCommon):
    """Rebate tiers and clauses follow their agreement: read under its
    rules, changed on a draft by its owner or a manager only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Tier = cls.env["dealer.agreement.rebate.tier"]
        cls.Clause = cls.env["dealer.agreement.clause"]

    def _tier_and_clause(self, agreement):
        return agreement.rebate_tier_ids[:1], agreement.clause_ids[:1]

    def test_another_salespersons_active_agreement_is_out_of_reach(self):
        other = self._activate(self._agreement(
            customer=self.customer_b, user=self.user_salesperson_b,
            rebate_tier_ids=[Command.create({"threshold": 1000, "rate": 2})],
        ))
        tier, clause = self._tier_and_clause(other)
        before, rate = self._lines(other), other.sudo().rebate_rate
        for Model, line, values in ((self.Tier, tier, {"threshold": 0, "rate": 100}),
                                    (self.Clause, clause, {"title": "返利", "body": "全额返利"})):
            Lines = Model.with_user(self.user_salesperson)
            with self.subTest(model=Model._name):
                self.assertFalse(Lines.search([("agreement_id", "=", other.id)]), "not readable")
                with self.assertRaises(AccessError):
                    line.with_user(self.user_salesperson).read(list(values))
                with self.assertRaises(AccessError):
                    Lines.create({"agreement_id": other.id, **values})
                with self.assertRaises(AccessError):
                    line.with_user(self.user_salesperson).write(values)
                with self.assertRaises(AccessError):
                    line.with_user(self.user_salesperson).unlink()
        self.assertEqual(self._lines(other), before)
        self.env.invalidate_all()
        self.assertEqual(other.sudo().rebate_rate, rate)

    def test_owner_edits_the_terms_of_his_draft(self):
        agreement = self._agreement()
        tier = self.Tier.with_user(self.user_salesperson).create(
            {"agreement_id": agreement.id, "threshold": 500, "rate": 1})
        tier.write({"rate": 1.5})
        clause = self.Clause.with_user(self.user_salesperson).create(
            {"agreement_id": agreement.id, "title": "售后", "body": "三包"})
        clause.write({"body": "一年三包"})
        self.assertEqual(self.Tier.with_user(self.user_salesperson).search([("agreement_id", "=", agreement.id)]),
                         tier)
        tier.unlink()
        clause.unlink()
        self.assertFalse(self._lines(agreement)[0])
        self.assertEqual([row["title"] for row in self._lines(agreement)[1]], ["授权范围", "价格体系"])

    def test_submitted_terms_are_the_managers_and_approved_ones_nobodys(self):
        agreement = self._agreement(rebate_tier_ids=[Command.create({"threshold": 1000, "rate": 2})])
        agreement.with_user(self.user_salesperson).action_submit()
        tier, clause = self._tier_and_clause(agreement)
        before = self._lines(agreement)
        with self.assertRaises(UserError):
            tier.with_user(self.user_salesperson).write({"rate": 50})
        with self.assertRaises(UserError):
            self.Clause.with_user(self.user_salesperson).create(
                {"agreement_id": agreement.id, "title": "追加", "body": "追加条款"})
        with self.assertRaises(UserError):
            clause.with_user(self.user_salesperson).unlink()
        self.assertEqual(self._lines(agreement), before)
        tier.with_user(self.user_manager).write({"rate": 3})
        self.assertEqual(self._lines(agreement)[0][0]["rate"], 3)
        agreement.with_user(self.user_manager).action_approve()
        before = self._lines(agreement)
        for user in (self.user_salesperson, self.user_manager, self.user_admin):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    tier.with_user(user).write({"rate": 100})
                with self.assertRaises(UserError):
                    self.Tier.with_user(user).create({"agreement_id": agreement.id, "threshold": 0, "rate": 100})
                with self.assertRaises(UserError):
                    clause.with_user(user).unlink()
        self.assertEqual(self._lines(agreement), before)

    def test_a_term_cannot_move_to_another_agreement(self):
        draft = self._agreement()
        other_draft = self._agreement(agreement_type="agent")
        others = self._agreement(customer=self.customer_b, user=self.user_salesperson_b)
        clause = draft.clause_ids[:1]
        before = self._lines(draft)
        for target in (other_draft, others):
            for user in (self.user_salesperson, self.user_manager):
                with self.subTest(target=target.name, user=user.login), self.assertRaises(UserError):
                    clause.with_user(user).write({"agreement_id": target.id})
        self.assertEqual(self._lines(draft), before)

    def test_manager_terms_within_his_scope(self):
        in_scope = self._agreement(customer=self.customer_b, user=self.user_salesperson_b)
        outside = self._agreement(customer=self.customer_other_team, user=self.user_salesperson_other_team)
        Tier = self.Tier.with_user(self.user_manager)
        tier = Tier.create({"agreement_id": in_scope.id, "threshold": 0, "rate": 1})
        self.assertEqual(Tier.search([("agreement_id", "in", (in_scope | outside).ids)]), tier)
        before = self._lines(outside)
        with self.assertRaises(AccessError):
            Tier.create({"agreement_id": outside.id, "threshold": 0, "rate": 100})
        with self.assertRaises(AccessError):
            outside.clause_ids[:1].with_user(self.user_manager).write({"body": "改"})
        self.assertEqual(self._lines(outside), before)

    def test_back_office_reads_terms_and_changes_none(self):
        agreement = self._agreement(rebate_tier_ids=[Command.create({"threshold": 1000, "rate": 2})])
        tier, clause = self._tier_and_clause(agreement)
        self.assertEqual(self.Tier.with_user(self.user_back_office).search([("agreement_id", "=", agreement.id)]), tier)
        self.assertEqual(clause.with_user(self.user_back_office).read(["title"])[0]["title"], "授权范围")
        before = self._lines(agreement)
        with self.assertRaises(AccessError):
            tier.with_user(self.user_back_office).write({"rate": 100})
        with self.assertRaises(AccessError):
            self.Tier.with_user(self.user_back_office).create({"agreement_id": agreement.id, "threshold": 0, "rate": 9})
        with self.assertRaises(AccessError):
            clause.with_user(self.user_back_office).unlink()
        self.user_back_office.group_ids += self.env.ref("dealer_crm.group_dealer_salesperson")
        with self.assertRaises(AccessError):
            tier.with_user(self.user_back_office).write({"rate": 100})
        self.assertEqual(self._lines(agreement), before)

    def test_admin_changes_any_draft(self):
        agreement = self._agreement(customer=self.customer_other_team, user=self.user_salesperson_other_team)
        tier = self.Tier.with_user(self.user_admin).create({"agreement_id": agreement.id, "threshold": 10, "rate": 1})
        self.assertEqual(self._lines(agreement)[0][0]["rate"], 1)
        tier.with_user(self.user_admin).unlink()
        self.assertFalse(self._lines(agreement)[0])
