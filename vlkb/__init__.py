"""vlkb: a validated, sourced knowledge base of visual large language models."""

__version__ = "0.1.0"
