"""`vlkb new --arxiv ID` reads the title, authors and v1 date from arXiv's API, served here by a local
HTTP server with a recorded answer; offline it says so and shows the manual path."""

from __future__ import annotations

import http.server
import threading

import pytest
import yaml

from tests.paths import REPO_ROOT
from vlkb.cli import main

ANSWERS = REPO_ROOT / "tests" / "fixtures" / "arxiv"
LEAF = "vision-to-text/image-to-text/general-domain/general-ability"


class _Answers(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        wanted = self.path.split("id_list=", 1)[-1].split("&", 1)[0]
        answer = ANSWERS / f"{wanted}.xml"
        body = answer.read_bytes() if answer.is_file() else (
            b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>')
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def arxiv_api(monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("VLKB_ARXIV_API", f"http://127.0.0.1:{server.server_port}/api/query")
    yield
    server.shutdown()
    server.server_close()


def test_title_authors_and_v1_date_come_from_arxiv(arxiv_api, catalog_copy, capsys):
    (catalog_copy.root / "papers" / "llava.yaml").unlink()  # the fixture catalog already holds LLaVA
    code = main(["new", "--arxiv", "2304.08485", "--id", "llava", "--leaf", LEAF, "--catalog", str(catalog_copy.root),
                 "--added", "2026-12-03"])
    assert code == 0, capsys.readouterr().err
    assert "read title, date, authors from arXiv's listing of 2304.08485" in capsys.readouterr().err
    record = yaml.safe_load((catalog_copy.root / "papers" / "llava.yaml").read_text(encoding="utf-8"))
    assert record["title"] == "Visual Instruction Tuning" and str(record["date"]) == "2023-04-17"
    assert record["authors"] == {"names": ["Haotian Liu", "Chunyuan Li", "Qingyang Wu", "Yong Jae Lee"],
                                 "status": "confirmed", "sources": [{"url": "https://arxiv.org/abs/2304.08485"}]}


def test_an_id_arxiv_does_not_know_is_refused(arxiv_api, catalog_copy, capsys):
    code = main(["new", "--arxiv", "2401.99999", "--id", "nothing", "--leaf", LEAF, "--catalog", str(catalog_copy.root)])
    assert code == 2 and "arXiv has no paper 2401.99999" in capsys.readouterr().err


def test_offline_it_says_so_and_shows_the_manual_path(monkeypatch, catalog_copy, capsys):
    monkeypatch.setenv("VLKB_ARXIV_API", "http://127.0.0.1:9/api/query")  # the discard port: nothing listens
    code = main(["new", "--arxiv", "2401.00003", "--id", "offline", "--leaf", LEAF, "--catalog", str(catalog_copy.root)])
    err = capsys.readouterr().err
    assert code == 2 and "arXiv could not be reached" in err
    assert "--title 'TITLE' --date YYYY-MM-DD --author 'NAME'" in err and "https://arxiv.org/abs/2401.00003" in err
    assert not (catalog_copy.root / "papers" / "offline.yaml").exists()


def test_without_arxiv_the_title_and_date_are_required(catalog_copy, capsys):
    code = main(["new", "--id", "bare", "--leaf", LEAF, "--catalog", str(catalog_copy.root)])
    assert code == 2 and "give --title and --date (or --arxiv ID to look them up)" in capsys.readouterr().err
