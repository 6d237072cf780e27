"""Each schema rule, met by a small real YAML record: a good one passes, each bad one names its field."""

from __future__ import annotations

import datetime as dt

from vlkb.checks.validation import validate_catalog

TODAY = dt.date(2026, 11, 26)

GOOD = """
id: visual-sample
title: A Sample Title That Exists Only Here
kind: model
authors: {status: unconfirmed}
date: 2024-01-10
venue: arxiv
arxiv: "2401.00001"
taxonomy: [vision-to-text/image-to-text/general-domain/ocr]
added: 2026-11-26
"""


def problems_for(catalog_copy, text: str, name: str = "visual-sample"):
    catalog_copy.write(f"papers/{name}.yaml", text)
    _, problems = validate_catalog(catalog_copy.root, TODAY)
    return [p for p in problems if p.file.endswith(f"papers/{name}.yaml")]


def only(problems):
    assert len(problems) == 1, [p.as_text() for p in problems]
    return problems[0]


def test_fixture_catalog_of_real_records_is_valid(catalog_copy):
    catalog, problems = validate_catalog(catalog_copy.root, TODAY)
    assert problems == []
    assert sorted(catalog.papers) == ["blip-2", "llava", "llava-1-5", "qwen2-vl"]


def test_a_minimal_record_is_valid(catalog_copy):
    assert problems_for(catalog_copy, GOOD) == []


def test_unknown_keys_are_errors_with_a_suggestion(catalog_copy):
    problem = only(problems_for(catalog_copy, GOOD + "sumary: typo\n"))
    assert problem.message == "unknown field 'sumary'" and "summary" in problem.hint


def test_unquoted_arxiv_id_says_to_quote_it(catalog_copy):
    problem = only(problems_for(catalog_copy, GOOD.replace('"2401.00001"', "2401.00010")))
    assert problem.field == "arxiv" and problem.line == 7
    assert "2401.00010" in problem.message and problem.hint == 'write it in quotes: "2401.00010"'


def test_arxiv_version_suffix_is_refused(catalog_copy):
    problem = only(problems_for(catalog_copy, GOOD.replace('"2401.00001"', '"2401.00001v2"')))
    assert problem.field == "arxiv" and "without version" in problem.hint


def test_a_title_yaml_reads_as_boolean_is_refused(catalog_copy):
    problem = only(problems_for(catalog_copy, GOOD.replace("title: A Sample Title That Exists Only Here", "title: no")))
    assert "boolean" in problem.message


def test_link_schemes_are_allow_listed(catalog_copy):
    text = GOOD + "links: {paper: 'javascript:alert(1)'}\n"
    assert "scheme 'javascript'" in only(problems_for(catalog_copy, text)).message
    text = GOOD + "links: {project: 'data:text/html,x'}\n"
    assert "scheme 'data'" in only(problems_for(catalog_copy, text)).message


def test_code_link_and_code_status_must_agree(catalog_copy):
    text = GOOD + "links: {code_status: released}\n"
    assert "needs the code link" in only(problems_for(catalog_copy, text)).message
    assert problems_for(catalog_copy, GOOD + "links: {code_status: not-released}\n") == []


def test_ids_must_be_safe_file_names(catalog_copy):
    problem = only(problems_for(catalog_copy, GOOD.replace("id: visual-sample", "id: ../etc/passwd")))
    assert problem.field == "id"


def test_id_must_equal_file_name(catalog_copy):
    problem = only(problems_for(catalog_copy, GOOD, name="other-name"))
    assert "differs from the file name" in problem.message


def test_projector_type_comes_from_the_vocabulary(catalog_copy):
    text = GOOD + """architecture:
  - variant: X
    projector: magic
    sources: [{arxiv: "2401.00001v1", locator: Table 1}]
"""
    problem = only(problems_for(catalog_copy, text))
    assert problem.field == "architecture[0].projector" and "'mlp'" in problem.message


def test_result_rows_need_a_located_source(catalog_copy):
    text = GOOD + """results:
  - {variant: X, benchmark: vqav2, split: val, metric: accuracy, value: 50.0, setting: zero-shot,
     source: {url: "https://example.org/paper"}}
"""
    problem = only(problems_for(catalog_copy, text))
    assert problem.field == "results[0].source" and "locator" in problem.message


def test_quoted_date_is_refused_with_a_hint(catalog_copy):
    problem = only(problems_for(catalog_copy, GOOD.replace("date: 2024-01-10", 'date: "2024-01-10"')))
    assert problem.field == "date" and "unquoted" in problem.hint


def test_confirmed_authors_need_names_and_sources(catalog_copy):
    text = GOOD.replace("authors: {status: unconfirmed}", "authors: {status: confirmed, names: [A B]}")
    assert "source" in only(problems_for(catalog_copy, text)).message


def test_every_error_of_a_file_is_reported_at_once(catalog_copy):
    text = GOOD.replace("kind: model", "kind: modle").replace("venue: arxiv", "venue: arxiv\nvenue: arxiv") + "x: 1\n"
    problems = problems_for(catalog_copy, text)
    assert {p.field for p in problems} == {"kind", "venue", "x"}


def test_unquoted_colon_in_text_says_to_quote_it(catalog_copy):
    text = GOOD + "review:\n  - check venue: neurips\n"
    problem = only(problems_for(catalog_copy, text))
    assert problem.field == "review[0]" and "quoted" in problem.hint


def test_links_are_checked_exactly(catalog_copy):
    from pydantic import TypeAdapter, ValidationError

    from vlkb.schema.common import Link

    adapter = TypeAdapter(Link)
    for good in ("https://arxiv.org/abs/2310.03744", "http://nips.cc./virtual/2024/poster/1",
                 "http://202.104.135.156:11030/", "https://github.com/x/y#readme"):
        assert adapter.validate_python(good) == good
    for bad in ("javascript:alert(1)", "HTTPS://x.org", "https://localhost/", "https://x.org/a b",
                "ftp://x.org", "//x.org/p", "https://x.org/\x00"):
        try:
            adapter.validate_python(bad)
        except ValidationError:
            continue
        raise AssertionError(f"accepted {bad!r}")
