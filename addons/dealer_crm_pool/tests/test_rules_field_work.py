"""The public pool's rules on field work, tried from the attacker's side."""
import base64

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.common import shanghai_now
from odoo.addons.dealer_crm_field.tests.common import make_photo

from .common import DealerPoolCommon
from .test_rules_pool import PoolHiddenDetailsCommon


@tagged("post_install", "-at_install")
class TestPoolHiddenAttendees(PoolHiddenDetailsCommon):

    def test_attendees_hide_details(self):
        """An event's attendees read as superuser carry no hidden email or phone."""
        event = self.env["calendar.event"].create({
            "name": "拜访", "start": "2026-12-02 02:00:00", "stop": "2026-12-02 03:00:00",
            "partner_ids": [Command.set(self.contact_b.ids)],
        })
        attendees = self.env["calendar.attendee"].with_user(self.user_salesperson).search_read(
            [("event_id", "=", event.id)], ["email", "phone"])
        self.assertEqual(attendees, [{"id": attendees[0]["id"], "email": False, "phone": False}])


@tagged("post_install", "-at_install")
class TestPoolCheckinRules(DealerPoolCommon):
    """A check-in is made at a customer the user works, for the user's own
    calendar event; a pool customer is not pinned by a visitor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls._create_east_pool()
        cls.customer_b.with_user(cls.user_salesperson_b).action_pool_release(cls.pool.id, "不再跟进")

    def _check_in(self, user, customer, **values):
        return self.env["dealer.checkin"].with_user(user).create({
            "partner_id": customer.id, "latitude": 39.9, "longitude": 116.4, "accuracy": 5.0,
            "photo_ids": [Command.create({"name": "门头.jpg", "image": base64.b64encode(make_photo(taken=shanghai_now()))})],
            **values,
        })

    def test_outsider_neither_checks_in_nor_pins(self):
        count = self.env["dealer.checkin"].search_count([])
        with self.assertRaises(AccessError):
            self._check_in(self.user_salesperson_other_team, self.customer_b)
        self.assertEqual(self.env["dealer.checkin"].search_count([]), count)
        member_visit = self._check_in(self.user_salesperson, self.customer_b)
        self.assertFalse(member_visit.pinned_customer)
        self.assertFalse(self.customer_b.partner_latitude, "a pool customer is not pinned by a visitor")

    def test_check_in_for_own_events_only(self):
        event = self.env["calendar.event"].create({
            "name": "经理的拜访", "start": "2026-12-02 02:00:00", "stop": "2026-12-02 03:00:00",
            "user_id": self.user_manager.id, "partner_ids": [Command.set(self.user_manager.partner_id.ids)],
        })
        state = event.dealer_state
        with self.assertRaises(AccessError):
            self._check_in(self.user_salesperson, self.customer_a, event_id=event.id)
        self.assertEqual(event.dealer_state, state)


@tagged("post_install", "-at_install")
class TestPoolFollowupRules(DealerPoolCommon):
    """A pool's customers are followed up by the pool's members only."""

    def test_members_follow_up_pool_customers(self):
        pool = self._create_east_pool()
        released = self._create_customer("苏州宏达五金店", self.user_salesperson, region=self.region_shanghai)
        released.action_pool_release(pool.id, "客户暂无需求")
        self.assertEqual((released.user_id, released.pool_id), (self.env["res.users"], pool))
        Followup = self.env["dealer.followup"]
        member = Followup.with_user(self.user_salesperson_b).create({"partner_id": released.id, "content": "电话回访"})
        self.assertEqual(member.partner_id, released, "a member of the pool")
        before = Followup.sudo().search([("partner_id", "=", released.id)])
        with self.assertRaises(AccessError):
            Followup.with_user(self.user_salesperson_other_team).create({"partner_id": released.id, "content": "电话回访"})
        self.assertEqual(Followup.sudo().search([("partner_id", "=", released.id)]), before)
        self.assertEqual(released.last_followup_date, member.date)
