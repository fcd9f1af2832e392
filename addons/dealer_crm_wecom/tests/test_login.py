import json
from urllib.parse import parse_qs, urlparse

from odoo.tests import HttpCase, tagged

from .common import WeComCommon

OLD_WECOM_PC = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/53.0.2785.116 Safari/537.36 wxwork/3.1.0")


@tagged("post_install", "-at_install")
class TestLogin(HttpCase, WeComCommon):

    def start(self):
        """Open the app's home URL: WeCom's OAuth page and the state it carries."""
        response = self.url_open(f"/dealer_crm/wecom/login/{self.company.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        location = urlparse(response.headers["Location"])
        self.assertEqual(location.netloc, "open.weixin.qq.com")
        query = parse_qs(location.query)
        self.assertEqual(query["scope"], ["snsapi_base"])
        self.assertEqual(query["appid"], [self.company.dealer_wecom_corp_id])
        return query["state"][0]

    def come_back(self, code, state):
        return self.url_open(f"/dealer_crm/wecom/login/{self.company.id}?code={code}&state={state}",
                             allow_redirects=False)

    def session_uid(self):
        """The user of the browser's session, False when nobody is logged in."""
        body = self.url_open("/web/session/get_session_info", data=json.dumps({"jsonrpc": "2.0", "params": {}}),
                             headers={"Content-Type": "application/json"}).json()
        return body.get("result", {}).get("uid", False)

    def test_login_opens_a_session_for_the_linked_user(self):
        state = self.start()
        self.fake.codes["CODE1"] = "zhangwei"
        response = self.come_back("CODE1", state)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/odoo"))
        self.assertEqual(self.session_uid(), self.user_salesperson.id)

    def test_state_and_code_are_checked(self):
        self.start()
        self.fake.codes["CODE2"] = "zhangwei"
        response = self.come_back("CODE2", "forged-state")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.session_uid(), "a page, not a login")
        state = self.start()
        self.fake.codes["CODE3"] = "zhangwei"
        self.assertEqual(self.come_back("CODE3", state).status_code, 303)
        self.url_open("/web/session/logout", allow_redirects=False)
        state = self.start()
        self.fake.codes["CODE3"] = "zhangwei"
        self.assertEqual(self.come_back("CODE3", state).status_code, 403, "a code is used once")

    def test_unlinked_member_gets_a_page(self):
        state = self.start()
        self.fake.codes["CODE4"] = "stranger"
        response = self.come_back("CODE4", state)
        self.assertEqual(response.status_code, 403)
        self.assertIn("stranger", response.text)
        self.assertFalse(self.session_uid())

    def test_old_wecom_browser_gets_a_page_not_a_blank_screen(self):
        response = self.url_open(f"/dealer_crm/wecom/login/{self.company.id}", headers={"User-Agent": OLD_WECOM_PC},
                                 allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn("<a", response.text)
        self.assertIn(f"/dealer_crm/wecom/login/{self.company.id}", response.text)
