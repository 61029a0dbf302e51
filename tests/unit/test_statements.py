"""Statement grouping: pure functions and the assigner, no engine."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.statements import StatementAssigner, band_keys, normalize, same_statement

QUOTES = [
    "We will not accept any deal that leaves our farmers behind",
    "we will not accept any deal that leaves our farmers behind...",
    "We will not accept any deal that leaves farmers behind",
    "The port reopens on Monday after three weeks of repairs",
    "No comment",
    "Prices rose faster than anyone on the committee expected this year",
]
#: Who said them: a short quote is one statement only with the same speaker's same words.
SPEAKERS = ["", "Ana Núñez", "ana nunez", "Bo Lind"]


class IndexStandIn:
    """What an index answers for band keys: every quote written so far under them."""

    def __init__(self):
        self.by_key: dict[str, list[tuple[str, str]]] = {}
        self.lookups = self.batch_lookups = 0

    def lookup(self, keys):
        self.lookups += 1
        return [found for key in keys for found in self.by_key.get(key, ())]

    def lookup_many(self, key_lists):
        self.batch_lookups += 1
        return [[found for key in keys for found in self.by_key.get(key, ())] for keys in key_lists]

    def write(self, statement_id, wording, keys):
        for key in keys:
            self.by_key.setdefault(key, []).append((statement_id, wording))


def assign_all(texts, remember: bool, commit_every: int = 3, prefetch: bool = False, index=None):
    """Statement ids for `texts` (each a text, or a (text, speaker) pair),
    written `commit_every` at a time; with `prefetch`, each batch's lookups go
    to the index at once before it is assigned."""
    texts = [(text, "") if isinstance(text, str) else text for text in texts]
    index = index or IndexStandIn()
    assigner = StatementAssigner(index.lookup)
    written = []
    ids = []
    for position, text in enumerate(texts):
        if prefetch and position % commit_every == 0:
            assigner.prefetch(texts[position:position + commit_every], index.lookup_many)
        if not remember:
            assigner.known.clear()
        statement_id, wording, keys = assigner.assign(*text)
        ids.append(statement_id)
        written.append((statement_id, wording, keys))
        if (position + 1) % commit_every == 0:  # a commit: the index now holds them
            for entry in written:
                index.write(*entry)
            written = []
            assigner.rebase(index.lookup)
    return ids


SAID = st.tuples(st.sampled_from(QUOTES), st.sampled_from(SPEAKERS))


@settings(max_examples=200, deadline=None)
@given(st.lists(SAID, max_size=30), st.integers(min_value=1, max_value=5))
def test_remembered_wordings_get_the_ids_the_full_lookup_gives(texts, commit_every):
    assert assign_all(texts, remember=True, commit_every=commit_every) == \
        assign_all(texts, remember=False, commit_every=commit_every)


@settings(max_examples=200, deadline=None)
@given(st.lists(SAID, max_size=30), st.integers(min_value=1, max_value=5), st.booleans())
def test_a_batch_looked_up_at_once_gets_the_ids_of_one_lookup_a_quote(texts, commit_every, remember):
    index = IndexStandIn()
    ids = assign_all(texts, remember=remember, commit_every=commit_every, prefetch=True, index=index)
    assert ids == assign_all(texts, remember=remember, commit_every=commit_every)
    if remember:  # a wording repeated within a batch is known by then: no lookup of its own
        assert index.lookups == 0
    assert index.batch_lookups <= -(-len(texts) // commit_every)


def test_prefetch_skips_known_wordings_and_a_rebase_drops_what_it_found():
    index = IndexStandIn()
    assigner = StatementAssigner(index.lookup)
    assigner.assign(QUOTES[0])
    asked = []
    quotes = [(QUOTES[0], ""), (QUOTES[3], ""), (QUOTES[3], "Bo Lind")]
    assigner.prefetch(quotes, lambda key_lists: asked.extend(key_lists) or
                      [[] for _ in key_lists])
    assert asked == [band_keys(normalize(QUOTES[3]))]  # once, and not the known wording
    assert list(assigner.prefetched) == [normalize(QUOTES[3])]
    assigner.rebase(index.lookup)
    assert assigner.prefetched == {}


def test_a_write_holds_one_pair_a_quote_however_many_keys_it_has():
    """A quote's band keys share its (statement id, text) pair: a pair and a list
    a key made `pending` most of what a load's writer held."""
    assigner = StatementAssigner(lambda keys: [])
    first, _, first_keys = assigner.assign(QUOTES[0])
    edited, _, edited_keys = assigner.assign(QUOTES[2])
    held = list(assigner.pending.values())
    pairs = {id(pair) for value in held for pair in ([value] if isinstance(value, tuple) else value)}
    assert len(pairs) == 2
    assert len(assigner.pending) == len(set(first_keys) | set(edited_keys))
    shared = [value for value in held if isinstance(value, list)]
    assert len(shared) == len(set(first_keys) & set(edited_keys)) > 0
    assigner.rebase(lambda keys: [], committing=True)  # held in flight, still found
    assert assigner.assign(QUOTES[1])[0] == first == edited


def test_edited_copies_join_and_other_sentences_do_not():
    ids = assign_all(QUOTES, remember=True)
    assert ids[0] == ids[1] == ids[2]
    assert len({ids[0], ids[3], ids[4], ids[5]}) == 4


def test_remembered_keys_are_the_computed_keys():
    assigner = StatementAssigner(lambda keys: [])
    first = assigner.assign(QUOTES[0])
    again = assigner.assign(QUOTES[0])
    assert again == first
    assert again[2] == band_keys(normalize(QUOTES[0]))


def test_same_statement_needs_enough_shared_word_pairs():
    assert same_statement(normalize(QUOTES[0]), normalize(QUOTES[2]))
    assert not same_statement(normalize(QUOTES[0]), normalize(QUOTES[3]))


def _fresh_band_keys(normalized: str) -> list[str]:
    """band_keys as datasketch's MinHash computes them: the keys already stored in indices."""
    from datasketch import MinHash

    from service.statements import _FUNCTION_WORDS, BANDS, NUM_PERM, ROWS, SEED

    words = normalized.split()
    telling = {f"{a} {b}" for a, b in zip(words, words[1:])
               if a not in _FUNCTION_WORDS or b not in _FUNCTION_WORDS} or {
        f"{a} {b}" for a, b in zip(words, words[1:])}
    signature = MinHash(num_perm=NUM_PERM, seed=SEED)
    signature.update_batch([p.encode() for p in sorted(telling)])
    digits = signature.hashvalues.astype(">u4").tobytes().hex()
    return [f"b{band}:{digits[band * 8 * ROWS:(band + 1) * 8 * ROWS]}" for band in range(BANDS)]


def test_a_statement_and_its_denial_are_never_one_statement():
    said = normalize("We will not accept any deal that leaves our fishermen behind")
    assert not same_statement(said, normalize("We will accept any deal that leaves our fishermen behind"))
    assert not same_statement(normalize("We will accept any deal that leaves our fishermen behind"), said)
    # ... whereas a copy trimmed before the negation, or another negation word, is the same statement
    assert same_statement(said, normalize("any deal that leaves our fishermen behind"))
    assert same_statement(said, normalize("We will never accept any deal that leaves our fishermen behind"))
    assert same_statement(said, normalize("We will not accept any deal that leaves fishermen behind"))


@pytest.mark.parametrize("said, denied", [
    ("We won't accept any deal that leaves our fishermen behind",
     "We will accept any deal that leaves our fishermen behind"),
    ("We cannot accept any deal that leaves our fishermen behind",
     "We can accept any deal that leaves our fishermen behind"),
    ("We can’t accept any deal that leaves our fishermen behind",
     "We can accept any deal that leaves our fishermen behind"),
    ("We don't know if they will continue, we don't know how significant they will be.",
     "We know if they will continue, we know how significant they will be."),
    ("The ministry didn't approve the new harbour levy for small boats",
     "The ministry approved the new harbour levy for small boats"),
])
def test_a_denial_by_a_negated_contraction_is_never_one_statement(said, denied):
    """"won't" is "won t" to `normalize`: one changed word beside "will", so
    the claim "we will accept ..." found "we won't accept ..." as itself
    (Reuters: "We know if they will continue" found "We don't know ...")."""
    assert not same_statement(normalize(said), normalize(denied))
    assert not same_statement(normalize(denied), normalize(said))


@pytest.mark.parametrize("said, denied", [
    ("There is no evidence that the vaccine causes autism in children",
     "There is clear evidence that the vaccine causes autism in children"),
    ("We will accept no deal that leaves our fishermen behind",
     "We will accept any deal that leaves our fishermen behind"),
    ("We will never accept a deal that leaves our fishermen behind",
     "We will always accept a deal that leaves our fishermen behind"),
])
def test_a_denial_with_another_word_in_the_negations_place_is_never_one_statement(said, denied):
    """One changed word to the exact check, and the claim "there is clear
    evidence ..." found "there is no evidence ..." as itself."""
    assert not same_statement(normalize(said), normalize(denied))
    assert not same_statement(normalize(denied), normalize(said))


@pytest.mark.parametrize("contracted, spelt_out", [
    ("We won't accept any deal that leaves our fishermen behind",
     "We will not accept any deal that leaves our fishermen behind"),
    ("We don't know if they will continue, we don't know how significant they will be.",
     "We do not know if they will continue, we do not know how significant they will be."),
    ("We can't accept any deal that leaves our fishermen behind",
     "We cannot accept any deal that leaves our fishermen behind"),
])
def test_a_negation_contracted_or_spelt_out_is_one_statement(contracted, spelt_out):
    assert same_statement(normalize(contracted), normalize(spelt_out))


def test_band_keys_are_datasketchs_in_any_order_and_any_thread():
    import threading

    long_quotes = [normalize(q) for q in QUOTES if len(q.split()) >= 4]
    expected = [_fresh_band_keys(q) for q in long_quotes]
    assert [band_keys(q) for q in long_quotes] == expected
    assert [band_keys(q) for q in reversed(long_quotes)] == expected[::-1]
    in_thread = []
    worker = threading.Thread(target=lambda: in_thread.extend(band_keys(q) for q in long_quotes))
    worker.start()
    worker.join()
    assert in_thread == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=30))
def test_minhash_signatures_are_datasketchs_bit_for_bit(values):
    """service.minhash stands in for datasketch (not imported at run time, for scipy's cost)."""
    from datasketch import MinHash

    from service.minhash import MinHasher
    from service.statements import NUM_PERM, SEED

    reference = MinHash(num_perm=NUM_PERM, seed=SEED)
    reference.update_batch(values)
    ours = MinHasher(NUM_PERM, SEED).signature(values)
    assert ours.dtype == reference.hashvalues.dtype and ours.tolist() == reference.hashvalues.tolist()


def test_quote_grouping_does_not_import_datasketch_or_scipy():
    import subprocess
    import sys

    code = ("import sys, service.statements, service.backends.embedded, loaders.pipeline; "
            "print(sorted({'datasketch', 'scipy'} & set(sys.modules)))")
    from tests.conftest import ROOT

    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_quote_denying_a_statement_does_not_join_it_through_a_trimmed_copy():
    said = normalize("We will not accept any deal that leaves our fishermen behind")
    trimmed = normalize("...any deal that leaves our fishermen behind")
    assigner = StatementAssigner(lambda keys: [("s-said", said), ("s-said", trimmed)])
    denial, _, _ = assigner.assign("We will accept any deal that leaves our fishermen behind")
    assert denial != "s-said"
    assert assigner.assign("“We will not accept any deal that leaves our fishermen behind,”")[0] == "s-said"


def test_the_same_short_words_from_two_speakers_are_two_statements():
    """On the Reuters corpus "minimal" (Ivaco Inc, then Patrick G. Ryan) and
    "level playing field" (two officials) were one statement each, shown as
    one speaker repeating the other: 28 of 50 groups of short quotes."""
    ids = assign_all([("minimal", "Ivaco Inc"), ("Minimal.", "Patrick G. Ryan"), ("MINIMAL", "IVACO INC"),
                      ("level playing field", "Kenneth McCormick"), ("level playing field", "Clayton Yeutter"),
                      ("level playing field.", "Clayton Yeutter")], remember=True, commit_every=2)
    assert ids[0] == ids[2] != ids[1]
    assert ids[3] != ids[4] == ids[5]


def test_a_short_quote_is_stored_under_its_words_too():
    """A pasted claim (match=near) looks the words up without a speaker: every
    speaker's statement of them must be found."""
    _, wording, keys = StatementAssigner(lambda keys: []).assign("No comment", "Bo Lind")
    assert band_keys(wording)[0] in keys and len(keys) == 2


def test_long_quotes_still_join_whoever_said_them():
    """A claim repeated by another speaker is what a fact-checker looks for."""
    ids = assign_all([(QUOTES[0], "Ana Núñez"), (QUOTES[2], "Bo Lind")], remember=False)
    assert ids[0] == ids[1]


def test_a_stock_phrase_inside_another_quote_is_not_that_statement_trimmed():
    """Reuters: a railway spokesman's "We don't have all the details" joined a
    finance minister's long answer ending in those words (all of its word pairs
    were in it), as did "from time to time", "one of the highest" and "an
    attractive investment opportunity": 8 of 16 joins by containment. A trimmed
    copy must carry words of its own; a real one still joins."""
    long = normalize("The specific offer is just in the course of being made and we don't have all the details")
    assert not same_statement(normalize("We don't have all the details"), long)
    assert not same_statement(normalize("from time to time"),
                              normalize("the market pressures there are from time to time."))
    assert not same_statement(normalize("an attractive investment opportunity."), normalize(
        "have made the U.S. electronics industry an attractive investment opportunity"))
    assert same_statement(normalize("dealt accurate and effective blows"), normalize(
        "dealt accurate and effective blows to both maritime targets and enemy positions"))


def test_an_idiom_of_few_telling_words_said_by_two_people_is_two_statements():
    ids = assign_all([("So far, so good.", "Ishrat Husain"), ("So far so good", "the USDA official"),
                      ("so far so good", "ISHRAT HUSAIN")], remember=False, commit_every=1)
    assert ids[0] == ids[2] != ids[1]


def test_a_remembered_wording_is_answered_without_hashing_it_again(monkeypatch):
    """A repeat (syndicated copy) skips the MinHash: same id, wording and keys as its first copy."""
    import service.statements as statements

    hashed = []
    real_band_keys = statements.band_keys
    monkeypatch.setattr(statements, "band_keys", lambda normalized: hashed.append(normalized) or
                        real_band_keys(normalized))
    assigner = StatementAssigner(IndexStandIn().lookup)
    for text, speaker in [(QUOTES[0], ""), ("No comment", "Bo Lind")]:
        first = assigner.assign(text, speaker)
        hashed.clear()
        assert assigner.assign(text.upper(), speaker) == first
        assert hashed == []


def test_quotes_alike_by_the_thousand_are_compared_with_a_bounded_few_each(monkeypatch):
    """One write's quotes were each compared with every quote of the write sharing a band key:
    a POST /articles giving 10,000 quotes cut from one template ("we will <verb> the <noun>
    number 17 soon") took 69 s, 5.9 million comparisons. Like the index's own lookup
    (CANDIDATE_LIMIT of those sharing most keys), what the write holds is read for at most as many."""
    import service.statements as statements

    compared = []
    real = statements.same_statement

    def counting(one, other):
        compared.append(other)
        return real(one, other)

    monkeypatch.setattr(statements, "same_statement", counting)
    words = "harbour ferry council fishermen quota deal minister strike port wage tariff talks".split()
    texts = [f"we will {words[i % 12]} the {words[(i // 12) % 12]} number {i} soon" for i in range(3_000)]
    assigner = StatementAssigner(lambda keys: [])
    ids = [assigner.assign(text)[0] for text in texts]
    assert len(compared) <= len(texts) * statements.CANDIDATE_LIMIT
    # An edited copy still joins its wording, however many alike the write holds.
    assert assigner.assign(texts[1_234].replace(" soon", " very soon"))[0] == ids[1_234]
