"""Letters both backends read as others, in what they index and in queries alike.

ASCII folding (Lucene's, and tantivy's port of it) folds Latin letters only,
so the spellings a Greek or Russian reader types were other words:

* Greek capitals carry no accents ("ΑΘΗΝΑ", "Η ΚΥΒΕΡΝΗΣΗ" in a headline) and
  many readers type none (`Μητσοτακης`), while running text writes them
  ("Αθήνα", "Μητσοτάκης"): `Μητσοτάκης` did not find the headline, nor
  `Μητσοτακης` the story. Accents and diaeresis are dropped ("ά", "ΐ", "ϋ"
  and the polytonic letters of older text), and the final sigma is a sigma:
  tantivy lower-cases a final capital "Σ" to "ς", Lucene to "σ", so
  "ΑΘΗΝΑΣ" and "Αθήνας" met on neither engine alike.
* Russian "ё" is mostly written "е" ("Ёлка", "Елка", "Фёдоров", "Федоров").

Each letter becomes one letter, so character offsets in the folded text are
offsets in the text as written (highlights are marked on the original).
Pure: both backends call it, and so does nothing else.
"""
from __future__ import annotations

import re
import unicodedata


def _greek_base(ch: str) -> str | None:
    """The letter without its marks, when `ch` is a Greek letter carrying any."""
    if not unicodedata.name(ch, "").startswith("GREEK"):
        return None
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base != ch and unicodedata.name(base, "").startswith("GREEK") else None


_TABLE = {code: base for code in [*range(0x0370, 0x0400), *range(0x1F00, 0x2000)]
          if (base := _greek_base(chr(code))) is not None}
_TABLE.update({ord("ς"): "σ", ord("Σ"): "σ", ord("ё"): "е", ord("Ё"): "Е"})
FOLDED = str.maketrans(_TABLE)
#: Whether a text holds anything to fold: a regex search is a microsecond on a
#: paragraph, where translating every paragraph that is not ASCII (curly quotes
#: make most of them so) cost more than the indexing of it.
_TO_FOLD = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def fold_letters(text: str) -> str:
    """`text` as both backends read it: see the module's docstring. Same length."""
    if text.isascii() or _TO_FOLD.search(text) is None:
        return text
    return text.translate(FOLDED)
