"""Checks across records and validation as a whole (load + checks), as `vlkb validate` runs them."""
