"""Field work as the phone calls it: a check-in with a camera photo, a bad
photo, a follow-up, and the manager's report, on the demo database."""
import base64
import io
from datetime import datetime, timedelta

import pytest
from PIL import Image

from conftest import RpcError

CUSTOMER = "上海恒通五金机电经营部"  # 张伟's, pinned at 31.2304, 121.4737


def _photo():
    image = Image.new("RGB", (3000, 2000), (90, 140, 60))
    exif = Image.Exif()
    exif[0x8769] = {36867: (datetime.utcnow() + timedelta(hours=8)).strftime("%Y:%m:%d %H:%M:%S")}
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif.tobytes())
    return base64.b64encode(output.getvalue()).decode()


def _customer(user):
    [customer] = user.call("res.partner", "search_read", [("name", "=", CUSTOMER)], ["partner_latitude"])
    return customer


def test_check_in_with_a_photo(login):
    zhang = login("zhangwei")
    customer = _customer(zhang)
    [checkin_id] = zhang.call("dealer.checkin", "create", [{
        "partner_id": customer["id"], "latitude": 31.2310, "longitude": 121.4741, "accuracy": 15,
        "photo_ids": [[0, 0, {"name": "门头.jpg", "image": _photo()}]],
    }])
    [checkin] = zhang.call("dealer.checkin", "read", [checkin_id],
                           ["distance", "is_flagged", "flag_stale_photo", "user_id", "photo_ids"])
    assert checkin["user_id"][0] == zhang.uid
    assert 70 < checkin["distance"] < 85
    assert not checkin["is_flagged"], checkin
    [photo] = zhang.call("dealer.checkin.photo", "read", checkin["photo_ids"], ["image"])
    stored = Image.open(io.BytesIO(base64.b64decode(photo["image"])))
    assert stored.size == (1600, 1067)
    assert sum(stored.getpixel((5, stored.height - 5))) < sum(stored.getpixel((800, 100))), "watermark band"

    wang = login("wangjianguo")
    groups = wang.call("dealer.checkin.report", "formatted_read_group", [("kind", "=", "checkin")],
                       ["user_id"], ["visit_count:sum"])
    visits = {group["user_id"][1]: group["visit_count:sum"] for group in groups}
    assert visits.get("张伟", 0) >= 1, visits


def test_a_bad_photo_gets_a_chinese_error_and_nothing_is_stored(login):
    zhang = login("zhangwei")
    customer = _customer(zhang)
    before = zhang.call("dealer.checkin", "search_count", [])
    with pytest.raises(RpcError) as error:
        zhang.call("dealer.checkin", "create", [{
            "partner_id": customer["id"], "latitude": 31.2310, "longitude": 121.4741, "accuracy": 15,
            "photo_ids": [[0, 0, {"name": "合同.jpg", "image": base64.b64encode(b"%PDF-1.4 not a photo").decode()}]],
        }])
    assert error.value.name == "odoo.exceptions.ValidationError"
    assert "不是照片" in error.value.message, error.value.message
    assert zhang.call("dealer.checkin", "search_count", []) == before
    [other] = zhang.call("res.partner", "search", [("name", "=", "上海万家五金机电商行")])
    with pytest.raises(RpcError) as error:
        zhang.call("dealer.checkin", "action_check_out_open", other)
    assert "请先签到" in error.value.message, error.value.message


def test_follow_up_schedules_the_next_one(login):
    zhang = login("zhangwei")
    customer = _customer(zhang)
    next_date = (datetime.utcnow() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")
    [followup_id] = zhang.call("dealer.followup", "create", [{
        "partner_id": customer["id"], "method": "phone", "content": "电话确认样品已收到", "next_date": next_date,
    }])
    [followup] = zhang.call("dealer.followup", "read", [followup_id], ["next_activity_id"])
    assert followup["next_activity_id"]
    [partner] = zhang.call("res.partner", "read", [customer["id"]], ["next_followup_date", "last_followup_date"])
    assert partner["next_followup_date"] == next_date


def test_check_in_with_a_webp_photo_and_bad_coordinates(login):
    """Phones send WebP; a client can send NaN where the browser would not."""
    zhang = login("zhangwei")
    customer = _customer(zhang)
    output = io.BytesIO()
    Image.new("RGB", (2000, 1500), (60, 90, 140)).save(output, "WEBP")
    [checkin_id] = zhang.call("dealer.checkin", "create", [{
        "partner_id": customer["id"], "latitude": 31.2310, "longitude": 121.4741, "accuracy": 15,
        "photo_ids": [[0, 0, {"name": "门头.webp", "image": base64.b64encode(output.getvalue()).decode()}]],
    }])
    [checkin] = zhang.call("dealer.checkin", "read", [checkin_id], ["photo_ids"])
    [photo] = zhang.call("dealer.checkin.photo", "read", checkin["photo_ids"], ["image"])
    assert Image.open(io.BytesIO(base64.b64decode(photo["image"]))).size == (1600, 1200)
    zhang.call("dealer.checkin", "action_check_out_open", customer["id"])
    before = zhang.call("dealer.checkin", "search_count", [])
    for values in ({"latitude": float("nan")}, {"accuracy": float("inf")}, {"longitude": 500.0}):
        with pytest.raises(RpcError) as error:
            zhang.call("dealer.checkin", "create", [{
                "partner_id": customer["id"], "latitude": 31.2310, "longitude": 121.4741, "accuracy": 15,
                "photo_ids": [[0, 0, {"name": "门头.jpg", "image": _photo()}]], **values,
            }])
        assert error.value.name == "odoo.exceptions.ValidationError", error.value.message
    assert zhang.call("dealer.checkin", "search_count", []) == before
