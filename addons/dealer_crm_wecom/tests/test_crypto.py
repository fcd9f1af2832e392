from odoo.tests import TransactionCase, tagged

from ..tools import crypto
from ..tools.envelope import MAX_BODY, WeComEnvelopeError, read_xml

# Tencent's published sample (企业微信 回调加解密 示例).
TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
AES_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
CORP_ID = "ww1436e0e65a779aee"
ECHOSTR = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=="
ENCRYPTED = (
    "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew"
    "+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24Yh"
    "mZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpc"
    "wocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+"
)


@tagged("at_install")
class TestCrypto(TransactionCase):

    def test_url_check_of_tencent_sample(self):
        crypto.check_signature(TOKEN, "1476416373", "47744683", ECHOSTR, "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb")
        self.assertEqual(crypto.decrypt(AES_KEY, ECHOSTR, CORP_ID), "1288432023552776189")

    def test_message_of_tencent_sample(self):
        crypto.check_signature(TOKEN, "1476422779", "1597212914", ENCRYPTED, "0c3914025cb4b4d68103f6bfc8db550f79dcf48e")
        message = read_xml(crypto.decrypt(AES_KEY, ENCRYPTED, CORP_ID))
        self.assertEqual(message["Content"], "你好")
        self.assertEqual(message["MsgId"], "1456453720")
        self.assertEqual(message["FromUserName"], "ChenJiaShun")

    def test_round_trip(self):
        for text in ("", "你好", "x" * 31, "x" * 32, "客户" * 1000):
            with self.subTest(length=len(text)):
                self.assertEqual(crypto.decrypt(AES_KEY, crypto.encrypt(AES_KEY, text, CORP_ID), CORP_ID), text)

    def test_refusals(self):
        with self.assertRaises(crypto.WeComCryptoError):
            crypto.check_signature(TOKEN, "1476422779", "1597212914", ENCRYPTED, "0" * 40)
        with self.assertRaises(crypto.WeComCryptoError):
            crypto.check_signature(TOKEN, "1476422779", "1597212914", ENCRYPTED, "")
        with self.assertRaises(crypto.WeComCryptoError, msg="another corp's message"):
            crypto.decrypt(AES_KEY, ENCRYPTED, "ww0000000000000000")
        for broken in ("not base64!", ENCRYPTED[:-8], ENCRYPTED[:-24] + "=" * 0, "", "AAAA"):
            with self.subTest(broken=broken[-12:]), self.assertRaises(crypto.WeComCryptoError):
                crypto.decrypt(AES_KEY, broken, CORP_ID)
        with self.assertRaises(crypto.WeComCryptoError):
            crypto.aes_key("short")

    def test_key_rotation(self):
        new_key = "RmFrZVdlQ29tRW5jb2RpbmdBRVNLZXlGb3JUZXN0czA"
        old_message = crypto.encrypt(AES_KEY, "旧密钥", CORP_ID)
        self.assertEqual(crypto.decrypt_with_keys((new_key, AES_KEY), old_message, CORP_ID), "旧密钥")
        with self.assertRaises(crypto.WeComCryptoError):
            crypto.decrypt_with_keys((new_key, None), old_message, CORP_ID)

    def test_envelope_refuses_entities_and_size(self):
        xxe = (b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<xml><Encrypt>&x;</Encrypt></xml>')
        bomb = b'<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>'
        for body in (xxe, bomb, b"<xml><Encrypt>" + b"A" * MAX_BODY + b"</Encrypt></xml>", b"<xml><unclosed>",
                     b"<other/>"):
            with self.subTest(body=body[:40]), self.assertRaises(WeComEnvelopeError):
                read_xml(body)
        self.assertEqual(read_xml("<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>"), {"Encrypt": "abc"})
