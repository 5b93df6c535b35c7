"""Exchange formats with CAT tools and termbases: XLIFF 2.0 (review) and TBX (terms)."""
