"""Machine translation of the clauses no template covers: segmentation, locked terminology, checks, memory.

Pure services: the model comes in through the small :class:`~.base.Translator` interface and the memory
through :class:`~.base.Memory`; adapters (Argos/CTranslate2, SQLite) implement them.
"""
