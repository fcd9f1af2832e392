"""`make backup` and `make restore`: a backup of the demo database restored
into a new database keeps its check-in photos, watermarked, and its sales
facts; a restore never writes over a database."""
import hashlib
import io
import subprocess
from pathlib import Path

from PIL import Image, ImageStat

from conftest import ROOT, SCRIPTS, _bash


def _query(database, sql):
    return _bash(f'psql -d {database} -tAc "{sql}"', check=True, capture_output=True, text=True).stdout.strip()


def test_backup_restored_into_a_new_database(database, tmp_path):
    _bash(f'DEALER_CRM_DB={database} DEALER_CRM_BACKUP_DIR="{tmp_path}" bash "{SCRIPTS}/backup.sh"', check=True)
    [dump] = tmp_path.glob(f"{database}-*.dump")
    assert dump.with_name(dump.name.replace(".dump", ".filestore.tar.gz")).is_file()
    restored = f"{database}_restore_test"
    home = Path(_bash("echo $DEALER_CRM_HOME", check=True, capture_output=True, text=True).stdout.strip())
    try:
        subprocess.run(["make", "-s", "restore", f"FILE={dump}", f"NAME={restored}"], cwd=ROOT, check=True)
        facts = _query(database, "SELECT count(*) FROM dealer_sales_fact")
        assert int(facts) > 0
        assert _query(restored, "SELECT count(*) FROM dealer_sales_fact") == facts

        store_fname, checksum = _query(
            restored, "SELECT store_fname, checksum FROM ir_attachment WHERE res_model = 'dealer.checkin.photo' "
                      "AND res_field = 'image' ORDER BY id LIMIT 1").split("|")
        content = (home / "data" / "filestore" / restored / store_fname).read_bytes()
        assert hashlib.sha1(content).hexdigest() == checksum, "the photo's file came back whole"
        photo = Image.open(io.BytesIO(content))
        # The pipeline's band: three lines of text, 1/36 of the shorter side high (at least 14 px).
        width, height = photo.size
        size = max(14, round(min(width, height) / 36))
        top = height - (round(size * 1.35) * 3 + 2 * (size // 2))
        band, above = (0, top, width, height), (0, top - 40, width, top)
        gray = photo.convert("L")
        assert ImageStat.Stat(gray.crop(band)).mean[0] < ImageStat.Stat(gray.crop(above)).mean[0], \
            "the watermark's dark band at the bottom"
        assert gray.crop(band).getextrema()[1] > 200, "with white text in it"

        again = subprocess.run(["make", "-s", "restore", f"FILE={dump}", f"NAME={restored}"], cwd=ROOT,
                               capture_output=True, text=True)
        assert again.returncode != 0 and "exists" in again.stderr, "never over an existing database"
    finally:
        _bash(f"drop_db {restored}")
