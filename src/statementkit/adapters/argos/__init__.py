"""Argos Translate packages: find, inspect and install them (:mod:`.packages`), run them with CTranslate2
and SentencePiece (:mod:`.engine`), and download them through argostranslate (:mod:`.download`, optional)."""
