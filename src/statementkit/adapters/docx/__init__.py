"""DOCX adapter: every piece of WordprocessingML knowledge lives in this package (the oxml/ package for
the XML, one module per element family)."""
