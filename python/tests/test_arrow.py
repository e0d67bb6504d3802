"""Arrow in, Arrow out: types, shapes, input layouts, and the data a batch carries through."""

import pickle
import multiprocessing

import pyarrow as pa
import pytest

import calque


TEXTS = [
    "You can see on the photo how Kiev regime destroyed school.",
    "Just got back from the farmers market, the strawberries are finally in season!",
    "La situation est très grave, il faut que vous venez.",
]


def test_a_record_batch_comes_back_as_a_record_batch_with_typed_columns(analyzer):
    batch = pa.record_batch({"text": TEXTS, "id": ["a", "b", "c"], "likes": [1, 2, 3]})
    out = analyzer.analyze_arrow(batch, keep_cols=["likes"])
    assert isinstance(out, pa.RecordBatch)
    assert out.num_rows == 3
    assert out.schema.names == analyzer.columns[:-1] + ["likes", calque.SPANS_COLUMN]
    types = {f.name: f.type for f in out.schema}
    assert types["rank"] == pa.int64()
    assert types["mixed_script_tokens"] == pa.int64()
    for name in ("score", "lang_confidence", "cyrillic_share", "interference_score"):
        assert types[name] == pa.float64()
    for name in ("level", "id", "lang", "evidence", "text", "likes"):
        assert types[name] == pa.string()
    assert types["spans"] == pa.list_(
        pa.field(
            "item",
            pa.struct(
                [
                    pa.field("rule", pa.string(), nullable=False),
                    pa.field("start", pa.int64(), nullable=False),
                    pa.field("end", pa.int64(), nullable=False),
                ]
            ),
            nullable=False,
        )
    )
    # Round trip: the input's text, ids and kept values, row for row, in input order.
    assert out.column("text").to_pylist() == TEXTS
    assert out.column("id").to_pylist() == ["a", "b", "c"]
    assert out.column("likes").to_pylist() == ["1", "2", "3"]
    assert sorted(out.column("rank").to_pylist()) == [1, 2, 3]
    assert out.column("source").to_pylist() == ["<arrow>:1", "<arrow>:2", "<arrow>:3"]


def test_a_table_of_several_batches_ranks_across_all_of_them(analyzer):
    texts = TEXTS * 4
    table = pa.Table.from_batches(
        [pa.record_batch({"text": texts[i : i + 5]}) for i in range(0, len(texts), 5)]
    )
    assert table.to_batches()[0].num_rows == 5
    out = analyzer.analyze_arrow(table)
    assert isinstance(out, pa.Table)
    assert out.num_rows == len(texts)
    assert sorted(out.column("rank").to_pylist()) == list(range(1, len(texts) + 1))
    assert out.column("source").to_pylist() == ["<arrow>:%d" % i for i in range(1, 13)]
    assert out.to_pylist() == analyzer.analyze_batch(texts, source="<arrow>")


@pytest.mark.parametrize("text_type", [pa.string(), pa.large_string(), pa.string_view()])
def test_every_arrow_string_layout_is_read(analyzer, text_type):
    table = pa.table({"content": pa.array(TEXTS, type=text_type)})
    out = analyzer.analyze_arrow(table)
    assert out.column("text").to_pylist() == TEXTS
    assert out.to_pylist() == analyzer.analyze_arrow(pa.table({"content": TEXTS})).to_pylist()


def test_non_text_metadata_is_cast_and_null_texts_keep_their_row(analyzer):
    table = pa.table(
        {
            "tweet_id": pa.array([10, 20, None], type=pa.int64()),
            "text": pa.array([TEXTS[0], None, ""]),
            "created_at": pa.array(["2024-01-01", "2024-01-02", "2024-01-03"]),
        }
    )
    out = analyzer.analyze_arrow(table).to_pylist()
    assert [r["id"] for r in out] == ["10", "20", ""]
    assert [r["timestamp"] for r in out] == ["2024-01-01", "2024-01-02", "2024-01-03"]
    assert [r["text"] for r in out] == [TEXTS[0], "", ""]
    assert out[1]["score"] == 0.0 and out[1]["spans"] == []


def test_pandas_and_arrow_streams_are_accepted(analyzer):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"message": TEXTS, "n": [1, 2, 3]})
    out = analyzer.analyze_arrow(frame, keep_cols=["n"])
    assert isinstance(out, pa.Table)
    assert out.column("text").to_pylist() == TEXTS
    report = out.to_pandas()
    assert list(report["n"]) == ["1", "2", "3"]
    # Any object with __arrow_c_stream__ (Polars, DuckDB…): here a RecordBatchReader.
    reader = pa.RecordBatchReader.from_batches(
        pa.schema([("text", pa.string())]), [pa.record_batch({"text": TEXTS})]
    )
    assert analyzer.analyze_arrow(reader).num_rows == 3


def test_an_empty_table_has_the_report_schema(analyzer):
    empty = pa.table({"text": pa.array([], type=pa.string())})
    out = analyzer.analyze_arrow(empty)
    assert out.num_rows == 0
    assert out.schema.names == analyzer.columns


def test_an_analyzer_pickles_as_its_options_and_is_rebuilt_once_per_process():
    built = calque.get_analyzer(allow_langs=["en", "fr", "ru"])
    assert calque.get_analyzer(allow_langs=["en", "fr", "ru"]) is built
    data = pickle.dumps(built)
    assert len(data) < 1000  # options, not compiled automata
    assert pickle.loads(data) is built
    assert built.options["allow_langs"] == ["en", "fr", "ru"]
    rebuilt = calque.Analyzer(**built.options)
    assert rebuilt.analyze(TEXTS[0]) == built.analyze(TEXTS[0])


_INHERITED = {}


def _analyze_in_child(texts):
    # The analyzer and the worker pool of the parent, inherited through fork.
    return [row["score"] for row in _INHERITED["analyzer"].analyze_batch(texts, threads=2)]


def test_a_forked_child_gets_worker_threads_of_its_own(analyzer):
    # The parent's pool of 2 threads exists before the fork; its threads do not exist in the
    # child, which must start its own instead of waiting for them forever.
    texts = TEXTS * 20
    expected = [row["score"] for row in analyzer.analyze_batch(texts, threads=2)]
    _INHERITED["analyzer"] = analyzer
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        got = pool.apply_async(_analyze_in_child, (texts,)).get(timeout=120)
    assert got == expected
