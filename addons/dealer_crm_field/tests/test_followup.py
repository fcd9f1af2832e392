import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon


class TestDealerFollowup(DealerCrmCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Followup = cls.env["dealer.followup"].with_context(tracking_disable=False)
        cls.activity_type = cls.env.ref("dealer_crm_field.mail_activity_type_dealer_followup")

    def _log(self, user=None, **values):
        return self.Followup.with_user(user or self.user_salesperson).create({
            "partner_id": self.customer_a.id,
            "content": "介绍了新款电动工具，客户有兴趣",
            **values,
        })

    def _followup_activities(self, partner):
        return self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "=", partner.id),
            ("activity_type_id", "=", self.activity_type.id),
        ])

    def test_next_date_schedules_an_activity_for_the_owner(self):
        next_date = fields.Datetime.now() + timedelta(days=2)
        followup = self._log(user=self.user_manager, next_date=next_date, method="phone", intention="high")
        activity = self._followup_activities(self.customer_a)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_salesperson, "the activity goes to the customer's owner")
        self.assertEqual(followup.next_activity_id, activity)
        self.assertFalse(followup.next_event_id)
        self.assertEqual(self.customer_a.last_followup_date, followup.date)
        self.assertEqual(self.customer_a.next_followup_date, next_date)

    def test_a_new_followup_closes_the_open_activity(self):
        first = self._log(next_date=fields.Datetime.now() + timedelta(days=1))
        self.assertTrue(first.next_activity_id)
        second = self._log(content="报价已发送")
        self.assertFalse(self._followup_activities(self.customer_a), "the open follow-up activity is done")
        done_message = self.customer_a.message_ids.filtered(lambda message: message.mail_activity_type_id == self.activity_type)
        self.assertTrue(done_message, "marking it done leaves a message on the customer")
        self.assertEqual(self.customer_a.last_followup_date, second.date)
        self.assertFalse(self.customer_a.next_followup_date, "the latest follow-up planned nothing")

    def test_calendar_event_when_asked(self):
        next_date = fields.Datetime.now() + timedelta(days=3)
        followup = self._log(next_date=next_date, next_create_event=True, contact_ids=[Command.set(self.contact_a.ids)])
        event = followup.next_event_id
        self.assertEqual(event.start, next_date)
        self.assertEqual(event.user_id, self.user_salesperson)
        self.assertEqual(event.dealer_partner_id, self.customer_a)
        self.assertIn(self.contact_a, event.partner_ids)
        followup.next_date = False
        self.assertFalse(event.exists(), "dropping the next date drops what it scheduled")
        self.assertFalse(followup.next_activity_id)

    def test_dates_in_the_window_only(self):
        now = fields.Datetime.now()
        with self.assertRaises(ValidationError):
            self._log(date=now - timedelta(days=4))
        with self.assertRaises(ValidationError):
            self._log(date=now + timedelta(hours=2))
        self.assertTrue(self._log(date=now - timedelta(days=2, hours=23)))
        self.assertTrue(self._log(user=self.user_manager, date=now - timedelta(days=30)), "managers log older visits")
        self.env["ir.config_parameter"].set_param("dealer_crm.followup_backdate_days", 10)
        self.assertTrue(self._log(date=now - timedelta(days=9)))
        with self.assertRaises(ValidationError):
            self._log(next_date=now - timedelta(hours=1))

    def test_only_managers_edit_after_a_day(self):
        followup = self._log()
        followup.with_user(self.user_salesperson).content = "修改：客户要求样品"
        self.env.cr.execute(
            "UPDATE dealer_followup SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(hours=25), followup.id),
        )
        followup.invalidate_recordset(["create_date"])
        with self.assertRaises(UserError):
            followup.with_user(self.user_salesperson).content = "再次修改"
        with self.assertRaises(UserError):
            followup.with_user(self.user_salesperson).unlink()
        followup.with_user(self.user_manager).content = "经理更正"
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = followup.sudo().message_ids.tracking_value_ids.filtered(lambda value: value.field_id.name == "content")
        self.assertTrue(tracked, "changes are tracked")
        self.assertEqual(followup.content, "经理更正")

    def test_contacts_must_belong_to_the_customer(self):
        with self.assertRaises(ValidationError):
            self._log(contact_ids=[Command.set(self.contact_b.ids)])

    def test_voice_notes_must_be_sound(self):
        Attachment = self.env["ir.attachment"].with_user(self.user_salesperson)
        wav = (b"RIFF$\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00@\x1f\x00\x00\x80>\x00\x00"
               b"\x02\x00\x10\x00data\x00\x00\x00\x00")
        voice = Attachment.create({"name": "语音.wav", "datas": base64.b64encode(wav), "res_model": "dealer.followup"})
        followup = self._log(voice_note_ids=[Command.set(voice.ids)])
        self.assertEqual((voice.res_model, voice.res_id), ("dealer.followup", followup.id))
        text = Attachment.create({"name": "录音.mp3", "datas": base64.b64encode(b"not a sound at all"),
                                  "res_model": "dealer.followup"})
        with self.assertRaises(ValidationError):
            self._log(voice_note_ids=[Command.set(text.ids)])

    def test_overdue_flag_and_search(self):
        self._log(user=self.user_manager, date=fields.Datetime.now() - timedelta(days=10),
                  next_date=fields.Datetime.now() - timedelta(days=1))
        self.assertTrue(self.customer_a.dealer_followup_overdue)
        overdue = self.Partner.search([("dealer_followup_overdue", "=", True), ("is_dealer", "=", True)])
        self.assertIn(self.customer_a, overdue)
        self.assertNotIn(self.customer_b, overdue)
        self.assertNotIn(self.customer_a, self.Partner.search([("dealer_followup_overdue", "=", False)]))

    def test_followups_due_today_in_local_time(self):
        """Due today means by the end of the salesperson's day in Shanghai."""
        start, end = self.user_salesperson._dealer_local_day_bounds()
        self.assertEqual(end - start, timedelta(days=1))
        self.assertEqual(start.hour, 16, "Shanghai's midnight is 16:00 UTC")
        self._log(next_date=end - timedelta(minutes=30))
        self._log(user=self.user_salesperson_b, partner_id=self.customer_b.id, next_date=end + timedelta(minutes=30))
        Agenda = self.env["dealer.agenda"]
        action = Agenda.with_user(self.user_salesperson).action_my_day()
        due = Agenda.with_user(self.user_salesperson).search(action["domain"])
        self.assertEqual((due.kind, due.partner_id), ("followup", self.customer_a))
        action = Agenda.with_user(self.user_salesperson_b).action_my_day()
        self.assertFalse(Agenda.with_user(self.user_salesperson_b).search(action["domain"]),
                         "tomorrow morning in Shanghai is not due today")
        followup_action = due.action_log_followup()
        self.assertEqual(followup_action["context"]["default_partner_id"], self.customer_a.id)

    def test_record_rules_and_handover(self):
        followup = self._log()
        Followup = self.env["dealer.followup"]
        self.assertFalse(Followup.with_user(self.user_salesperson_b).search([("id", "=", followup.id)]))
        self.assertTrue(Followup.with_user(self.user_manager).search([("id", "=", followup.id)]))
        self.assertFalse(Followup.with_user(self.user_salesperson_other_team).search([("id", "=", followup.id)]))
        with self.assertRaises(AccessError):
            self.Followup.with_user(self.user_back_office).create({"partner_id": self.customer_a.id, "content": "x"})
        self.customer_a.user_id = self.user_salesperson_b
        self.assertTrue(Followup.with_user(self.user_salesperson_b).search([("id", "=", followup.id)]),
                        "the new owner sees the customer's history")

    def test_log_from_the_customer(self):
        action = self.customer_a.with_user(self.user_salesperson).action_dealer_log_followup()
        form = Form(self.env[action["res_model"]].with_user(self.user_salesperson).with_context(action["context"]))
        form.content = "电话沟通到货时间"
        form.method = "phone"
        followup = form.save()
        self.assertEqual(followup.partner_id, self.customer_a)
        self.assertEqual(followup.user_id, self.user_salesperson)
        self.assertEqual(self.customer_a.dealer_followup_count, 1)
