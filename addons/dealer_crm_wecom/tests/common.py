from odoo.addons.dealer_crm.tests.common import DealerCrmCommon

from ..tools.crypto import encrypt, signature
from . import fake_wecom
from .fake_wecom import FakeWeCom, callback_request, message_xml


class WeComCommon(DealerCrmCommon):
    """The test company connected to a fake WeCom; the salesperson 张伟 is
    the member ``zhangwei`` and 李娜 is ``lina``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeWeCom().start()
        cls.addClassCleanup(cls.fake.stop)
        cls.company = cls.env.company
        cls.company.write({
            "dealer_wecom_corp_id": fake_wecom.CORP_ID,
            "dealer_wecom_agent_id": fake_wecom.AGENT_ID,
            "dealer_wecom_secret": fake_wecom.SECRET,
            "dealer_wecom_token": fake_wecom.TOKEN,
            "dealer_wecom_aes_key": fake_wecom.AES_KEY,
            "dealer_wecom_api_url": cls.fake.url,
            "dealer_wecom_push": True,
        })
        cls.user_salesperson.dealer_wecom_userid = "zhangwei"
        cls.user_salesperson_b.dealer_wecom_userid = "lina"
        cls.customer_a.dealer_code = "KH900001"
        cls.customer_a2 = cls._create_customer("上海鑫盛建材商行", cls.user_salesperson, dealer_code="KH900002")
        cls.Message = cls.env["dealer.wecom.message"].sudo()
        cls.Outbox = cls.env["dealer.wecom.outbox"].sudo()
        cls.msg_counter = 1000

    def setUp(self):
        super().setUp()
        self.fake.sent.clear()
        self.fake.calls.clear()
        self.fake.errors.clear()

    @classmethod
    def next_msg_id(cls):
        cls.msg_counter += 1
        return str(7000000000000000000 + cls.msg_counter)

    def message(self, sender, msg_type="text", msg_id=None, **fields):
        """A message as WeCom sends it (the XML inside the encryption)."""
        if msg_id is None and msg_type != "event":
            msg_id = self.next_msg_id()
        return message_xml(sender, msg_type, msg_id=msg_id, **fields)

    def receive(self, xml):
        """Store ``xml`` as the callback does and process what is due: the message."""
        from odoo.addons.dealer_crm_wecom.tools.envelope import read_xml
        fields = read_xml(xml)
        self.Message._dealer_store(self.company, fields)
        self.Message._dealer_process_batch()
        self.Message.invalidate_model()
        return self.Message.search([("sender_userid", "=", fields["FromUserName"])], limit=1)

    def send_queued(self):
        self.Outbox._dealer_send_batch()
        self.Outbox.invalidate_model()

    def callback(self, xml, **kwargs):
        return callback_request(encrypt, signature, xml, **kwargs)
