"""The WeCom addon's crypto and its fake WeCom API, loaded from their files
(they import nothing of Odoo), for the end-to-end tests and the bench."""
import importlib.util
from pathlib import Path

WECOM = Path(__file__).resolve().parent.parent / "addons" / "dealer_crm_wecom"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


crypto = _load("wecom_crypto", WECOM / "tools" / "crypto.py")
fake_wecom = _load("wecom_fake", WECOM / "tests" / "fake_wecom.py")
