"""vlkb: a validated, sourced knowledge base of visual large language models."""

__version__ = "0.1.0"


def load(path=None, **options):
    """The knowledge base as tables: `kb = vlkb.load()`, then `kb.papers`, `kb.results`, ... (see vlkb.api).

    Imported on first call, so `import vlkb` (and `vlkb validate`) never loads pyarrow or pandas."""
    from vlkb.api import load as load_knowledge_base

    return load_knowledge_base(path, **options)
