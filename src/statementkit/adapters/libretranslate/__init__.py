"""LibreTranslate: machine translation by a LibreTranslate server (HTTP API), as a translator engine."""
