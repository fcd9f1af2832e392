from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.test_rules_access import AccessTableMixin

from .common import WeComCommon

SECRETS = ("dealer_wecom_corp_id", "dealer_wecom_secret", "dealer_wecom_token", "dealer_wecom_aes_key",
           "dealer_wecom_aes_key_previous", "dealer_wecom_api_url")


@tagged("post_install", "-at_install")
class TestWeComRulesAccess(AccessTableMixin, WeComCommon):
    """WeCom's messages and outbox are read by administrators; what they
    hold is written by the callback and the crons only; the app's secrets
    are system administrators'."""

    allow_inherited_tests_method = True
    module = "dealer_crm_wecom"
    access = {
        "dealer.wecom.message": ("----", "----", "----", "r---"),
        "dealer.wecom.outbox": ("----", "----", "----", "r---"),
        "dealer.wecom.token": ("----", "----", "----", "----"),
    }

    def test_secrets_are_system_administrators_only(self):
        for user in (self.user_salesperson, self.user_manager, self.user_admin):
            company = self.company.with_user(user)
            for field in SECRETS:
                with self.subTest(user=user.login, field=field):
                    with self.assertRaises(AccessError):
                        company.read([field])
                    with self.assertRaises(AccessError):
                        company.search([(field, "=", self.company.sudo()[field])])
                    with self.assertRaises(AccessError):
                        company.write({field: "x"})
        self.assertEqual(self.company.sudo().dealer_wecom_secret, "fake-secret", "nothing changed")

    def test_settings_actions_refused_to_others(self):
        settings = self.env["res.config.settings"].with_user(self.user_admin)
        for action in ("action_dealer_wecom_test", "action_dealer_wecom_match"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(settings.create({}), action)()
        self.assertFalse(self.fake.calls, "WeCom was not called")

    def test_userid_is_set_by_administrators_only(self):
        as_salesperson = self.user_salesperson_b.with_user(self.user_salesperson_b)
        with self.assertRaises(AccessError):
            as_salesperson.write({"dealer_wecom_userid": "zhangwei2"})
        with self.assertRaises(AccessError):
            self.user_salesperson.with_user(self.user_salesperson_b).write({"dealer_wecom_userid": "lina"})
        as_salesperson.write({"dealer_wecom_push": False})
        self.assertEqual(self.user_salesperson_b.dealer_wecom_userid, "lina")
        self.assertFalse(self.user_salesperson_b.dealer_wecom_push, "the reminder switch is the user's own")

    def test_nobody_writes_messages_outbox_or_tokens(self):
        self.receive(self.message("zhangwei", Content="KH900001 已拜访"))
        message = self.Message.search([], limit=1)
        for user in (self.user_salesperson, self.user_admin):
            with self.subTest(user=user.login):
                for model, values in (("dealer.wecom.message", {"state": "received"}),
                                      ("dealer.wecom.outbox", {"state": "queued"}),
                                      ("dealer.wecom.token", {"value": "x"})):
                    records = self.env[model].sudo().search([], limit=1).with_user(user)
                    with self.assertRaises(AccessError):
                        records.write(values) if records else self.env[model].with_user(user).create(values)
                with self.assertRaises(AccessError):
                    self.env["dealer.wecom.message"].with_user(user).create({
                        "company_id": self.company.id, "dedupe_key": "forged", "msg_type": "text"})
                with self.assertRaises(AccessError):
                    message.with_user(user).action_retry()
        with self.assertRaises(AccessError):
            self.env["dealer.wecom.message"].with_user(self.user_salesperson).search_read([], ["content"])
        self.assertEqual(message.state, "done")
        self.assertFalse(self.Message.search([("dedupe_key", "=", "forged")]))

    def test_tokens_are_never_read(self):
        self.Outbox._dealer_queue(self.company, "zhangwei", self.user_salesperson, "x")
        self.send_queued()
        self.assertTrue(self.env["dealer.wecom.token"].sudo().search([]))
        for user in (self.user_salesperson, self.user_admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["dealer.wecom.token"].with_user(user).search_read([], ["value"])
