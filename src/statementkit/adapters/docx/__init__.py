"""DOCX adapter: every piece of WordprocessingML knowledge lives in this package (oxml.py for the XML)."""
