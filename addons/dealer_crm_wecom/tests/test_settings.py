from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import WeComCommon


@tagged("post_install", "-at_install")
class TestSettings(WeComCommon):

    def settings(self):
        return self.env["res.config.settings"].with_user(self.env.ref("base.user_admin")).create({})

    def test_connection_reports_what_wecom_answered(self):
        result = self.settings().action_dealer_wecom_test()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self.fake.calls[-1][0], "gettoken")
        self.fake.fail("gettoken", 60020)
        result = self.settings().action_dealer_wecom_test()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertIn("60020", result["params"]["message"])
        self.assertIn("IP", result["params"]["message"])
        self.assertNotIn(self.company.dealer_wecom_secret, str(result))

    def test_match_members_by_mobile_then_email_then_name(self):
        by_mobile = new_test_user(self.env, "wecom_mobile", groups="base.group_user", name="赵磊")
        by_mobile.partner_id.phone = "+86 138 0013 8000"
        by_email = new_test_user(self.env, "wecom_email", groups="base.group_user", name="陈静",
                                 email="chenjing@hongda.cn")
        by_name = new_test_user(self.env, "wecom_name", groups="base.group_user", name="孙丽华")
        self.fake.members = [
            {"userid": "zhaolei", "name": "赵磊磊", "mobile": "13800138000"},
            {"userid": "chenjing", "name": "陈静2", "email": "ChenJing@hongda.cn"},
            {"userid": "sunlihua", "name": "孙丽华"},
            {"userid": "nobody", "name": "周杰", "mobile": "13900000000"},
            {"userid": "zhangwei", "name": "张伟"},
        ]
        result = self.settings().action_dealer_wecom_match()
        self.assertEqual(by_mobile.dealer_wecom_userid, "zhaolei")
        self.assertEqual(by_email.dealer_wecom_userid, "chenjing")
        self.assertEqual(by_name.dealer_wecom_userid, "sunlihua")
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("周杰", result["params"]["message"])
        self.assertEqual(self.user_salesperson.dealer_wecom_userid, "zhangwei", "a linked user stays as is")

    def test_userid_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.user_salesperson_b.dealer_wecom_userid = "zhangwei"
            self.env.flush_all()

    def test_userid_is_a_wecom_account(self):
        for bad in ("zhang wei", "x" * 65, "张伟\n"):
            with self.subTest(userid=bad), self.assertRaises(ValidationError):
                self.user_salesperson_b.dealer_wecom_userid = bad
        self.assertEqual(self.user_salesperson_b.dealer_wecom_userid, "lina")
