"""`vlkb import-list`: rows of an awesome list the catalog lacks, by arXiv id and title, and drafts that validate."""

from __future__ import annotations

import yaml

from vlkb.checks.validation import validate_catalog
from vlkb.cli import main

SOURCE = "BradyFU/Awesome-Multimodal-Large-Language-Models@2d26f04c6756fa92babe8b4b3b3f167f838bf0df"
BRADYFU = """# Awesome-Multimodal-Large-Language-Models

## Multimodal Instruction Tuning
|  Title  |   Venue  |   Date   |   Code   |   Demo   |
|:--------|:--------:|:--------:|:--------:|:--------:|
| ![Star](https://img.shields.io/github/stars/QwenLM/Qwen2.5-VL.svg?style=social&label=Star) <br> [**Qwen2.5-VL Technical Report**](https://arxiv.org/pdf/2502.13923) <br> | arXiv | 2025-02-19 | [Github](https://github.com/QwenLM/Qwen2.5-VL) | [Demo](https://huggingface.co/spaces/Qwen/Qwen2.5-VL) |
| [**Visual Instruction Tuning**](https://arxiv.org/pdf/2304.08485) | NeurIPS | 2023-04-17 | [Github](https://github.com/haotian-liu/LLaVA) | - |
| [**Improved baselines with visual instruction tuning**](https://example.org/llava-1-5) | CVPR | 2023-10-05 | - | - |
| [**A Paper Dated With A Later Version**](https://arxiv.org/abs/2501.00001v3) | arXiv | 2025-03-02 | - | - |
"""


def test_rows_are_matched_by_arxiv_id_then_title_and_the_rest_reported(catalog_copy, tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(BRADYFU, encoding="utf-8")
    assert main(["import-list", str(readme), "--source", SOURCE, "--catalog", str(catalog_copy.root)]) == 0
    out = capsys.readouterr().out
    assert f"{readme}:6: not in the catalog: Qwen2.5-VL Technical Report (arXiv 2502.13923, 2025-02-19)" in out
    assert "Visual Instruction Tuning (" not in out and "Improved baselines" not in out  # llava by id, llava-1-5 by title
    assert "4 row(s): 1 in the catalog by arXiv id, 1 by title, 2 missing" in out


def test_drafts_validate_unconfirmed_with_a_note_naming_the_list_line(catalog_copy, tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(BRADYFU, encoding="utf-8")
    leaf = "vision-to-text/image-to-text/general-domain/general-ability"
    assert main(["import-list", str(readme), "--source", SOURCE, "--catalog", str(catalog_copy.root),
                 "--draft", "--leaf", leaf, "--added", "2026-12-03"]) == 0
    assert "2 draft(s) written" in capsys.readouterr().out
    _, problems = validate_catalog(catalog_copy.root)
    assert problems == []
    qwen = yaml.safe_load(catalog_copy.path("papers/qwen2-5-vl-technical-report.yaml").read_text())
    assert qwen["authors"]["status"] == "unconfirmed" and qwen["arxiv"] == "2502.13923"
    assert qwen["date"].isoformat() == "2025-02-19" and qwen["links"]["code"] == "https://github.com/QwenLM/Qwen2.5-VL"
    assert "BradyFU/Awesome-Multimodal-Large-Language-Models@2d26f04c6756 README.md line 6" in qwen["review"][0]
    later = yaml.safe_load(catalog_copy.path("papers/a-paper-dated-with-a-later-version.yaml").read_text())
    # the list's date falls outside the id's month: the draft keeps only the month the id proves
    assert later["date"].isoformat() == "2025-01-01" and later["date_precision"] == "month"


def test_a_draft_without_a_leaf_is_refused_with_an_example(catalog_copy, tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(BRADYFU, encoding="utf-8")
    assert main(["import-list", str(readme), "--source", SOURCE, "--catalog", str(catalog_copy.root), "--draft"]) == 2
    assert "--draft needs --leaf" in capsys.readouterr().err


VLA_PAPERS = """# Awesome-VLA-Papers

## Autonomous Driving
| Paper | Institution | Date | Links |
|:------|:-----------|:----:|:------|
| **SpanVLA: Efficient Action Bridging** | Motional, UCLA | ![Apr 21, 2026](https://img.shields.io/badge/Apr_21,_2026-red?style=flat-square) | [Paper](https://arxiv.org/abs/2604.19710) |
| **DriveMA: Driving VLA Models with Meta-Actions** | Tsinghua | ![May 1, 2026](https://img.shields.io/badge/May_1,_2026-red?style=flat-square) | [Paper](https://arxiv.org/abs/2605.31271) |
| **Visual Instruction Tuning** | Wisconsin | ![Apr 17, 2023](https://img.shields.io/badge/Apr_17,_2023-red) | [Paper](https://arxiv.org/abs/2304.08485) |
"""


def test_the_vla_papers_table_with_date_badges_and_a_links_column_is_read(catalog_copy, tmp_path, capsys):
    from vlkb.contrib.awesome_tables import parse_rows

    readme = tmp_path / "README.md"
    readme.write_text(VLA_PAPERS, encoding="utf-8")
    rows = parse_rows(readme)
    assert [(r.title, r.link, r.date) for r in rows] == [
        ("SpanVLA: Efficient Action Bridging", "https://arxiv.org/abs/2604.19710", "2026-04-21"),
        ("DriveMA: Driving VLA Models with Meta-Actions", "https://arxiv.org/abs/2605.31271", "2026-05"),
        ("Visual Instruction Tuning", "https://arxiv.org/abs/2304.08485", "2023-04-17")]
    source = "hanjianhua44/Awesome-VLA-Papers@145970a8bd3b6e1a56b3b1d1e1e1e1e1e1e1e1e1"
    assert main(["import-list", str(readme), "--source", source, "--catalog", str(catalog_copy.root)]) == 0
    out = capsys.readouterr().out
    assert "not in the catalog: SpanVLA: Efficient Action Bridging (arXiv 2604.19710, 2026-04-21)" in out
    assert "3 row(s): 1 in the catalog by arXiv id, 0 by title, 2 missing" in out
