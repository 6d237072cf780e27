"""What the catalog becomes outside the site: exports, BibTeX, the graph, JSON Schemas, the data-quality report."""
