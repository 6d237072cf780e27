"""Bootstrap of the catalog from the awesome-VLLMs list (issue 3): parse, verify, correct, write.

The list is raw input with known errors; verification data (scripts/bootstrap/authors/*.yaml, read from
authoritative pages with the search tools) supplies real identifiers, dates and authors, and every
difference from the list becomes a recorded correction. After the import, the YAML records are the
source of truth; this package exists so that the bootstrap can be read and repeated.
"""
