from datetime import datetime, time, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_crm_field.tests.common import make_photo

from ..tools.dates import next_date_in
from .common import WeComCommon
from .fake_wecom import sine_amr


@tagged("post_install", "-at_install")
class TestProcessing(WeComCommon):

    def followups(self, customer):
        return self.env["dealer.followup"].search([("partner_id", "=", customer.id)])

    def test_text_naming_a_customer_by_code(self):
        text = "KH900001 客户要求下周三回访，关注返利"
        message = self.receive(self.message("zhangwei", Content=text))
        self.assertEqual(message.state, "done")
        followup = message.followup_id
        self.assertEqual(followup.partner_id, self.customer_a)
        self.assertEqual(followup.user_id, self.user_salesperson)
        self.assertEqual(followup.method, "wecom")
        self.assertEqual(followup.content, text)
        local_today = self.user_salesperson._dealer_local_today()
        expected = self.user_salesperson._dealer_to_utc(datetime.combine(next_date_in(text, local_today), time(9)))
        self.assertEqual(followup.next_date, expected)
        self.assertEqual(self.user_salesperson._dealer_from_utc(followup.next_date).weekday(), 2, "a Wednesday")
        self.assertEqual(self.customer_a.next_followup_date, followup.next_date)
        reply = self.Outbox.search([("userid", "=", "zhangwei")], limit=1)
        self.assertIn(self.customer_a.name, reply.description)
        self.assertIn(f"/{followup.id}", reply.url)
        self.send_queued()
        self.assertEqual(self.fake.sent[-1]["msgtype"], "textcard")
        self.assertEqual(self.fake.sent[-1]["touser"], "zhangwei")

    def test_text_naming_a_customer_by_name_or_part(self):
        message = self.receive(self.message("zhangwei", Content="上海鑫盛建材商行 明天送样品"))
        self.assertEqual(message.followup_id.partner_id, self.customer_a2)
        message = self.receive(self.message("zhangwei", Content="鑫达 价格谈妥了"))
        self.assertEqual(message.followup_id.partner_id, self.customer_a, "a unique part of a name")

    def test_other_salespeople_customers_are_not_reached(self):
        self.customer_b.dealer_code = "KH900003"
        message = self.receive(self.message("zhangwei", Content="KH900003 想抢这个客户"))
        self.assertFalse(self.followups(self.customer_b), "李娜's customer gets no follow-up from 张伟")
        self.assertEqual(message.state, "choosing", "his own customers are offered instead")
        self.assertNotIn(str(self.customer_b.id), message.choices.split(","))

    def test_ambiguous_text_asks_and_number_answers(self):
        message = self.receive(self.message("zhangwei", Content="客户说下个月再订货"))
        self.assertEqual(message.state, "choosing")
        question = self.Outbox.search([("userid", "=", "zhangwei")], limit=1)
        self.assertIn("1. ", question.description)
        choices = message._dealer_choices()
        self.assertEqual(set(choices), {self.customer_a, self.customer_a2})
        answer = self.receive(self.message("zhangwei", Content="２"))
        message.invalidate_recordset()
        self.assertEqual(message.state, "done")
        self.assertEqual(message.followup_id.partner_id, choices[1])
        self.assertEqual(message.followup_id.content, "客户说下个月再订货")
        self.assertEqual(answer.followup_id, message.followup_id)
        self.assertEqual(answer.state, "done")
        out_of_range = self.receive(self.message("zhangwei", Content="7"))
        self.assertEqual(out_of_range.state, "choosing", "no open question: a bare number is asked about too")

    def test_question_expires(self):
        message = self.receive(self.message("zhangwei", Content="客户说再考虑"))
        self.env.cr.execute("UPDATE dealer_wecom_message SET write_date = write_date - interval '11 minutes' "
                            "WHERE id = %s", [message.id])
        self.Message.invalidate_model()
        answer = self.receive(self.message("zhangwei", Content="1"))
        self.assertFalse(answer.followup_id, "an answer after ten minutes answers nothing")
        self.assertFalse(message.followup_id)

    def test_text_about_the_open_checkin(self):
        checkin = self.env["dealer.checkin"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_a2.id, "latitude": 31.2, "longitude": 121.4, "accuracy": 10,
            "photo_ids": [(0, 0, {"name": "门头.jpg", "image": __import__("base64").b64encode(make_photo())})],
        })
        message = self.receive(self.message("zhangwei", Content="老板不在，店员说下周再来"))
        self.assertEqual(message.followup_id.partner_id, self.customer_a2)
        self.assertEqual(message.followup_id.checkin_id, checkin)

    def test_same_msg_id_is_one_followup(self):
        xml = self.message("zhangwei", Content="KH900001 重复三次")
        for _attempt in range(3):
            self.receive(xml)
        self.assertEqual(len(self.followups(self.customer_a)), 1)
        self.assertEqual(self.Message.search_count([("sender_userid", "=", "zhangwei")]), 1)

    def test_events_without_msg_id_are_stored_once(self):
        xml = self.message("zhangwei", msg_type="event", Event="enter_agent", created=1_700_000_000)
        self.receive(xml)
        self.receive(xml)
        events = self.Message.search([("sender_userid", "=", "zhangwei"), ("msg_type", "=", "event")])
        self.assertEqual(len(events), 1)
        self.assertEqual(events.state, "ignored")

    def test_unknown_sender_waits_in_the_inbox(self):
        message = self.receive(self.message("stranger", Content="KH900001 你好"))
        self.assertEqual(message.state, "unlinked")
        self.assertFalse(self.followups(self.customer_a))
        self.send_queued()
        self.assertEqual(self.fake.sent[-1]["touser"], "stranger")
        self.assertIn("stranger", self.fake.sent[-1]["text"]["content"])

    def test_voice_becomes_followup_with_playable_note(self):
        amr = sine_amr(seconds=3)
        media_id = self.fake.add_media(amr, "audio/amr")
        message = self.receive(self.message("zhangwei", msg_type="voice", MediaId=media_id, Format="amr"))
        self.assertEqual(message.state, "choosing", "no text names the customer and no check-in: ask")
        self.receive(self.message("zhangwei", Content="1"))
        message.invalidate_recordset()
        followup = message.followup_id
        self.assertTrue(followup)
        self.assertIn("3", followup.content)
        mimetypes = sorted(followup.voice_note_ids.mapped("mimetype"))
        self.assertEqual(mimetypes, ["audio/amr", "audio/mpeg"])
        mp3 = followup.voice_note_ids.filtered(lambda attachment: attachment.mimetype == "audio/mpeg")
        self.assertTrue(mp3.raw[:3] == b"ID3" or mp3.raw[0] == 0xFF, "an MP3 browsers play")
        original = followup.voice_note_ids - mp3
        self.assertEqual(original.raw, amr, "the original is kept as WeCom sent it")
        todo = followup.partner_id.activity_ids.filtered(lambda activity: "voice" in (activity.summary or ""))
        self.assertEqual(todo.user_id, self.user_salesperson, "no speech-to-text service: the owner completes the text")

    def test_voice_transcribed_by_the_service(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_crm.wecom_speech_to_text_url", "http://stt.test/")
        media_id = self.fake.add_media(sine_amr(seconds=2), "audio/amr")
        transcriber = type(self.env["dealer.wecom.transcriber"])
        def transcribe(self, audio, audio_format, seconds):
            return "鑫达 明天签合同"

        with patch.object(transcriber, "_transcribe", transcribe):
            message = self.receive(self.message("zhangwei", msg_type="voice", MediaId=media_id, Format="amr"))
        self.assertEqual(message.followup_id.partner_id, self.customer_a)
        self.assertEqual(message.followup_id.content, "鑫达 明天签合同")
        self.assertFalse(self.customer_a.activity_ids.filtered(lambda activity: "voice" in (activity.summary or "")))

    def test_expired_media_is_retried_then_failed(self):
        message = self.receive(self.message("zhangwei", msg_type="voice", MediaId="GONE", Format="amr"))
        self.assertEqual(message.state, "retry")
        self.assertEqual(message.error_code, "40007")
        self.assertGreater(message.next_attempt, fields.Datetime.now())
        for _retry in range(3):
            message.next_attempt = fields.Datetime.now() - timedelta(seconds=1)
            self.Message._dealer_process_batch()
            message.invalidate_recordset()
        self.assertEqual(message.state, "failed", "retried 3 times")
        self.assertEqual(message.attempts, 4)
        media_calls = [call for call in self.fake.calls if call[0] == "media/get"]
        self.assertEqual(len(media_calls), 4)
        self.Message._dealer_process_batch()
        self.assertEqual(len([call for call in self.fake.calls if call[0] == "media/get"]), 4, "never again")
        reply = self.Outbox.search([("userid", "=", "zhangwei")], limit=1)
        self.assertIn("40007", reply.description, "the sender is told, with WeCom's code")

    def test_image_goes_with_the_followup(self):
        followup_message = self.receive(self.message("zhangwei", Content="KH900001 看了新店面"))
        image = self.receive(self.message("zhangwei", msg_type="image", MediaId=self.fake.add_media(
            make_photo(), "image/jpeg"), PicUrl="http://example.invalid/x.jpg"))
        self.assertEqual(image.followup_id, followup_message.followup_id)
        self.assertEqual(len(followup_message.followup_id.attachment_ids), 1)
        self.assertFalse(self.env["dealer.checkin.photo"].search([]), "never a check-in photo")

    def test_image_before_the_followup_waits_for_it(self):
        image = self.receive(self.message("zhangwei", msg_type="image", MediaId=self.fake.add_media(
            make_photo(), "image/jpeg")))
        location = self.receive(self.message("zhangwei", msg_type="location", Location_X="31.2304",
                                             Location_Y="121.4737", Scale="15", Label="上海市浦东新区"))
        self.assertFalse(image.followup_id)
        followup = self.receive(self.message("zhangwei", Content="KH900001 拜访完毕")).followup_id
        image.invalidate_recordset()
        location.invalidate_recordset()
        self.assertEqual(image.followup_id, followup)
        self.assertEqual(location.followup_id, followup)
        self.assertIn("上海市浦东新区", followup.dealer_wecom_location)
        self.assertFalse(self.env["dealer.checkin"].search([]), "a location is no check-in")

    def test_image_that_is_not_an_image_fails_clearly(self):
        message = self.receive(self.message("zhangwei", msg_type="image", MediaId=self.fake.add_media(
            b"%PDF-1.4 not a picture", "image/jpeg")))
        self.assertEqual(message.state, "failed")
        self.assertIn("not an image", message.error)
        self.assertFalse(message.attachment_ids)

    def test_untrusted_ip_is_explained(self):
        self.fake.fail("media/get", 60020)
        message = self.receive(self.message("zhangwei", msg_type="voice", MediaId="X", Format="amr"))
        self.assertEqual(message.error_code, "60020")
        self.assertIn("trusted", message.error)

    def test_retry_from_the_inbox(self):
        message = self.receive(self.message("stranger", Content="KH900001 你好"))
        self.user_salesperson_other_team.dealer_wecom_userid = "stranger"
        self.customer_a.user_id = self.user_salesperson_other_team
        message.with_user(self.env.ref("base.user_admin")).action_retry()
        self.Message._dealer_process_batch()
        message.invalidate_recordset()
        self.assertEqual(message.followup_id.user_id, self.user_salesperson_other_team)
