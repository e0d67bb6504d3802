"""calque: screen posts and transcripts for indicators of Russian influence operations.

The Python face of the calque library (the same Rust code as the ``calque`` command):

    import calque
    analyzer = calque.Analyzer()                  # rules, heuristics, config: compiled once
    analyzer.analyze("You can see on the photo…")  # one dict, the JSON Lines report's fields
    analyzer.analyze_batch(texts)                  # a list of them, on every core
    analyzer.analyze_arrow(table, text_col="text") # pyarrow in, pyarrow out, no per-cell objects
    calque.scan(["posts.csv"], output="report.csv")  # `calque scan`, same outputs
    calque.explain("…")                           # `calque explain --format json`

Failures raise ``calque.CalqueError`` subclasses (``InputError``, ``RulesError``,
``ConfigError``, ``OutputError``, ``UsageError``) whose message is the one the CLI prints after
``calque: error:``, and whose ``exit_code`` is the CLI's.

On a cluster, send the analyzer's *options*, not the analyzer: ``calque.get_analyzer(**options)``
builds it once per worker process (pickling an ``Analyzer`` does exactly that). See
``python/README.md``.
"""

import json
import os

from . import _calque
from ._calque import (
    NUMERIC_COLUMNS,
    SCHEMA_VERSION,
    CalqueError,
    ConfigError,
    InputError,
    OutputError,
    RulesError,
    UsageError,
    __version__,
)

__all__ = [
    "Analyzer",
    "get_analyzer",
    "scan",
    "accounts",
    "explain",
    "CalqueError",
    "UsageError",
    "InputError",
    "RulesError",
    "ConfigError",
    "OutputError",
    "SCHEMA_VERSION",
    "NUMERIC_COLUMNS",
    "SPANS_COLUMN",
]

#: The binding's own field: the evidence spans, ``[{"rule", "start", "end"}, …]`` in characters.
SPANS_COLUMN = _calque.SPANS_COLUMN


def _path(value):
    return None if value is None else os.fspath(value)


def _paths(value):
    if value is None:
        return []
    if isinstance(value, (str, bytes, os.PathLike)):
        return [os.fspath(value)]
    return [os.fspath(v) for v in value]


def _strings(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _engine_options(
    config=None,
    rules=None,
    ioc=None,
    narratives=None,
    outlets=None,
    no_embedded_rules=False,
    allow_langs=None,
    factcheckers=None,
    select=None,
    ignore=None,
):
    """The analyzer's options, normalised to plain (picklable, hashable-once-frozen) values."""
    return {
        "config": _path(config),
        "rules": _paths(rules),
        "ioc": _paths(ioc),
        "narratives": _paths(narratives),
        "outlets": _path(outlets),
        "no_embedded_rules": bool(no_embedded_rules),
        "allow_langs": _strings(allow_langs),
        "factcheckers": _path(factcheckers),
        "select": _strings(select),
        "ignore": _strings(ignore),
    }


def _key(options):
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))


_ANALYZERS = {}


def get_analyzer(**options):
    """This process's ``Analyzer`` for these options, built on first use.

    The pattern for workers (Dask, Spark, multiprocessing): ship the options, a small dict, and
    call ``get_analyzer(**options)`` inside the task; each worker process compiles the rules
    once and reuses them for every partition.
    """
    key = _key(_engine_options(**options))
    analyzer = _ANALYZERS.get(key)
    if analyzer is None:
        analyzer = Analyzer(**options)
        _ANALYZERS[key] = analyzer
    return analyzer


def _rebuild(options):
    return get_analyzer(**options)


def _pyarrow():
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("analyze_arrow needs pyarrow: pip install pyarrow") from e
    return pyarrow


_STRING_TYPES = ("string", "large_string", "string_view", "null")


def _as_text(pa, column):
    """A column as Arrow text: string columns as they are, others cast (ids, timestamps…)."""
    if str(column.type) in _STRING_TYPES or column.type in (pa.utf8(), pa.large_utf8()):
        return column
    return column.cast(pa.large_string())


class Analyzer:
    """The compiled rules, heuristics, language detector and scoring configuration.

    ``config``: a scoring configuration file (``calque tune`` writes one); ``rules``: rule
    files or directories added to the embedded ones; ``ioc``: published indicator feeds,
    ``FILE`` or ``campaign=FILE``; ``narratives``: claim databases, ``FILE`` or
    ``COLUMN=FILE`` (CSV, ClaimReview JSON, JSON Lines); ``outlets``, ``no_embedded_rules``,
    ``allow_langs``, ``factcheckers``, ``select``, ``ignore``: as the CLI's ``--outlets``,
    ``--no-embedded-rules``, ``--allow-langs``, ``--factcheckers``, ``--select``, ``--ignore``. Building one compiles
    every rule (0.3 s here); build it once and reuse it.
    """

    def __init__(
        self,
        config=None,
        rules=None,
        ioc=None,
        narratives=None,
        *,
        outlets=None,
        no_embedded_rules=False,
        allow_langs=None,
        factcheckers=None,
        select=None,
        ignore=None,
    ):
        self._options = _engine_options(
            config,
            rules,
            ioc,
            narratives,
            outlets,
            no_embedded_rules,
            allow_langs,
            factcheckers,
            select,
            ignore,
        )
        self._native = _calque.NativeAnalyzer(self._options)
        self._columns = self._native.columns()

    @property
    def options(self):
        """The options this analyzer was built from: ``Analyzer(**a.options)`` rebuilds it."""
        return {k: (list(v) if isinstance(v, list) else v) for k, v in self._options.items()}

    @property
    def columns(self):
        """The report's fixed columns, in order, then ``spans``."""
        return [name for name, _ in self._columns] + [SPANS_COLUMN]

    def __reduce__(self):
        # Pickled as its options: a worker rebuilds it once (get_analyzer), never ships the
        # compiled automata.
        return (_rebuild, (self.options,))

    def __repr__(self):
        given = {k: v for k, v in self._options.items() if v not in (None, [], False)}
        return "calque.Analyzer(%s)" % ", ".join("%s=%r" % kv for kv in given.items())

    def analyze(self, text):
        """One item: a dict with the JSON Lines report's fields (``rank`` is 1) and ``spans``."""
        if not isinstance(text, str):
            raise TypeError("text must be str, not %s" % type(text).__name__)
        return self._native.analyze_texts([text], "<python>", 0)[0]

    def analyze_batch(self, texts, *, threads=0, source="<python>"):
        """One dict per text, in input order; ``rank`` ranks the texts of this batch and
        ``source`` is ``<python>:N`` (N from 1). Runs on ``threads`` worker threads (0: one
        per core) without holding the GIL."""
        texts = list(texts)
        for t in texts:
            if not isinstance(t, str):
                raise TypeError("texts must be str, not %s" % type(t).__name__)
        return self._native.analyze_texts(texts, source, threads)

    def analyze_arrow(
        self,
        data,
        text_col=None,
        *,
        id_col=None,
        author_col=None,
        time_col=None,
        url_col=None,
        platform_col=None,
        keep_cols=(),
        source="<arrow>",
        threads=0,
    ):
        """The report's columns for every row of ``data``, in input order.

        ``data``: a ``pyarrow.RecordBatch`` (returns one), a ``pyarrow.Table``, a pandas
        DataFrame or anything with ``__arrow_c_stream__`` (Polars, DuckDB; returns a
        ``pyarrow.Table``). Columns are found as ``calque scan`` finds them: ``text_col`` and
        the others name them, else the usual names are tried (``text``, ``content``…; ``id``,
        ``tweet_id``…). ``keep_cols`` are copied to the end. Rows are analysed on ``threads``
        worker threads (0: one per core) without the GIL; ``rank`` ranks the rows of this call.
        A null text is analysed as empty text.
        """
        pa = _pyarrow()
        single = isinstance(data, pa.RecordBatch)
        if single:
            batches = [data]
            schema = data.schema
        else:
            if not isinstance(data, pa.Table):
                if type(data).__module__.split(".")[0] == "pandas":
                    data = pa.Table.from_pandas(data, preserve_index=False)
                else:
                    data = pa.table(data)
            batches = data.to_batches()
            schema = data.schema
        keep_cols = _strings(keep_cols)
        columns = {
            "text_col": text_col,
            "id_col": id_col,
            "author_col": author_col,
            "time_col": time_col,
            "url_col": url_col,
            "platform_col": platform_col,
            "keep_cols": keep_cols,
        }
        text, meta, keep = _calque.resolve_columns(list(schema.names), source, columns)
        if not batches:
            batches = [pa.RecordBatch.from_pylist([], schema=schema)]
        names = ["text", "id", "author", "timestamp", "url", "platform"] + [
            "keep%d" % i for i in range(len(keep))
        ]
        prepared = []
        for batch in batches:
            n = batch.num_rows
            columns = [_as_text(pa, batch.column(text))]
            for index in meta:
                if index is None:
                    columns.append(pa.nulls(n, pa.string()))
                else:
                    columns.append(_as_text(pa, batch.column(index)))
            columns += [_as_text(pa, batch.column(k)) for k in keep]
            prepared.append(pa.RecordBatch.from_arrays(columns, names=names))
        out = [
            pa.record_batch(b)
            for b in self._native.analyze_batches(prepared, keep_cols, source, threads)
        ]
        if single:
            return out[0]
        return pa.Table.from_batches(out, schema=out[0].schema)

    def explain(self, text):
        """Everything the pipeline saw for one item: ``calque explain --format json``."""
        if not isinstance(text, str):
            raise TypeError("text must be str, not %s" % type(text).__name__)
        return json.loads(self._native.explain(text))


_COLUMN_OPTIONS = {
    "text_col": None,
    "id_col": None,
    "author_col": None,
    "time_col": None,
    "url_col": None,
    "platform_col": None,
    "keep_cols": None,
}

_SCAN_OPTIONS = {
    "output": "report.csv",
    "format": "csv",
    "input_format": None,
    "rejects": None,
    "summary": None,
    "accounts": None,
    "threads": 0,
    "batch_size": 4096,
    "top": None,
    "min_score": 0.0,
    "max_record_bytes": 1 << 20,
    "lossy_utf8": False,
    "sort_memory_mib": 64,
    "raw_cells": False,
}

_ENGINE_OPTIONS = (
    "config",
    "rules",
    "ioc",
    "narratives",
    "outlets",
    "no_embedded_rules",
    "allow_langs",
    "factcheckers",
    "select",
    "ignore",
)


def scan(paths, **options):
    """``calque scan PATHS`` with the CLI's options as keywords (``--text-col`` is
    ``text_col=``, ``--config`` is ``config=``…): the same pipeline, the same report, rejects
    and summary files, the same errors. Returns the run summary as a dict."""
    known = list(_SCAN_OPTIONS) + list(_COLUMN_OPTIONS) + list(_ENGINE_OPTIONS)
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise TypeError(
            "scan() got unknown options: %s (known: %s)" % (", ".join(unknown), ", ".join(known))
        )
    engine = _engine_options(**{k: v for k, v in options.items() if k in _ENGINE_OPTIONS})
    run = dict(_SCAN_OPTIONS)
    run.update({k: v for k, v in options.items() if k in _SCAN_OPTIONS})
    run["output"] = os.fspath(run["output"])
    for name in ("rejects", "summary", "accounts"):
        run[name] = _path(run[name])
    # Numbers as the CLI receives them, as text, for the CLI's own range checks.
    for name in ("threads", "batch_size", "top", "min_score", "max_record_bytes", "sort_memory_mib"):
        if run[name] is not None:
            run[name] = str(run[name])
    columns = dict(_COLUMN_OPTIONS)
    columns.update({k: v for k, v in options.items() if k in _COLUMN_OPTIONS})
    columns["keep_cols"] = _strings(columns["keep_cols"])
    inputs = [p if p == "-" else os.fspath(p) for p in _paths(paths)]
    return json.loads(_calque.scan(inputs, run, columns, engine))


def accounts(paths, *, output="accounts.csv", format="csv", author_col=None, raw_cells=False,
             partial=False, summary=None, **options):
    """``calque accounts PATHS``: roll reports written by ``scan`` (CSV or JSON Lines) up to
    accounts and write the table to ``output``; returns its summary as a dict.

    With ``partial=True``, writes the partial aggregates instead (JSON Lines; returns ``{}``).
    Partials of parts of a batch, rolled up on several workers and given together later (with
    or without reports), merge exactly into the table of the whole batch (``docs/SCALE.md``).
    ``options`` are the analyzer's (``config``, ``rules``…): give the scan's."""
    unknown = sorted(set(options) - set(_ENGINE_OPTIONS))
    if unknown:
        raise TypeError("accounts() got unknown options: %s" % ", ".join(unknown))
    engine = _engine_options(**options)
    inputs = [p if p == "-" else os.fspath(p) for p in _paths(paths)]
    result = _calque.accounts(
        inputs, os.fspath(output), format, author_col, bool(raw_cells), bool(partial),
        _path(summary), engine,
    )
    return json.loads(result) if result else {}


def explain(text, **options):
    """``calque explain --format json TEXT``; ``options`` as for ``Analyzer``."""
    return get_analyzer(**options).explain(text)
