"""Translation memory: a SQLite store (:mod:`.sqlite_tm`) and TMX 1.4b import/export (:mod:`.tmx`)."""
