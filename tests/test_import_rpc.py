"""The customer import as a salesperson's phone or an integration calls it."""
import base64
import uuid

import pytest

from conftest import RpcError


def _wizard(user, content, filename, **values):
    return user.call("dealer.import.wizard", "create",
                     [{"file": base64.b64encode(content).decode(), "filename": filename, **values}])[0]


def test_import_a_csv_then_find_the_customers(login):
    zhang = login("zhangwei")
    tag = uuid.uuid4().hex[:6]
    mobile = f"1390000{uuid.uuid4().int % 10000:04d}"
    content = f"客户名称,区域,渠道,手机,联系人\n测试客户{tag}甲,华东区/上海,五金市场,{mobile},周{tag}\n" \
              f"测试客户{tag}乙,,电商,,\n".encode("gbk")
    wizard = _wizard(zhang, content, "客户.csv")
    zhang.call("dealer.import.wizard", "action_preview", [wizard])
    [counts] = zhang.call("dealer.import.wizard", "read", [wizard], ["new_count", "invalid_count", "state"])
    assert (counts["new_count"], counts["invalid_count"], counts["state"]) == (2, 0, "preview")
    zhang.call("dealer.import.wizard", "action_import", [wizard])
    customers = zhang.call("res.partner", "search_read", [("name", "like", f"测试客户{tag}")],
                           ["name", "user_id", "dealer_code", "dealer_region_id", "child_ids"])
    assert len(customers) == 2
    assert all(c["user_id"][0] == zhang.uid and c["dealer_code"].startswith("KH") for c in customers)
    first = next(c for c in customers if c["name"].endswith("甲"))
    assert first["dealer_region_id"][1] == "华东区 › 上海"
    assert len(first["child_ids"]) == 1
    # Counted at once as 张伟's new customers, as a customer made on the form is, and logged as created.
    manager = login("wangjianguo")
    ids = [c["id"] for c in customers]
    facts = manager.call("dealer.sales.fact", "search_read",
                         [("metric", "=", "new_customers"), ("partner_id", "in", ids)], ["user_id", "record_count"])
    assert sorted((fact["user_id"][0], fact["record_count"]) for fact in facts) == [(zhang.uid, 1), (zhang.uid, 1)]
    logs = manager.call("dealer.owner.log", "search_read", [("partner_id", "in", ids)], ["action", "to_user_id"])
    assert sorted((log["action"], log["to_user_id"][0]) for log in logs) == [("create", zhang.uid)] * 2


def test_a_bad_file_gets_a_chinese_error_and_writes_nothing(login):
    zhang = login("zhangwei")
    before = zhang.call("res.partner", "search_count", [("is_dealer", "=", True)])
    wizard = _wizard(zhang, b"%PDF-1.4\x00\x01", "scan.xlsx")
    with pytest.raises(RpcError) as error:
        zhang.call("dealer.import.wizard", "action_import", [wizard])
    assert error.value.name == "odoo.exceptions.UserError"
    assert "scan.xlsx" in error.value.message
    assert "二进制" in error.value.message, error.value.message
    assert zhang.call("res.partner", "search_count", [("is_dealer", "=", True)]) == before
