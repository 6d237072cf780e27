"""Contributors' tools: canonical YAML, BibTeX import with its LaTeX reader, record diffs."""
