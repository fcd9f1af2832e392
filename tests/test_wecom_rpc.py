"""WeCom against a live server, as WeCom calls it: encrypted callbacks with
current timestamps, the processing cron, reminders reaching a fake WeCom
API, and the OAuth sign-in. The demo company's app is set to the fake by an
administrator over RPC, as a deployment script would."""
import time
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from wecom_tools import crypto, fake_wecom

CUSTOMER_CODE = "KH000012"


@pytest.fixture(scope="module")
def wecom(server, login):
    """The demo company's app pointed at a fake WeCom: its settings, the fake, and helpers."""
    admin = login("admin", "admin")
    zhang = login("zhangwei")
    [user] = admin.call("res.users", "read", [zhang.uid], ["company_id", "dealer_wecom_userid"])
    assert user["dealer_wecom_userid"] == "zhangwei", "the demo links 张伟 to the WeCom member zhangwei"
    company_id = user["company_id"][0]
    # 刘洋 has no check-in today (张伟 checks in in other tests): his messages name no customer.
    liu = login("liuyang")
    admin.call("res.users", "write", [liu.uid], {"dealer_wecom_userid": "liuyang"})
    fields = ["dealer_wecom_corp_id", "dealer_wecom_secret", "dealer_wecom_token", "dealer_wecom_aes_key",
              "dealer_wecom_api_url"]
    [settings] = admin.call("res.company", "read", [company_id], fields)
    fake = fake_wecom.FakeWeCom(settings["dealer_wecom_corp_id"], settings["dealer_wecom_secret"]).start()
    admin.call("res.company", "write", [company_id], {"dealer_wecom_api_url": fake.url})
    crons = {}
    for name in ("ir_cron_dealer_wecom_process", "ir_cron_dealer_wecom_send"):
        [data] = admin.call("ir.model.data", "search_read",
                            [("module", "=", "dealer_crm_wecom"), ("name", "=", name)], ["res_id"])
        crons[name] = data["res_id"]

    class WeCom:
        url = f"{server['url']}/dealer_crm/wecom/callback/{company_id}"

        def post(self, xml, timestamp=None, signature=None, body=None):
            params, encrypted_body = fake_wecom.callback_request(
                crypto.encrypt, crypto.signature, xml, token=settings["dealer_wecom_token"],
                aes_key=settings["dealer_wecom_aes_key"], corp_id=settings["dealer_wecom_corp_id"],
                timestamp=timestamp,
            )
            if signature:
                params["msg_signature"] = signature
            return requests.post(self.url, params=params, data=body or encrypted_body, timeout=30)

        def message(self, sender, msg_type="text", **fields):
            msg_id = fields.pop("msg_id", None) or str(int(time.time() * 1e6))
            return fake_wecom.message_xml(sender, msg_type, msg_id=msg_id, to=settings["dealer_wecom_corp_id"],
                                          **fields)

        def run(self, cron):
            admin.call("ir.cron", "method_direct_trigger", [crons[cron]])

        def process(self):
            self.run("ir_cron_dealer_wecom_process")

        def send(self):
            self.run("ir_cron_dealer_wecom_send")

        def stored(self, **domain):
            return admin.call("dealer.wecom.message", "search_read",
                              [(key, "=", value) for key, value in domain.items()],
                              ["state", "followup_id", "choices", "error"], order="id desc")

    wecom = WeCom()
    wecom.fake, wecom.company_id, wecom.admin = fake, company_id, admin
    yield wecom
    admin.call("res.company", "write", [company_id], {"dealer_wecom_api_url": settings["dealer_wecom_api_url"]})
    fake.stop()


def _followup(user, followup_id):
    [followup] = user.call("dealer.followup", "read", [followup_id],
                           ["partner_id", "content", "next_date", "user_id", "method", "voice_note_ids"])
    return followup


def test_text_naming_a_customer_becomes_a_followup(wecom, login):
    zhang = login("zhangwei")
    [customer] = zhang.call("res.partner", "search_read", [("dealer_code", "=", CUSTOMER_CODE)], ["user_id"])
    assert customer["user_id"][0] == zhang.uid, "KH000012 is 张伟's"
    text = f"{CUSTOMER_CODE} 客户要求下周三回访，关注返利"
    msg_id = str(int(time.time() * 1e6))
    response = wecom.post(wecom.message("zhangwei", Content=text, msg_id=msg_id))
    assert response.status_code == 200 and response.content == b""
    for _retry in range(2):
        assert wecom.post(wecom.message("zhangwei", Content=text, msg_id=msg_id)).status_code == 200
    wecom.process()
    [message] = wecom.stored(msg_id=msg_id)
    assert message["state"] == "done", message
    followup = _followup(zhang, message["followup_id"][0])
    assert followup["partner_id"][0] == customer["id"]
    assert (followup["content"], followup["method"], followup["user_id"][0]) == (text, "wecom", zhang.uid)
    today = (datetime.utcnow() + timedelta(hours=8)).date()
    monday = today - timedelta(days=today.weekday())
    wednesday = monday + timedelta(days=9)
    next_local = datetime.fromisoformat(followup["next_date"]) + timedelta(hours=8)
    assert next_local.date() == wednesday and next_local.date().weekday() == 2
    count = zhang.call("dealer.followup", "search_count", [("content", "=", text)])
    assert count == 1, "the same MsgId three times is one follow-up"


def test_voice_message_becomes_a_followup_with_a_playable_note(wecom, login, server):
    liu = login("liuyang")
    media_id = wecom.fake.add_media(fake_wecom.sine_amr(seconds=2), "audio/amr")
    wecom.post(wecom.message("liuyang", msg_type="voice", MediaId=media_id, Format="amr"))
    wecom.process()
    [question] = wecom.stored(state="choosing", sender_userid="liuyang")[:1]
    wecom.post(wecom.message("liuyang", Content="1"))
    wecom.process()
    [message] = wecom.admin.call("dealer.wecom.message", "read", [question["id"]], ["state", "followup_id"])
    assert message["state"] == "done"
    followup = _followup(liu, message["followup_id"][0])
    assert "语音 2 秒" in followup["content"]
    notes = liu.call("ir.attachment", "read", followup["voice_note_ids"], ["mimetype"])
    [mp3] = [note for note in notes if note["mimetype"] == "audio/mpeg"]
    played = liu.session.get(f"{server['url']}/web/content/{mp3['id']}", timeout=30)
    assert played.status_code == 200 and played.headers["Content-Type"].startswith("audio/mpeg")
    assert played.content[:3] == b"ID3" or played.content[0] == 0xFF


def test_ambiguous_text_gets_a_numbered_list_and_two_answers_it(wecom, login):
    liu = login("liuyang")
    wecom.post(wecom.message("liuyang", Content="客户说春节前要补货"))
    wecom.process()
    [question] = wecom.stored(state="choosing", sender_userid="liuyang")[:1]
    choices = [int(part) for part in question["choices"].split(",")]
    wecom.fake.sent.clear()
    wecom.send()
    assert any("2. " in sent.get("text", {}).get("content", "") for sent in wecom.fake.sent), wecom.fake.sent
    wecom.post(wecom.message("liuyang", Content="2"))
    wecom.process()
    [message] = wecom.admin.call("dealer.wecom.message", "read", [question["id"]], ["followup_id"])
    followup = _followup(liu, message["followup_id"][0])
    assert followup["partner_id"][0] == choices[1]
    assert followup["content"] == "客户说春节前要补货"


def test_unknown_sender_lands_in_the_inbox(wecom):
    wecom.post(wecom.message("nobody_linked", Content=f"{CUSTOMER_CODE} 你好"))
    wecom.process()
    [message] = wecom.stored(state="unlinked")[:1]
    assert not message["followup_id"]


def test_bad_callbacks_are_refused_and_store_nothing(wecom):
    before = wecom.admin.call("dealer.wecom.message", "search_count", [])
    good = wecom.message("zhangwei", Content=f"{CUSTOMER_CODE} 伪造")
    xxe = (b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<xml><Encrypt>&x;</Encrypt></xml>')
    refused = [
        wecom.post(good, signature="0" * 40),
        wecom.post(good, timestamp=time.time() - 600),
        wecom.post(good, body=xxe),
        wecom.post(good, body=b"<xml><Encrypt>" + b"A" * (2 * 1024 * 1024) + b"</Encrypt></xml>"),
    ]
    assert [response.status_code for response in refused] == [403] * 4
    assert wecom.admin.call("dealer.wecom.message", "search_count", []) == before


def test_a_followup_reminder_reaches_wecom(wecom, login):
    zhang = login("zhangwei")
    [customer] = zhang.call("res.partner", "search_read", [("dealer_code", "=", CUSTOMER_CODE)], ["name"])
    zhang.call("dealer.followup", "create", [{
        "partner_id": customer["id"], "content": "电话沟通了新品", "method": "phone",
        "next_date": (datetime.utcnow() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S"),
    }])
    wecom.fake.sent.clear()
    wecom.send()
    cards = [sent for sent in wecom.fake.sent if sent["touser"] == "zhangwei" and sent["msgtype"] == "textcard"]
    assert any(customer["name"] in card["textcard"]["title"] + card["textcard"]["description"] for card in cards), \
        wecom.fake.sent
    assert all(card["enable_duplicate_check"] == 1 for card in cards)


def test_oauth_sign_in_opens_a_session_for_zhangwei(wecom, server, login):
    browser = requests.Session()
    url = f"{server['url']}/dealer_crm/wecom/login/{wecom.company_id}"
    start = browser.get(url, allow_redirects=False, timeout=30)
    assert start.status_code == 303
    state = parse_qs(urlparse(start.headers["Location"]).query)["state"][0]
    wecom.fake.codes["E2ECODE"] = "zhangwei"
    back = browser.get(url, params={"code": "E2ECODE", "state": state}, allow_redirects=False, timeout=30)
    assert back.status_code == 303, back.text[:500]
    info = browser.post(f"{server['url']}/web/session/get_session_info", json={"jsonrpc": "2.0", "params": {}},
                        timeout=30).json()
    assert info["result"]["uid"] == login("zhangwei").uid
