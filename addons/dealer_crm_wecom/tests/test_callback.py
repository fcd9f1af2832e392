import time
from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged

from ..tools.crypto import encrypt, signature
from . import fake_wecom
from .common import WeComCommon


@tagged("post_install", "-at_install")
class TestCallback(HttpCase, WeComCommon):

    def url(self, company=None):
        return f"/dealer_crm/wecom/callback/{(company or self.company).id}"

    def post(self, params, body, company=None):
        return self.url_open(f"{self.url(company)}?{urlencode(params)}", data=body,
                             headers={"Content-Type": "text/xml"})

    def stored(self):
        return self.Message.search_count([])

    def test_url_check_answers_the_plaintext(self):
        timestamp, nonce = str(int(time.time())), "12345"
        echostr = encrypt(fake_wecom.AES_KEY, "8317046520238371211", fake_wecom.CORP_ID)
        query = {"msg_signature": signature(fake_wecom.TOKEN, timestamp, nonce, echostr), "timestamp": timestamp,
                 "nonce": nonce, "echostr": echostr}
        response = self.url_open(f"{self.url()}?{urlencode(query)}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"8317046520238371211", "the plaintext alone")
        query["msg_signature"] = "0" * 40
        with self.assertLogs("odoo.addons.dealer_crm_wecom.controllers.callback", "WARNING"):
            self.assertEqual(self.url_open(f"{self.url()}?{urlencode(query)}").status_code, 403)

    def test_message_is_stored_and_answered_empty(self):
        params, body = self.callback(self.message("zhangwei", Content="KH900001 明天再来", msg_id="42"))
        response = self.post(params, body)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"")
        message = self.Message.search([("msg_id", "=", "42")])
        self.assertEqual((message.state, message.content), ("received", "KH900001 明天再来"))
        self.assertTrue(self.env["ir.cron.trigger"].search([
            ("cron_id", "=", self.env.ref("dealer_crm_wecom.ir_cron_dealer_wecom_process").id)]))
        for _retry in range(2):
            self.assertEqual(self.post(*self.callback(self.message("zhangwei", Content="x", msg_id="42"))).status_code,
                             200)
        self.assertEqual(self.Message.search_count([("msg_id", "=", "42")]), 1, "WeCom's retries are stored once")

    def test_key_rotation(self):
        old_key = self.company.dealer_wecom_aes_key
        self.company.write({"dealer_wecom_aes_key": "RGVhbGVyQ1JNRGVtb0VuY29kaW5nQUVTS2V5MDAwMDA",
                            "dealer_wecom_aes_key_previous": old_key})
        self.assertEqual(self.post(*self.callback(self.message("zhangwei", Content="旧密钥"))).status_code, 200)
        self.assertEqual(self.stored(), 1)

    def test_refusals_store_nothing(self):
        good = self.message("zhangwei", Content="KH900001 你好")
        params, body = self.callback(good)
        forged = dict(params, msg_signature="0" * 40)
        replayed = self.callback(good, timestamp=time.time() - 400)
        future = self.callback(good, timestamp=time.time() + 400)
        other_corp = self.callback(good.replace(fake_wecom.CORP_ID, "wwsomebodyelse00001"),
                                   corp_id="wwsomebodyelse00001")
        wrong_key = self.callback(good, aes_key="RGVhbGVyQ1JNRGVtb0VuY29kaW5nQUVTS2V5MDAwMDA")
        xxe = (b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<xml><Encrypt>&x;</Encrypt></xml>')
        big = b"<xml><Encrypt>" + b"A" * (2 * 1024 * 1024) + b"</Encrypt></xml>"
        cases = {
            "forged signature": (forged, body),
            "replayed": replayed,
            "from the future": future,
            "another corp": other_corp,
            "wrong key": wrong_key,
            "XXE": (params, xxe),
            "2 MB": (params, big),
            "bad base64": (params, b"<xml><Encrypt>%%%</Encrypt></xml>"),
        }
        with self.assertLogs("odoo.addons.dealer_crm_wecom.controllers.callback", "WARNING") as logs:
            for name, (case_params, case_body) in cases.items():
                with self.subTest(case=name):
                    self.assertEqual(self.post(case_params, case_body).status_code, 403)
        self.assertEqual(self.stored(), 0)
        for secret in (fake_wecom.TOKEN, fake_wecom.AES_KEY, fake_wecom.SECRET):
            self.assertNotIn(secret, "\n".join(logs.output), "no secret in the log")

    def test_unconfigured_company_refuses(self):
        other = self.env["res.company"].create({"name": "未配置公司"})
        with self.assertLogs("odoo.addons.dealer_crm_wecom.controllers.callback", "WARNING"):
            response = self.post(*self.callback(self.message("zhangwei", Content="x")), company=other)
            self.assertEqual(response.status_code, 403)
        self.assertEqual(self.stored(), 0)
