import io
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import trans_export


class TranslationsMixin:
    """The addon's .pot is what Odoo exports from the code and data today, and
    its zh_CN.po translates every term of it."""

    module = "dealer_crm"

    def _i18n(self, filename):
        return polib.pofile(str(Path(__file__).resolve().parents[2] / self.module / "i18n" / filename))

    def test_pot_is_up_to_date(self):
        buffer = io.BytesIO()
        trans_export(None, [self.module], buffer, "po", self.env)
        exported = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(buffer.getvalue().decode())}
        pot = self._i18n(f"{self.module}.pot")
        shipped = {(entry.msgctxt, entry.msgid) for entry in pot}
        self.assertEqual(exported - shipped, set(), "terms missing from the .pot: run `make pot`")
        elsewhere = {(entry.msgctxt, entry.msgid) for entry in pot if self._from_absent_records(entry)}
        self.assertEqual(shipped - exported - elsewhere, set(), "stale terms in the .pot: run `make pot`")

    def _from_absent_records(self, entry):
        """Whether every place of ``entry`` is a record this database lacks:
        a field another addon adds to our models (calendar's activity event
        on a ``mail.activity.mixin`` model) when that addon is not installed,
        as when the addon is tested alone. The .pot is exported with all."""
        places = [place for place, _line in entry.occurrences]
        return bool(places) and all(
            place.startswith("model:") and not self.env.ref(place.rsplit(":", 1)[1], raise_if_not_found=False)
            for place in places
        )

    def test_zh_cn_is_complete(self):
        terms = {(entry.msgctxt, entry.msgid) for entry in self._i18n(f"{self.module}.pot")}
        translations = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in self._i18n("zh_CN.po")}
        self.assertEqual(terms - translations.keys(), set(), "terms missing from zh_CN.po")
        untranslated = [msgid for key, msgid in terms if not translations.get((key, msgid))]
        self.assertEqual(untranslated, [], "untranslated terms in zh_CN.po")
        for (_context, msgid), msgstr in translations.items():
            for placeholder in ("%(", "%s", "%d"):
                self.assertEqual(msgid.count(placeholder), msgstr.count(placeholder), f"placeholders of {msgid!r}")


@tagged("post_install", "-at_install")
class TestTranslations(TranslationsMixin, TransactionCase):
    allow_inherited_tests_method = True
