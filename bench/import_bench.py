# Run inside `odoo-bin shell` (bench/run.sh): `env` is a superuser environment.
# Imports the same realistic .xlsx with Dealer CRM's wizard (parse, validate,
# map regions/channels/provinces, deduplicate against the database and the
# file, create customers and their contacts, one transaction) and with Odoo's
# base_import (plain partner rows, no checks), and prints rows per second.
import base64
import io
import os
import random
import time

import openpyxl

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000 10000 50000").split()]
random.seed(42)

def ensure(model, name, **values):
    return env[model].search([("name", "=", name), *[(key, "=", value) for key, value in values.items()]]) or env[model].create({"name": name, **values})


regions = {}
for top, subs in {"华东区": ["上海", "江苏", "浙江"], "华北区": ["北京", "天津", "河北"], "华南区": ["广东", "福建"]}.items():
    parent = ensure("dealer.region", top, parent_id=False)
    for sub in subs:
        regions[f"{top} › {sub}"] = ensure("dealer.region", sub, parent_id=parent.id)
channels = [ensure("dealer.channel", name).name for name in ("五金市场", "建材市场", "电商", "工程渠道")]
types = [ensure("dealer.customer.type", name).name for name in ("经销商", "代理商", "分销商", "终端客户")]
sources = [ensure("dealer.source", name).name for name in ("陌拜", "展会", "转介绍", "官网", "电话营销")]
provinces = ["上海市", "江苏省", "浙江省", "北京市", "广东省", "福建省"]
admin = env.ref("base.user_admin")
admin.group_ids += env.ref("dealer_crm.group_dealer_manager")
# A Chinese company: its lists write numbers without the country code.
env.company.partner_id.country_id = env.ref("base.cn")
env.cr.commit()

HEADER = ["客户名称 / Customer Name", "客户类型", "渠道", "区域", "客户来源", "重要程度", "电话", "手机",
          "邮箱", "税号", "省份", "城市", "详细地址", "联系人", "职位"]


def workbook(rows):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append([
            f"{random.choice(['鑫达', '恒通', '盛源', '永发', '金鼎'])}五金{i}号商行",
            random.choice(types), random.choice(channels), random.choice(list(regions)), random.choice(sources),
            random.choice("ABCD"), f"021-{60000000 + i}", f"139{10000000 + i:08d}", f"dealer{i}@example.cn",
            f"91310000MA{i:08d}", random.choice(provinces), "上海", f"浦东新区张江路{i}号", f"联系人{i}", "总经理",
        ])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def ours(content):
    wizard = env["dealer.import.wizard"].with_user(admin).create({
        "file": base64.b64encode(content), "filename": "bench.xlsx",
    })
    start = time.perf_counter()
    wizard.action_import()
    env.flush_all()
    elapsed = time.perf_counter() - start
    assert wizard.new_count > 0 and wizard.invalid_count == 0, (wizard.new_count, wizard.invalid_count)
    return elapsed, wizard.new_count


def base_import(content, rows):
    importer = env["base_import.import"].with_user(admin).create({
        "res_model": "res.partner", "file": content, "file_name": "bench.xlsx",
        "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    })
    fields = ["name", False, False, False, False, False, "phone", False, "email", "vat", False, "city", "street", False, False]
    start = time.perf_counter()
    result = importer.execute_import(fields, HEADER, {"has_headers": True, "quoting": '"', "separator": ","})
    env.flush_all()
    elapsed = time.perf_counter() - start
    assert not [m for m in result["messages"] if m.get("type") == "error"], result["messages"][:3]
    assert len(result["ids"]) == rows, len(result["ids"])
    return elapsed


print(f"{'rows':>8} {'dealer import s':>16} {'rows/s':>8} {'base_import s':>14} {'rows/s':>8} {'ratio':>6}")
previous = None
for size in SIZES:
    content = workbook(size)
    ours_s, created = ours(content)
    env.cr.rollback()
    theirs_s = base_import(content, size)
    env.cr.rollback()
    print(f"{size:>8} {ours_s:>16.2f} {created / ours_s:>8.0f} {theirs_s:>14.2f} {size / theirs_s:>8.0f} "
          f"{theirs_s / ours_s:>5.1f}x")
    if previous:
        print(f"{'':>8} growth ×{size / previous[0]:.0f} rows: dealer import ×{ours_s / previous[1]:.1f} time")
    previous = (size, ours_s)
