import json

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_crm_field.tests.common import make_photo

from .common import WeComCommon


@tagged("post_install", "-at_install")
class TestWeComUiMobile(HttpCase, WeComCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_checkin_inside_wecom(self):
        self.customer_a.write({"partner_latitude": 31.2304, "partner_longitude": 121.4737})
        photo = make_photo(color=(200, 80, 40))
        media_id = self.fake.add_media(photo, "image/jpeg")
        tour = "dealer_crm_wecom_checkin_mobile"
        options = json.dumps({"stepDelay": 0, "keepWatchBrowser": False, "debug": False,
                              "startUrl": "/odoo/dealer-customers", "delayToCheckUndeterminisms": 0})
        self.start_tour("/odoo/dealer-customers", tour, login=self.user_salesperson.login,
                        code=f"window.dealerWeComMediaId = {json.dumps(media_id)}; "
                             f"odoo.startTour({json.dumps(tour)}, {options})")
        checkin = self.env["dealer.checkin"].search([("partner_id", "=", self.customer_a.id)])
        self.assertEqual(checkin.user_id, self.user_salesperson)
        self.assertEqual(checkin.accuracy, 15, "the position came from wx.getLocation")
        self.assertEqual(checkin.photo_ids.dealer_wecom_media_id, media_id)
        self.assertTrue(checkin.photo_ids.image, "the server fetched the photo from WeCom")
        self.assertIn(("media/get", media_id), [(path, query.get("media_id")) for path, query, _ in self.fake.calls])
        ticket_calls = [call for call in self.fake.calls if call[0] == "get_jsapi_ticket"]
        self.assertEqual(len(ticket_calls), 1)
