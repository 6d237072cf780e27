"""The YAML loader refuses what YAML would otherwise accept silently, and never crashes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from vlkb.loading.safe_yaml import MAX_FILE_BYTES, load_yaml_bytes


def load(text: str):
    return load_yaml_bytes(text.encode("utf-8"), "record.yaml")


def test_duplicate_keys_are_reported_with_both_lines():
    doc = load("id: a\ntitle: one\ntitle: two\n")
    [problem] = doc.problems
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key 'title' (first at line 2)" in problem.message
    assert doc.data["title"] == "one"


def test_nested_duplicate_keys_name_the_field_path():
    doc = load("links:\n  code: https://a.org\n  code: https://b.org\n")
    assert doc.problems[0].field == "links.code"


def test_aliases_are_refused_so_alias_bombs_cannot_expand():
    bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\n"
    doc = load(bomb)
    assert doc.data is None
    assert "aliases" in doc.problems[0].message


def test_merge_keys_are_refused():
    doc = load("base: {a: 1}\nchild:\n  <<: {a: 2}\n")
    assert doc.problems and "merge" in doc.problems[0].message


def test_deep_nesting_is_refused():
    doc = load("a: " + "[" * 40 + "]" * 40 + "\n")
    assert doc.data is None and "nesting" in doc.problems[0].message


def test_files_over_the_size_limit_are_refused():
    doc = load_yaml_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 1), "big.yaml")
    assert "limit" in doc.problems[0].message


def test_non_utf8_bytes_are_reported_at_their_position():
    doc = load_yaml_bytes(b"id: ok\ntitle: caf\xe9\n", "latin1.yaml")
    [problem] = doc.problems
    assert (problem.line, problem.column) == (2, 11)
    assert "UTF-8" in problem.message


def test_syntax_errors_keep_line_and_column():
    doc = load("id: x\ntitle: [unclosed\n")
    assert doc.problems[0].line >= 2
    assert doc.problems[0].message.startswith("YAML syntax error")


def test_custom_tags_are_refused():
    doc = load("id: !!python/object:os.system x\n")
    assert doc.data is None and "tag" in doc.problems[0].message


def test_unquoted_arxiv_id_is_remembered_as_a_silent_number():
    doc = load("arxiv: 2310.03740\nquoted: '2310.03740'\n")
    assert doc.data["arxiv"] == 2310.0374
    assert doc.scalars[("arxiv",)].silently_typed() == "a number"
    assert doc.scalars[("arxiv",)].text == "2310.03740"
    assert doc.scalars[("quoted",)].silently_typed() is None


def test_dates_load_as_dates_and_timestamps_are_refused():
    assert load("date: 2023-04-17\n").data["date"] == dt.date(2023, 4, 17)
    doc = load("date: 2023-04-17 10:00:00\n")
    assert doc.problems and "time of day" in doc.problems[0].message


def test_positions_point_into_lists():
    doc = load("results:\n  - value: 1\n  - value: 2\n")
    assert doc.position(("results", 1, "value")) == (3, 12)


def test_empty_file_is_reported():
    assert "empty" in load("").problems[0].message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_problems_or_data_never_an_exception(raw):
    doc = load_yaml_bytes(raw, "fuzz.yaml")
    assert doc.problems or doc.data is not None or raw.strip() == b""


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4), max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(yaml_values)
def test_arbitrary_yaml_documents_load_or_report(value):
    import yaml

    text = yaml.safe_dump({"value": value}, allow_unicode=True)
    doc = load(text)
    assert doc.problems == [] or all(p.message for p in doc.problems)


def both_ways(raw: bytes):
    """The fast build (no positions) and the tracked one, as comparable values."""
    fast = load_yaml_bytes(raw, "record.yaml", positions=False)
    tracked = load_yaml_bytes(raw, "record.yaml")
    return ((repr(fast.data), [p.message for p in fast.problems]),
            (repr(tracked.data), [p.message for p in tracked.problems]))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_the_fast_build_agrees_with_the_tracked_build_on_arbitrary_bytes(raw):
    fast, tracked = both_ways(raw)
    assert fast == tracked


yaml_risky_text = st.sampled_from(["*a", "&a x", "<<: {k: 1}", "!!python/object x", "2310.03740", "yes", "2024-01-05",
                                   "2024-01-05 10:00:00", "~", "0o17", "1_000", "- x", "a: b", "'quoted'", ".nan"])


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.one_of(yaml_scalars, yaml_risky_text),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), inner,
                                                                              max_size=4), max_leaves=30))
def test_the_fast_build_agrees_with_the_tracked_build_on_arbitrary_documents(value):
    import yaml

    text = yaml.safe_dump({"value": value}, allow_unicode=True)
    fast, tracked = both_ways(text.encode("utf-8"))
    assert fast == tracked
    # the same text again with its quoting stripped, so that YAML's tags, aliases and merge keys come alive
    unquoted = text.replace("'", "")
    fast, tracked = both_ways(unquoted.encode("utf-8"))
    assert fast == tracked


def test_the_fast_build_refuses_what_the_tracked_build_refuses():
    cases = ["a: &x [1]\nb: *x\n", "a: {<<: {k: 1}}\n", "a: !!python/name:os.system x\n", "a: 1\na: 2\n",
             "a: 2024-01-05 10:00:00\n", "a: 2024-02-30\n", "[1, 2]\n",
             "a: " + "[" * 24 + "x" + "]" * 24 + "\n", "a: " + "[" * 23 + "x" + "]" * 23 + "\n",
             "a: " + "{k: " * 24 + "x" + "}" * 24 + "\n", "a: " + "{k: " * 23 + "x" + "}" * 23 + "\n",
             "&k a: 1\nb: *k\n", "&k a: 1\n*k : 2\n", "a: 0x_\n", "a: 0b_\n", "a: " + "9" * 5000 + "\n"]
    for text in cases:
        fast, tracked = both_ways(text.encode("utf-8"))
        assert fast == tracked, text


def test_an_alias_of_a_key_is_refused_like_any_other_alias():
    for text in ("&k a: 1\nb: *k\n", "&k a: 1\n*k : 2\n"):
        assert [p.message for p in load(text).problems] == [
            "anchors and aliases (&name, *name) are not allowed in records"]


def test_values_yaml_takes_for_numbers_but_python_cannot_read_are_problems_not_crashes():
    for text in ("title: 0x_\n", "title: 0b_\n", "title: " + "9" * 5000 + "\n"):
        doc = load(text)
        assert doc.data is None and "looks like a number to YAML but is not one" in doc.problems[0].message
        assert (doc.problems[0].line, doc.problems[0].column) == (1, 8)
