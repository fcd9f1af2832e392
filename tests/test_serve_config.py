"""The configuration `make serve` and `make replica` render from config/."""
import configparser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDER = [sys.executable, str(ROOT / "scripts" / "render_config.py")]


def read_options(path):
    config = configparser.ConfigParser(interpolation=None)
    config.read(path)
    return dict(config["options"])


def test_nodes_keep_the_production_limits(tmp_path):
    out = tmp_path / "node1.conf"
    subprocess.run(RENDER + ["odoo", str(out), "workers=5", "max_cron_threads=0", "http_port=8170",
                             "db_replica_host=127.0.0.1", "without_demo="], check=True)
    production, node = read_options(ROOT / "config" / "odoo-production.conf"), read_options(out)
    for key in ("limit_memory_soft", "limit_memory_hard", "limit_time_cpu", "limit_time_real",
                "limit_time_real_cron", "limit_request", "proxy_mode", "list_db"):
        assert node[key] == production[key], key
    assert (node["workers"], node["max_cron_threads"], node["http_port"], node["db_replica_host"]) == (
        "5", "0", "8170", "127.0.0.1")
    assert "without_demo" not in node, "an empty value removes the option"


def test_nginx_template_filled_or_refused(tmp_path):
    template = ROOT / "config" / "serve" / "nginx.conf.in"
    values = {"USER_DIRECTIVE": "", "RUN_DIR": "/run/x", "LOG_DIR": "/log/x", "LISTEN": "127.0.0.1:8080",
              "HTTP_SERVERS": "        server 127.0.0.1:8170;\n        server 127.0.0.1:8270;",
              "GEVENT_SERVERS": "        server 127.0.0.1:8171;", "TIME_REAL": "1200"}
    out = tmp_path / "nginx.conf"
    subprocess.run(RENDER + ["template", str(template), str(out)] + [f"{k}={v}" for k, v in values.items()],
                   check=True)
    text = out.read_text()
    assert "{{" not in text
    assert "server 127.0.0.1:8270;" in text and "listen 127.0.0.1:8080;" in text
    assert "proxy_read_timeout 1200s;" in text
    refused = subprocess.run(RENDER + ["template", str(template), str(tmp_path / "other.conf"), "RUN_DIR=/x"],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "no value for" in refused.stderr
    assert not (tmp_path / "other.conf").exists(), "nothing half-written"
