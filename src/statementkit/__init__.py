"""statementkit: draft, translate, review and negotiate multilateral joint statements (zh/ru/en)."""

__version__ = "0.1.0"

LANGUAGES: tuple[str, ...] = ("en", "zh", "ru")
