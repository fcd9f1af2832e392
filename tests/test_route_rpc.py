"""Visit planning on the demo database: the visits due, and 张伟's doubtful
check-ins as his manager finds them, and his visit plans, over JSON-RPC."""
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


def test_the_demo_plans_of_the_salesperson(login):
    zhang = login("zhangwei")
    plans = zhang.call("dealer.visit.plan", "search_read", [], ["date", "line_count", "visited_count", "user_id"],
                       order="date desc")
    assert {row["user_id"][1] for row in plans} == {"张伟"}, "his own plans only"
    today, *past = plans
    assert today["line_count"] > 0 and len(past) >= 3, plans
    stops = zhang.call("dealer.visit.plan.line", "search_read", [("plan_id", "in", [row["id"] for row in past])],
                       ["state", "checkin_id"])
    assert {row["state"] for row in stops} <= {"visited", "missed"}, "last week's days are closed"
    assert all(row["checkin_id"] for row in stops if row["state"] == "visited"), stops
    assert any(row["state"] == "visited" for row in stops), stops
    # My Plan opens today's plan; its stops are in route order.
    action = zhang.call("dealer.visit.plan", "action_my_plan")
    assert action["res_id"] == today["id"], action
    route = zhang.call("dealer.visit.plan.line", "search_read", [("plan_id", "=", today["id"])],
                       ["sequence", "planned_time", "distance_km", "state"], order="sequence")
    times = [row["planned_time"] for row in route if row["planned_time"]]
    assert times and {row["state"] for row in route} <= {"planned", "visited"}, route

    manager = login("wangjianguo")
    rows = manager.call("dealer.visit.plan.line", "formatted_read_group", [("state", "!=", "planned")],
                        ["user_id"], ["visited_rate:avg", "__count"])
    rates = {row["user_id"][1]: row["visited_rate:avg"] for row in rows}
    assert 0 < rates["张伟"] <= 100, rates


def test_nobody_marks_a_stop_visited_over_rpc(login):
    zhang = login("zhangwei")
    [stop] = zhang.call("dealer.visit.plan.line", "search_read", [("state", "=", "missed")], ["plan_id"], limit=1)
    for values in ({"state": "visited"}, {"sequence": 1}):
        with pytest.raises(RpcError) as error:
            zhang.call("dealer.visit.plan.line", "write", [stop["id"]], values)
        assert error.value.name.endswith("AccessError"), error.value.message
    with pytest.raises(RpcError):
        zhang.call("dealer.visit.plan.line", "unlink", [stop["id"]])
    with pytest.raises(RpcError):
        zhang.call("dealer.visit.plan", "write", [stop["plan_id"][0]], {"date": "2099-01-01"})
    [after] = zhang.call("dealer.visit.plan.line", "read", [stop["id"]], ["state"])
    assert after["state"] == "missed"


def test_the_nearest_pool_customer_from_shanghai(login):
    zhang = login("zhangwei")
    # People's Square, 上海.
    rows = zhang.call("res.partner", "dealer_nearby", 31.2304, 121.4737, radius_m=20000)
    assert rows and rows == sorted(rows, key=lambda row: row["distance_m"]), rows
    pooled = [row for row in rows if row["in_pool"]]
    assert pooled, rows
    nearest = pooled[0]
    assert nearest["owner"] is False and nearest["direction"], nearest
    # What the pool hides stays hidden: no phone, no street.
    [customer] = zhang.call("res.partner", "read", [nearest["id"]], ["phone", "street", "name"])
    assert customer["phone"] is False and customer["street"] is False, customer
