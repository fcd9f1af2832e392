"""Configuration of `make serve` and `make replica`, rendered from config/.

    render_config.py template TEMPLATE OUT NAME=VALUE…
        TEMPLATE with each {{NAME}} replaced by VALUE; a {{NAME}} left
        without a value is an error.
    render_config.py odoo OUT KEY=VALUE…
        config/odoo-production.conf with the KEYs of [options] set to VALUE
        (removed when VALUE is empty): the nodes keep the production
        profile's limits, and only what places them here changes.
"""
import configparser
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"{{([A-Z_]+)}}")


def assignments(arguments):
    values = {}
    for argument in arguments:
        name, separator, value = argument.partition("=")
        if not separator:
            sys.exit(f"render_config.py: {argument!r} is not NAME=VALUE")
        values[name] = value
    return values


def render_template(template, out, values):
    text = Path(template).read_text()
    missing = sorted({name for name in PLACEHOLDER.findall(text) if name not in values})
    if missing:
        sys.exit(f"render_config.py: no value for {', '.join(missing)} in {template}")
    Path(out).write_text(PLACEHOLDER.sub(lambda match: values[match.group(1)], text))


def render_odoo(out, values):
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "config" / "odoo-production.conf")
    for key, value in values.items():
        if value:
            config["options"][key] = value
        else:
            config.remove_option("options", key)
    with open(out, "w") as stream:
        stream.write("; Rendered by scripts/render_config.py from config/odoo-production.conf: do not edit.\n")
        config.write(stream)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "template":
        render_template(sys.argv[2], sys.argv[3], assignments(sys.argv[4:]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "odoo":
        render_odoo(sys.argv[2], assignments(sys.argv[3:]))
    else:
        sys.exit(__doc__)
