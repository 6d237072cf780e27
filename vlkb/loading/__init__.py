"""Reading a catalog folder: safe YAML, record validation with positions, the loaded `Catalog` and its facts."""
