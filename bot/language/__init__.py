"""Languages: detection and per-language text handling."""
