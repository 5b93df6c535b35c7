"""The use-case layer: one module per job, tying the adapters (files, DOCX, XML, SQLite, engines) to the
pure services, for the CLI and for Python callers alike.

Conventions (follow them for a new job):

* one module per job (``build``, ``check``, ``status``, ``translate``, ``review``, ``diff``, ``score``,
  ``terms``, ``memory``, ``models``, ``templates``, ``new``, ``importing``, ``align``, ``rounds``,
  ``history``, ``consolidate``); :mod:`.workspace` opens a statement with its library, registry and
  translations for all of them;
* a use case is a function named ``<verb>_<object>`` (``build_statement``, ``export_review``,
  ``import_tmx``); it takes the paths it works on as positional arguments, then either a few plain keyword
  arguments or one frozen ``<Job>Options`` dataclass whose defaults are the CLI's defaults, and returns a
  plain value or a ``<Job>Result``/report dataclass (``as_json()`` where the command has ``--json``);
  ``library_dir=None`` means :func:`.paths.default_library_dir`;
* long jobs take callbacks (``progress(done, total)``, ``notify(line)``) instead of printing;
* no Click, no printing, no ``sys.exit``: failures are :class:`statementkit.errors.StatementkitError`
  subclasses, which the CLI turns into one line and an exit code;
* heavy libraries (python-docx, lxml, CTranslate2, sacrebleu …) and the adapters are imported inside the
  functions, so importing this package stays cheap (a test checks it).

Example::

    from pathlib import Path
    from statementkit.app.build import BuildOptions, build_statement

    result = build_statement(Path("statement.yaml"), BuildOptions(langs=["zh", "ru"], fmt="docx"))
    print(result.written)
"""
