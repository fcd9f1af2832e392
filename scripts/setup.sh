#!/usr/bin/env bash
# Installs what `make run` and `make test` need, skipping every step already done:
# Debian packages, Odoo 19.0 and a virtualenv (outside the clone), a running
# PostgreSQL and its database role.
source "$(dirname "$0")/common.sh"

# DEALER_CRM_EXTRA_PACKAGES: more, for one command (`make serve` adds nginx).
DEBIAN_PACKAGES=(postgresql libpq-dev libldap2-dev libsasl2-dev chromium fonts-noto-cjk wkhtmltopdf ffmpeg libopencore-amrnb0
                 ${DEALER_CRM_EXTRA_PACKAGES:-})
ODOO_REPOSITORY=${ODOO_REPOSITORY:-https://github.com/odoo/odoo.git}

install_debian_packages() {
    local missing=()
    for package in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

install_odoo_source() {
    [ -f "$ODOO_BIN" ] && return
    local staging="$DEALER_CRM_ODOO.partial"
    rm -rf "$staging"
    mkdir -p "$(dirname "$DEALER_CRM_ODOO")"
    if [ -n "${ODOO_SRC:-}" ]; then
        [ -f "$ODOO_SRC/odoo-bin" ] || die "ODOO_SRC=$ODOO_SRC holds no odoo-bin: point it at an Odoo 19.0 source tree."
        grep -q "version_info = (19, 0" "$ODOO_SRC/odoo/release.py" || die "ODOO_SRC=$ODOO_SRC is not Odoo 19.0."
        say "Copying Odoo 19.0 community from $ODOO_SRC to $DEALER_CRM_ODOO"
        mkdir -p "$staging"
        # Community only: never the proprietary enterprise tree.
        tar -C "$ODOO_SRC" --exclude=./odoo/enterprise --exclude=./custom-addons --exclude=./.git \
            -cf - ./odoo-bin ./setup.py ./setup.cfg ./requirements.txt ./addons ./odoo | tar -C "$staging" -xf -
    elif git ls-remote --heads "$ODOO_REPOSITORY" 19.0 >/dev/null 2>&1; then
        say "Cloning Odoo 19.0 from $ODOO_REPOSITORY to $DEALER_CRM_ODOO"
        git clone -q --depth 1 --branch 19.0 "$ODOO_REPOSITORY" "$staging"
    else
        die "Odoo 19.0 is not installed and cannot be fetched.
Set ODOO_SRC to a directory holding Odoo 19.0 community's odoo-bin (for example
'ODOO_SRC=/path/to/odoo make run'), or go online so that the set-up can clone
the official 19.0 branch. It is installed once, in $DEALER_CRM_ODOO."
    fi
    mv "$staging" "$DEALER_CRM_ODOO"
}

install_virtualenv() {
    local stamp="$DEALER_CRM_VENV/.requirements.sha256"
    local wanted
    wanted=$(sha256sum "$ROOT/config/requirements.txt" | cut -d' ' -f1)
    [ -x "$PYTHON" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && return
    say "Installing the Python requirements into $DEALER_CRM_VENV"
    [ -x "$PYTHON" ] || python3 -m venv "$DEALER_CRM_VENV"
    "$PYTHON" -m pip install -q --upgrade pip wheel 2>&1 | grep -v "is ignored: it is neither" || true
    "$PYTHON" -m pip install -q -r "$ROOT/config/requirements.txt" 2>&1 | grep -v "is ignored: it is neither" || true
    "$PYTHON" -c "import psycopg2, lxml, PIL, openpyxl, xlrd, websocket" || die "the Python requirements did not install; see the messages above."
    echo "$wanted" >"$stamp"
}

start_postgresql() {
    pg_isready -q -h "$PGHOST" -p "$PGPORT" && return
    say "Starting PostgreSQL"
    if command -v pg_lsclusters >/dev/null && [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
        as_root pg_createcluster --port "$PGPORT" 15 main
    fi
    local cluster
    cluster=$(primary_cluster)
    [ -n "$cluster" ] || die "no PostgreSQL cluster listens on port $PGPORT; set PGPORT or create one."
    # shellcheck disable=SC2086
    as_root pg_ctlcluster $cluster start
    for _ in $(seq 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && return; sleep 1; done
    die "PostgreSQL did not start; see /var/log/postgresql/."
}

create_database_role() {
    psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 && return
    say "Creating the PostgreSQL role $PGUSER"
    as_root runuser -u postgres -- env -u PGHOST -u PGUSER -u PGPASSWORD psql -q -p "$PGPORT" -v ON_ERROR_STOP=1 \
        -c "DO \$\$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER') THEN
                CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD';
              ELSE
                ALTER ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD';
              END IF;
            END \$\$;"
}

install_debian_packages
install_odoo_source
install_virtualenv
start_postgresql
create_database_role
