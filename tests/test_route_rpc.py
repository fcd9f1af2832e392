"""Visit planning on the demo database: the visits due, and 张伟's doubtful
check-ins as his manager finds them, over JSON-RPC."""
import pytest

from conftest import RpcError


def test_the_demo_suspicious_visits_in_the_check_in_report(login):
    manager = login("wangjianguo")
    suspicious = manager.call(
        "dealer.checkin", "search_read", [("is_suspicious", "=", True)],
        ["user_id", "partner_id", "trust_score", "trust_reasons", "flag_impossible_travel", "flag_reused_photo"])
    assert {row["user_id"][1] for row in suspicious} == {"张伟"}, suspicious
    assert any(row["flag_impossible_travel"] for row in suspicious), suspicious
    assert any(row["flag_reused_photo"] for row in suspicious), suspicious
    # In Chinese, and saying what lowered the score.
    assert all("−" in row["trust_reasons"] for row in suspicious), suspicious
    reused = next(row for row in suspicious if row["flag_reused_photo"])
    [photo] = manager.call("dealer.checkin.photo", "search_read", [("checkin_id", "=", reused["id"])],
                           ["reused_photo_id", "reused_checkin_id", "reused_image_256"])
    assert photo["reused_photo_id"] and photo["reused_image_256"], "the original, shown beside it"
    rows = manager.call("dealer.checkin.report", "formatted_read_group", [("kind", "=", "checkin")], ["user_id"],
                        ["trust_score:avg", "suspicious_count:sum"])
    scores = {row["user_id"][1]: row for row in rows}
    assert scores["张伟"]["suspicious_count:sum"] >= 2, scores
    assert 0 < scores["张伟"]["trust_score:avg"] < 100, scores


def test_nobody_clears_a_flag_over_rpc(login):
    manager = login("wangjianguo")
    [checkin] = manager.call("dealer.checkin", "search_read", [("flag_impossible_travel", "=", True)],
                             ["trust_score"], limit=1)
    for values in ({"flag_impossible_travel": False}, {"trust_score": 100}, {"is_suspicious": False}):
        with pytest.raises(RpcError) as error:
            manager.call("dealer.checkin", "write", [checkin["id"]], values)
        assert error.value.name.endswith("AccessError"), error.value.message
    [after] = manager.call("dealer.checkin", "read", [checkin["id"]], ["flag_impossible_travel", "trust_score"])
    assert after["flag_impossible_travel"] and after["trust_score"] == checkin["trust_score"]


def test_visits_due_for_the_salesperson(login):
    zhang = login("zhangwei")
    customers = zhang.call("res.partner", "search_read",
                           [("user_id.login", "=", "zhangwei"), ("is_company", "=", True), ("is_dealer", "=", True)],
                           ["dealer_next_visit_due", "dealer_visit_days", "dealer_last_visit_time"])
    assert customers and all(row["dealer_next_visit_due"] for row in customers), customers
    assert any(row["dealer_last_visit_time"] for row in customers), customers
    with pytest.raises(RpcError):
        zhang.call("res.partner", "write", [customers[0]["id"]], {"dealer_visit_interval_days": 365})
    with pytest.raises(RpcError):
        zhang.call("res.partner", "write", [customers[0]["id"]], {"dealer_next_visit_due": "2099-01-01"})
    [after] = zhang.call("res.partner", "read", [customers[0]["id"]], ["dealer_next_visit_due"])
    assert after["dealer_next_visit_due"] == customers[0]["dealer_next_visit_due"]
