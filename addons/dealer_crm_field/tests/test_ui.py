from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestDealerFieldUiMobile(HttpCase, DealerCrmCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_salesperson_checks_in_phone(self):
        self.customer_a.write({"partner_latitude": 31.2304, "partner_longitude": 121.4737})
        self.start_tour("/odoo/dealer-customers", "dealer_crm_checkin_mobile", login=self.user_salesperson.login)
        checkin = self.env["dealer.checkin"].search([("partner_id", "=", self.customer_a.id)])
        self.assertEqual(checkin.user_id, self.user_salesperson)
        self.assertAlmostEqual(checkin.distance, 77, delta=3)
        self.assertEqual(checkin.accuracy, 12)
        self.assertTrue(checkin.photo_ids.image)
        self.assertTrue(checkin.flag_stale_photo, "a photo without EXIF time")
