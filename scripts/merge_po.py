"""merge_po.py POT PO: bring PO in line with POT, keeping its translations.

New terms get an empty msgstr (the test suite then fails until they are
translated); terms gone from POT are dropped. A new addon's PO starts from
POT's header, in Simplified Chinese.
"""
import os
import sys

import polib

pot = polib.pofile(sys.argv[1])
if os.path.exists(sys.argv[2]):
    po = polib.pofile(sys.argv[2])
else:
    po = polib.POFile()
    po.header = pot.header
    po.metadata = {**pot.metadata, "Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"}
translations = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in po}
merged = polib.POFile(wrapwidth=pot.wrapwidth)
merged.header = po.header
merged.metadata = po.metadata
for entry in pot:
    entry.msgstr = translations.get((entry.msgctxt, entry.msgid), "")
    merged.append(entry)
merged.save(sys.argv[2])
