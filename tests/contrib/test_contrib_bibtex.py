"""BibTeX out and in: keys, escaping, entry types, and that every written field parses back unchanged."""

from __future__ import annotations

import datetime as dt

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import FIXTURE_CATALOG, REPO_ROOT
from vlkb.contrib.bibtex_in import LatexError, import_bibtex, latex_to_text, split_names
from vlkb.outputs.bibtex_out import base_citation_key, bibliography, citation_key, citation_keys, escape_latex, paper_entry
from vlkb.loading.catalog import load_catalog
from vlkb.schema import Paper
from vlkb.schema.common import INVISIBLE_CHARACTERS

FIXTURE = FIXTURE_CATALOG
TODAY = dt.date(2026, 11, 26)


def make_paper(**changes) -> Paper:
    fields = dict(id="p", title="Visual Instruction Tuning", kind="model",
                  authors={"names": ["Haotian Liu", "Chunyuan Li"], "status": "unconfirmed"},
                  date=dt.date(2023, 4, 17), venue="arxiv", arxiv="2304.08485",
                  taxonomy=["vision-to-text/image-to-text/general-domain/general-ability"], added=TODAY)
    fields.update(changes)
    return Paper.model_validate(fields)


def parse_single(text: str):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    assert len(library.entries) == 1
    return library.entries[0]


@pytest.fixture(scope="module")
def fixture_catalog():
    catalog, problems = load_catalog(FIXTURE)
    assert not problems
    return catalog


def test_key_is_surname_year_first_significant_word():
    assert base_citation_key(make_paper()) == "liu2023visual"
    assert base_citation_key(make_paper(title="The Power of Scale")) == "liu2023power"
    assert base_citation_key(make_paper(authors={"names": ["Jörg Müller"], "status": "unconfirmed"})) == "muller2023visual"


def test_key_without_authors_uses_short_name():
    paper = make_paper(authors={"names": [], "status": "unconfirmed"}, short_name="LLaVA")
    assert base_citation_key(paper) == "llava2023visual"


def test_colliding_keys_get_suffixes_by_date_then_id():
    first = make_paper(id="b-first", date=dt.date(2023, 4, 17), arxiv=None)
    later = make_paper(id="a-later", date=dt.date(2023, 9, 1), arxiv=None)
    keys = citation_keys([later, first])
    assert keys == {"b-first": "liu2023visual", "a-later": "liu2023visualb"}
    assert keys == citation_keys([first, later])  # order of input does not matter


def test_citation_key_with_catalog_is_unique_across_it(fixture_catalog):
    keys = [citation_key(p, fixture_catalog) for p in fixture_catalog.papers.values()]
    assert len(set(keys)) == len(keys)


def test_arxiv_paper_is_misc_with_eprint_and_no_primary_class():
    entry = parse_single(paper_entry(make_paper()))
    assert entry.entry_type == "misc"
    assert entry["eprint"] == "2304.08485" and entry["archivePrefix"] == "arXiv"
    assert "primaryClass" not in entry.fields_dict


def test_published_paper_uses_the_venue_full_name(fixture_catalog):
    entry = parse_single(paper_entry(fixture_catalog.papers["llava-1-5"], fixture_catalog))
    assert entry.entry_type == "inproceedings"
    assert entry["booktitle"] == "IEEE/CVF Conference on Computer Vision and Pattern Recognition"
    assert entry["year"] == "2024"


def test_journal_paper_is_article(fixture_catalog):
    paper = make_paper(venue="tpami", venue_year=2024)
    entry = parse_single(paper_entry(paper, fixture_catalog))
    assert entry.entry_type == "article"
    assert entry["journal"] == "IEEE Transactions on Pattern Analysis and Machine Intelligence"


def test_hostile_title_escapes_keep_braces_balanced():
    title = "100% {Über} } and { & $5 #1 a_b ~x^2 back\\slash -- ``quoted''"
    entry = parse_single(paper_entry(make_paper(title=title)))
    assert latex_to_text(entry["title"]) == title


def test_author_with_comma_or_and_stays_one_name():
    names = ["Barnes and Noble", "Smith, Jr."]
    entry = parse_single(paper_entry(make_paper(authors={"names": names, "status": "unconfirmed"})))
    assert split_names(entry["author"]) == names


def expected_fields(paper, catalog) -> dict[str, str]:
    """What each exported field must read back as, from the record alone."""
    venue = next((v for v in catalog.venues.venues if v.id == paper.venue), None)
    fields = {"title": paper.title, "author": list(paper.authors.names) or None, "eprint": paper.arxiv,
              "archivePrefix": "arXiv" if paper.arxiv else None, "doi": paper.doi,
              "url": paper.links.paper or (f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else None)}
    if venue and venue.type in ("conference", "workshop"):
        fields["booktitle"] = venue.full_name
    elif venue and venue.type == "journal":
        fields["journal"] = venue.full_name
    elif venue and venue.type == "other":
        fields["howpublished"] = venue.full_name
    elif venue and venue.type == "release":
        fields["note"] = f"{venue.full_name}, released {paper.date_label}"
    published = "booktitle" in fields or "journal" in fields
    fields["year"] = str(paper.venue_year if published and paper.venue_year else paper.date.year)
    return {k: v for k, v in fields.items() if v is not None}


def read_back(entry) -> dict[str, str]:
    decoded = {}
    for name, field in entry.fields_dict.items():
        if name == "author":
            decoded[name] = split_names(field.value)
        elif name in ("url", "doi", "eprint", "archivePrefix", "year"):
            decoded[name] = field.value
        else:
            decoded[name] = latex_to_text(field.value)
    return decoded


@pytest.mark.parametrize("root", [FIXTURE, REPO_ROOT / "catalog"], ids=["fixture", "catalog"])
def test_every_exported_entry_round_trips_field_by_field(root):
    catalog, _ = load_catalog(root)
    text = bibliography(list(catalog.papers.values()), catalog)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    by_key = {citation_key(p, catalog): p for p in catalog.papers.values()}
    assert sorted(e.key for e in library.entries) == sorted(by_key)
    for entry in library.entries:
        assert read_back(entry) == expected_fields(by_key[entry.key], catalog), entry.key


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"), max_codepoint=0x2FFF)
                | st.sampled_from(list("\\{}&%$#_~^ -'`\"")), min_size=1, max_size=60).filter(lambda s: not INVISIBLE_CHARACTERS.search(s))  # records refuse them


def _clean(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(_TEXT.map(_clean).filter(bool))
def test_any_title_round_trips(title):
    entry = parse_single(paper_entry(make_paper(title=title)))
    assert latex_to_text(entry["title"]) == title


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT.map(_clean).filter(lambda s: s and s.lower() != "others"), min_size=1, max_size=4, unique=True))
def test_any_author_list_round_trips(names):
    entry = parse_single(paper_entry(make_paper(authors={"names": names, "status": "unconfirmed"})))
    assert split_names(entry["author"]) == names


@pytest.mark.parametrize(("latex", "text"), [
    (r"Caf{\'e} \"{o} \c{c}a \v{S}koda \ss{} {\o}re", "Café ö ça Škoda ß øre"),
    (r"100\% sure \} \{ \& \$ \# \_", "100% sure } { & $ # _"),
    (r"{{LLaVA}}: {L}arge", "LLaVA: Large"),
    (r"$\alpha$-CLIP and \emph{x}", "α-CLIP and x"),
    (r"a--b a---b ``q''", "a–b a—b “q”"),
    (r"\textbraceleft{}x\textbraceright{} \textbackslash{}", "{x} \\"),
])
def test_latex_decoding(latex, text):
    assert latex_to_text(latex) == text


def test_stray_closing_brace_is_an_error():
    with pytest.raises(LatexError):
        latex_to_text("a } b")


def test_escape_latex_covers_every_special():
    escaped = escape_latex("\\{}&%$#_~^")
    for bare in "&%$#_":
        assert "\\" + bare in escaped
    assert latex_to_text(escaped) == "\\{}&%$#_~^"


def test_import_reports_duplicates_and_broken_entries(fixture_catalog):
    text = (
        "@inproceedings{liu2023visual, title={Visual Instruction Tuning}, author={Liu, Haotian}, year={2023}}\n"
        "@article{broken, title = {Unbalanced {brace}, year={2020}}\n"
        "@misc{ok, title={Some {N}ew {VLLM} Paper}, author={Doe, Jane}, year={2024}, eprint={2401.00001}}\n"
    )
    report = import_bibtex(text, fixture_catalog, source_name="x.bib", today=TODAY)
    assert [d.entry_key for d in report.drafts] == ["ok"]
    reasons = {s.entry_key: (s.line, s.reason) for s in report.skipped}
    assert reasons["liu2023visual"] == (1, "duplicate of catalog record 'llava'")
    assert reasons["broken"][0] == 2 and "syntax" in reasons["broken"][1]
    draft = report.drafts[0].record
    assert draft.title == "Some New VLLM Paper" and draft.arxiv == "2401.00001" and draft.venue == "arxiv"
    assert draft.authors.status == "unconfirmed" and draft.authors.names == ["Jane Doe"]
    assert "date" in report.drafts[0].missing


def test_import_drops_an_unusable_author_list_and_says_so(fixture_catalog):
    text = "@misc{k, title={Control Names}, author={Bad\x01Name and Ok, Jane}, year={2024}}\n"
    draft = import_bibtex(text, fixture_catalog, source_name="x.bib", today=TODAY).drafts[0]
    assert draft.record.authors.names == []
    assert any("could not be used" in note for note in draft.notes)
