from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon

FOLLOWUP_FIELDS = ["user_id", "partner_id", "content", "next_date", "next_activity_id"]


class TestDealerFollowupRules(DealerCrmCommon):
    """Follow-ups are logged by the caller, on customers the caller works."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Followup = cls.env["dealer.followup"]
        cls.activity_type = cls.env.ref("dealer_crm_field.mail_activity_type_dealer_followup")

    def _log(self, user, customer, **values):
        return self.Followup.with_user(user).create({
            "partner_id": customer.id, "content": "电话回访，客户询问新品价格", **values,
        })

    def _row(self, followup):
        self.env.invalidate_all()
        return followup.sudo().read(FOLLOWUP_FIELDS)[0]

    def _state_of(self, customer):
        """What a follow-up on ``customer`` would change: its follow-ups,
        next follow-up date and follow-up activities."""
        self.env.invalidate_all()
        customer = customer.sudo()
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", "res.partner"), ("res_id", "=", customer.id),
            ("activity_type_id", "=", self.activity_type.id),
        ])
        return (self.Followup.sudo().search([("partner_id", "=", customer.id)]).ids,
                customer.next_followup_date, customer.last_followup_date, activities.ids)

    def test_salesperson_logs_in_his_own_name_only(self):
        before = self._state_of(self.customer_a)
        with self.assertRaises(AccessError) as caught:
            self._log(self.user_salesperson, self.customer_a, user_id=self.user_salesperson_b.id)
        self.assertIn("own name", str(caught.exception))
        with self.assertRaises(AccessError):
            self.Followup.with_user(self.user_salesperson).with_context(
                default_user_id=self.user_salesperson_b.id).create(
                {"partner_id": self.customer_a.id, "content": "代同事记录"})
        self.assertEqual(self._state_of(self.customer_a), before, "nothing created")
        followup = self._log(self.user_salesperson, self.customer_a)
        self.assertEqual(followup.user_id, self.user_salesperson)

    def test_salesperson_cannot_change_the_author(self):
        followup = self._log(self.user_salesperson, self.customer_a)
        before = self._row(followup)
        with self.assertRaises(AccessError):
            followup.with_user(self.user_salesperson).write({"user_id": self.user_salesperson_b.id})
        with self.assertRaises(AccessError):
            followup.with_user(self.user_salesperson).write({"user_id": self.user_manager.id, "content": "改"})
        self.assertEqual(self._row(followup), before)
        followup.with_user(self.user_salesperson).write({"user_id": self.user_salesperson.id, "content": "补充"})
        self.assertEqual(self._row(followup)["content"], "补充")

    def test_salesperson_cannot_follow_up_another_salespersons_customer(self):
        before = self._state_of(self.customer_b)
        next_date = fields.Datetime.now() + timedelta(days=2)
        for customer in (self.customer_b, self.contact_b, self.customer_other_team):
            with self.subTest(customer=customer.name), self.assertRaises(AccessError) as caught:
                self._log(self.user_salesperson, customer, next_date=next_date)
            self.assertIn("not yours to follow up", str(caught.exception))
        self.assertEqual(self._state_of(self.customer_b), before)
        self.assertFalse(self.env["mail.activity"].sudo().search([
            ("user_id", "=", self.user_salesperson_b.id), ("activity_type_id", "=", self.activity_type.id),
        ]), "no activity given to the other salesperson")
        followup = self._log(self.user_salesperson, self.customer_a)
        before_row = self._row(followup)
        with self.assertRaises(AccessError):
            followup.with_user(self.user_salesperson).write({"partner_id": self.customer_b.id, "next_date": next_date})
        self.assertEqual(self._row(followup), before_row)
        self.assertEqual(self._state_of(self.customer_b), before)

    def test_unowned_customers(self):
        self.assertTrue(self._log(self.user_salesperson, self.customer_north_unowned))
        self.assertTrue(self._log(self.user_salesperson_other_team, self.customer_north_unowned))

    def test_manager_logs_for_his_team_and_in_his_scope(self):
        for_member = self._log(self.user_manager, self.customer_b, user_id=self.user_salesperson_b.id)
        self.assertEqual(for_member.user_id, self.user_salesperson_b)
        for_owner = self._log(self.user_manager, self.customer_east_other_team,
                              user_id=self.user_salesperson_other_team.id)
        self.assertEqual(for_owner.user_id, self.user_salesperson_other_team, "the owner of a customer of his region")
        before = self._state_of(self.customer_other_team)
        with self.assertRaises(AccessError):
            self._log(self.user_manager, self.customer_other_team)
        with self.assertRaises(AccessError):
            self._log(self.user_manager, self.customer_other_team, user_id=self.user_salesperson_other_team.id)
        self.assertEqual(self._state_of(self.customer_other_team), before)
        before = self._state_of(self.customer_a)
        with self.assertRaises(AccessError):
            self._log(self.user_manager, self.customer_a, user_id=self.user_salesperson_other_team.id)
        self.assertEqual(self._state_of(self.customer_a), before)
        for_member.with_user(self.user_manager).write({"user_id": self.user_salesperson.id})
        self.assertEqual(self._row(for_member)["user_id"][0], self.user_salesperson.id)

    def test_admin_logs_on_any_customer(self):
        followup = self._log(self.user_admin, self.customer_other_team, user_id=self.user_salesperson_other_team.id)
        self.assertEqual((followup.partner_id, followup.user_id),
                         (self.customer_other_team, self.user_salesperson_other_team))

    def test_back_office_reads_follow_ups_and_writes_none(self):
        followup = self._log(self.user_salesperson, self.customer_a)
        self.assertEqual(self.Followup.with_user(self.user_back_office).search([("id", "=", followup.id)]), followup)
        before, row = self._state_of(self.customer_a), self._row(followup)
        with self.assertRaises(AccessError):
            self._log(self.user_back_office, self.customer_a)
        with self.assertRaises(AccessError):
            followup.with_user(self.user_back_office).write({"content": "内勤修改"})
        with self.assertRaises(AccessError):
            followup.with_user(self.user_back_office).unlink()
        self.user_back_office.group_ids += self.env.ref("dealer_crm.group_dealer_salesperson")
        with self.assertRaises(AccessError):
            followup.with_user(self.user_back_office).write({"content": "内勤修改"})
        with self.assertRaises(AccessError):
            self._log(self.user_back_office, self.customer_b)
        self.assertEqual((self._state_of(self.customer_a), self._row(followup)), (before, row))

    def test_scheduled_activity_is_not_pointed_elsewhere(self):
        """Rescheduling unlinks the follow-up's own activity and event as
        superuser: pointed at another's, it would delete that one."""
        other = self._log(self.user_salesperson_b, self.customer_b, next_date="2099-01-01 01:00:00")
        activity = other.next_activity_id
        self.assertTrue(activity)
        followup = self._log(self.user_salesperson, self.customer_a)
        with self.assertRaises(AccessError):
            followup.with_user(self.user_salesperson).write({"next_activity_id": activity.id})
        with self.assertRaises(AccessError):
            self._log(self.user_salesperson, self.customer_a, next_activity_id=activity.id)
        self.assertTrue(activity.exists())
        self.assertEqual(other.next_activity_id, activity)
