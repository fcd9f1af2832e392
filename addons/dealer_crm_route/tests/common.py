import base64
import io
import itertools

from PIL import Image

from odoo import Command

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon, shanghai_now
from odoo.addons.dealer_crm_field.tools.photo import EXIF_DATETIME_ORIGINAL, EXIF_IFD

from .photos import shop_photo

# 上海鑫达五金商行's pin; a shop 300 m away; one in 杭州, 165 km away.
PIN = (31.2304, 121.4737)
NEIGHBOUR = (31.2331, 121.4740)
HANGZHOU = (30.2741, 120.1551)


def jpeg(image, quality=90, taken=None):
    """``image`` as a phone's JPEG upload, taken now in Shanghai (EXIF), base64."""
    exif = Image.Exif()
    exif[EXIF_IFD] = {EXIF_DATETIME_ORIGINAL: (taken or shanghai_now()).strftime("%Y:%m:%d %H:%M:%S")}
    output = io.BytesIO()
    image.save(output, "JPEG", quality=quality, exif=exif.tobytes())
    return base64.b64encode(output.getvalue())


class DealerRouteCommon(DealerCrmCommon):
    """Customers pinned in Shanghai and Hangzhou, and check-ins with photos
    of shops of their own (a photo is never reused unless a test says so)."""

    _shops = itertools.count(100)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({"partner_latitude": PIN[0], "partner_longitude": PIN[1]})
        cls.customer_neighbour = cls._create_customer(
            "上海万家五金机电商行", cls.user_salesperson,
            partner_latitude=NEIGHBOUR[0], partner_longitude=NEIGHBOUR[1])
        cls.customer_hangzhou = cls._create_customer(
            "杭州永发装饰材料商行", cls.user_salesperson,
            partner_latitude=HANGZHOU[0], partner_longitude=HANGZHOU[1])
        cls.Checkin = cls.env["dealer.checkin"]

    def check_in(self, customer=None, position=PIN, accuracy=20.0, photo=None, user=None):
        """A check-in as the phone sends it, by ``user`` (the first salesperson)."""
        photo = jpeg(shop_photo(next(self._shops), size=(800, 600))) if photo is None else photo
        return self.Checkin.with_user(user or self.user_salesperson).create({
            "partner_id": (customer or self.customer_a).id,
            "latitude": position[0],
            "longitude": position[1],
            "accuracy": accuracy,
            "photo_ids": [Command.create({"name": "门店.jpg", "image": photo})],
        })
