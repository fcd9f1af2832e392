"""The public pool of the demo database, as the phone calls it."""
import pytest

from conftest import RpcError


def test_demo_pools_hold_customers_and_a_member_claims_one(login):
    zhang = login("zhangwei")
    pools = {pool["name"]: pool for pool in zhang.call("dealer.pool", "search_read", [], ["name", "customer_count"])}
    assert pools["华东公海"]["customer_count"] >= 1 and pools["华北公海"]["customer_count"] >= 1, pools
    [customer] = zhang.call("res.partner", "search_read", [("pool_id.name", "=", "华东公海")], ["name"], limit=1)
    zhang.call("res.partner", "action_pool_claim", [customer["id"]])
    [claimed] = zhang.call("res.partner", "read", [customer["id"]], ["user_id", "in_pool", "dealer_owner_log_ids"])
    assert claimed["user_id"][0] == zhang.uid and not claimed["in_pool"]
    [log] = zhang.call("dealer.owner.log", "read", claimed["dealer_owner_log_ids"][:1], ["action", "to_user_id"])
    assert log["action"] == "claim" and log["to_user_id"][0] == zhang.uid

    # 刘洋 claims it a moment later: told it is gone, not whose it became, and nothing changes.
    liu = login("liuyang")
    with pytest.raises(RpcError) as error:
        liu.call("res.partner", "action_pool_claim", [customer["id"]])
    assert error.value.name == "odoo.exceptions.UserError", error.value.name
    assert "刚被别人领取" in error.value.message and "张伟" not in error.value.message, error.value.message
    [still] = zhang.call("res.partner", "read", [customer["id"]], ["user_id", "dealer_owner_log_ids"])
    assert still["user_id"][0] == zhang.uid and still["dealer_owner_log_ids"] == claimed["dealer_owner_log_ids"]


def test_release_needs_a_reason_in_chinese(login):
    zhang = login("zhangwei")
    [customer] = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)
    [pool] = zhang.call("dealer.pool", "search", [("name", "=", "华东公海")])
    with pytest.raises(RpcError) as error:
        zhang.call("res.partner", "action_pool_release", [customer], pool, " ")
    assert "原因" in error.value.message, error.value.message


def test_east_pool_hides_contact_details_until_claimed(login):
    manager = login("wangjianguo")
    customers = manager.call("res.partner", "search_read", [("pool_id.name", "=", "华东公海"), ("phone", "!=", False)],
                             ["phone", "email"])
    assert customers, "the demo pool 华东公海 holds customers with a phone"
    customer = customers[-1]
    # A member who did not give the customer up (the reclaim cooldown would stop them).
    logs = manager.call("dealer.owner.log", "search_read", [("partner_id", "=", customer["id"])], ["from_user_id"])
    gave_up = {log["from_user_id"][0] for log in logs if log["from_user_id"]}
    member = next(user for user in (login("lina"), login("zhangwei")) if user.uid not in gave_up)
    [seen] = member.call("res.partner", "read", [customer["id"]], ["name", "phone", "email", "street"])
    assert seen["name"] and not seen["phone"] and not seen["email"] and not seen["street"], seen
    member.call("res.partner", "action_pool_claim", [customer["id"]])
    [seen] = member.call("res.partner", "read", [customer["id"]], ["phone"])
    assert seen["phone"] == customer["phone"], seen


def test_recycle_rules_and_forecast_speak_chinese(login):
    manager = login("wangjianguo")
    [pool] = manager.call("dealer.pool", "search_read", [("name", "=", "华东公海")], ["rule_ids", "warning_days"])
    rules = manager.call("dealer.pool.rule", "read", pool["rule_ids"], ["display_name", "active", "days_a"])
    names = {rule["display_name"] for rule in rules if rule["active"]}
    assert names == {"30 天未跟进", "90 天无确认订单"}, names
    zhang = login("zhangwei")
    forecast = zhang.call("dealer.pool.forecast", "search_read", [], ["partner_id", "user_id", "reason"])
    assert forecast and all(row["user_id"][0] == zhang.uid for row in forecast), forecast
    assert all(row["reason"].endswith(("未跟进", "无确认订单")) for row in forecast), forecast
