"""merge_po.py POT PO: bring PO in line with POT, keeping its translations.

New terms get an empty msgstr (the test suite then fails until they are
translated); terms gone from POT are dropped.
"""
import sys

import polib

pot = polib.pofile(sys.argv[1])
po = polib.pofile(sys.argv[2])
translations = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in po}
merged = polib.POFile(wrapwidth=pot.wrapwidth)
merged.header = po.header
merged.metadata = po.metadata
for entry in pot:
    entry.msgstr = translations.get((entry.msgctxt, entry.msgid), "")
    merged.append(entry)
merged.save(sys.argv[2])
