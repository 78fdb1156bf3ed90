"""The curated knowledge base: schema, loader with line-precise errors, and search."""
