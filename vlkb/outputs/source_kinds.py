"""Is a source the authors' or publisher's own page, or an aggregator's? Counted on the data-quality page.

A source may say so itself (`kind:`); a repository or an arXiv version is primary; a note that calls the
page an aggregator makes it one; otherwise its host decides. Primary: arXiv (and its ar5iv
rendering), proceedings and publishers, OpenReview, the ACL Anthology, and repositories (`repository:` sources and github.com pages,
which the records cite only for the authors' own repositories). Aggregators: the metadata sites the
first bootstrap read. Any other host is counted as unclassified rather than guessed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from vlkb.schema import Source

PRIMARY_HOSTS = ("arxiv.org", "openaccess.thecvf.com", "proceedings.neurips.cc", "papers.nips.cc", "neurips.cc",
                 "proceedings.mlr.press", "openreview.net", "aclanthology.org", "ieeexplore.ieee.org", "dl.acm.org",
                 "link.springer.com", "ojs.aaai.org", "www.ijcai.org", "ecva.net", "www.ecva.net", "github.com",
                 "huggingface.co/datasets", "iclr.cc", "cvpr.thecvf.com", "icml.cc", "roboticsproceedings.org",
                 "www.roboticsproceedings.org", "doi.org", "ar5iv.labs.arxiv.org", "web3.arxiv.org", "www.arxiv.org",
                 "export.arxiv.org", "preview.aclanthology.org", "eccv2024.ecva.net", "proceedings.iclr.cc",
                 "papers.neurips.cc", "nips.cc", "iccv.thecvf.com", "papers.miccai.org", "www.isca-archive.org")
AGGREGATOR_HOSTS = ("paperium.net", "thelatestinai.com", "jaunt.com", "www.scholarfeed.org", "scholarfeed.org",
                    "papers.cool", "huggingface.co/papers", "www.emergentmind.com", "emergentmind.com", "liner.com",
                    "paperswithcode.com", "www.semanticscholar.org", "www.researchgate.net", "mlanthology.org",
                    "www.alphaxiv.org", "alphaxiv.org", "ai-search.io", "pith.science", "paperhub.cn",
                    "aitopics.org", "chatpaper.com", "www.bohrium.com", "bohrium.dp.tech", "www.sciencestack.ai",
                    "tomesphere.com", "study.space", "www.arxiv-vanity.com", "researchtrend.ai", "www.researchtrend.ai",
                    "arxiv.deeppaper.ai", "hyper.ai", "deeplearn.org", "papers.lunadong.com", "summarizepaper.com",
                    "www.summarizepaper.com", "www.chatpaper.ai", "sotaverified.org", "www.paperswithcode.com",
                    "llm-bible.github.io", "www.wizwand.com", "huggingface.datasetlab.ai")


def _host_and_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').casefold()}{parts.path}"


def source_kind(source: Source) -> str:
    """primary | aggregator | unclassified"""
    if source.kind:
        return source.kind
    if source.repository or source.arxiv:  # a repository or an arXiv version is primary whatever its note says
        return "primary"
    if source.note and "aggregator" in source.note.casefold():
        return "aggregator"
    where = _host_and_path(source.url or "")
    for hosts, kind in ((AGGREGATOR_HOSTS, "aggregator"), (PRIMARY_HOSTS, "primary")):
        if any(where == h or where.startswith(h + "/") or where.startswith(h + ".") for h in hosts):
            return kind
    return "unclassified"
