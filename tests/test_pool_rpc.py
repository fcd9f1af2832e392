"""The public pool of the demo database, as the phone calls it."""
import pytest

from conftest import RpcError


def test_demo_pools_hold_customers_and_a_member_claims_one(login):
    zhang = login("zhangwei")
    pools = {pool["name"]: pool for pool in zhang.call("dealer.pool", "search_read", [], ["name", "customer_count"])}
    assert pools["华东公海"]["customer_count"] >= 1 and pools["华北公海"]["customer_count"] >= 1, pools
    [customer] = zhang.call("res.partner", "search_read", [("pool_id.name", "=", "华东公海")], ["name"], limit=1)
    zhang.call("res.partner", "action_pool_claim", [customer["id"]])
    [claimed] = zhang.call("res.partner", "read", [customer["id"]], ["user_id", "in_pool", "dealer_pool_log_ids"])
    assert claimed["user_id"][0] == zhang.uid and not claimed["in_pool"]
    [log] = zhang.call("dealer.pool.log", "read", claimed["dealer_pool_log_ids"][:1], ["action", "to_user_id"])
    assert log["action"] == "claim" and log["to_user_id"][0] == zhang.uid

    liu = login("liuyang")
    with pytest.raises(RpcError) as error:
        liu.call("res.partner", "action_pool_claim", [customer["id"]])
    assert "张伟" in error.value.message or "权" in error.value.message, error.value.message


def test_release_needs_a_reason_in_chinese(login):
    zhang = login("zhangwei")
    [customer] = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)
    [pool] = zhang.call("dealer.pool", "search", [("name", "=", "华东公海")])
    with pytest.raises(RpcError) as error:
        zhang.call("res.partner", "action_pool_release", [customer], pool, " ")
    assert "原因" in error.value.message, error.value.message
