"""The Python results are the CLI's report, field by field, on the bundled sample."""

import csv
import json

import pyarrow as pa
import pytest

import calque
from conftest import REPO, SAMPLE_TXT

# Fields the Python API cannot share with the CLI's report: `source` names a file and line
# there, `<arrow>:N` / `<python>:N` here (checked on its own below).
NOT_SHARED = {"source"}


def cli_jsonl(cli, tmp_path, *args):
    out = tmp_path / "cli.jsonl"
    code, _, err = cli("scan", *args, "--format", "jsonl", "-o", out, "--quiet")
    assert code == 0, err
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def sample_table(rows):
    return pa.table({name: [r[name] for r in rows] for name in rows[0]})


def test_analyze_arrow_equals_cli_report_field_by_field(cli, tmp_path, analyzer, sample_rows):
    expected = cli_jsonl(cli, tmp_path, "data/samples/posts.csv", "--keep-cols", "author")
    got = analyzer.analyze_arrow(sample_table(sample_rows), keep_cols=["author"]).to_pylist()
    assert len(got) == len(expected) == len(sample_rows) == 40
    by_id = {row["id"]: row for row in got}
    compared = 0
    for want in expected:
        have = by_id[want["id"]]
        # Every field of the report, in the report's order; then the binding's own.
        assert list(have)[: len(want)] == list(want)
        assert list(have)[len(want) :] == [calque.SPANS_COLUMN]
        for field, value in want.items():
            if field in NOT_SHARED:
                continue
            assert have[field] == value, (want["id"], field)
            compared += 1
        assert have["source"] == "<arrow>:%d" % (sample_rows.index(
            next(r for r in sample_rows if r["id"] == want["id"])) + 1)
    assert compared == 40 * (len(expected[0]) - len(NOT_SHARED))
    # The sample exercises what matters: ranks, several levels, rules with evidence.
    assert {row["level"] for row in got} >= {"high", "medium", "low"}
    assert any(row["evidence"] for row in got)


def test_analyze_batch_equals_cli_report_on_plain_text(cli, tmp_path, analyzer):
    expected = cli_jsonl(cli, tmp_path, SAMPLE_TXT.relative_to(REPO))
    texts = SAMPLE_TXT.read_text(encoding="utf-8").splitlines()
    got = analyzer.analyze_batch(texts)
    assert len(got) == len(expected) == len(texts)
    for want in expected:
        line = int(want["source"].rsplit(":", 1)[1])
        have = got[line - 1]
        assert have["source"] == "<python>:%d" % line
        for field, value in want.items():
            if field not in NOT_SHARED:
                assert have[field] == value, (line, field)


def test_analyze_is_one_row_of_analyze_batch(analyzer, sample_rows):
    texts = [r["text"] for r in sample_rows]
    batch = analyzer.analyze_batch(texts, threads=2)
    for text, row in zip(texts, batch):
        one = analyzer.analyze(text)
        assert one["rank"] == 1
        assert one["source"] == "<python>:1"
        for field in analyzer.columns:
            if field not in ("rank", "source"):
                assert one[field] == row[field], field


def test_dicts_and_arrow_rows_are_the_same(analyzer, sample_rows):
    texts = [r["text"] for r in sample_rows]
    dicts = analyzer.analyze_batch(texts, source="<arrow>")
    table = analyzer.analyze_arrow(pa.table({"text": texts}))
    assert table.column_names == analyzer.columns == list(dicts[0])
    assert table.to_pylist() == dicts


def test_result_is_the_same_whatever_the_threads(analyzer, sample_rows):
    table = sample_table(sample_rows)
    one = analyzer.analyze_arrow(table, threads=1)
    two = analyzer.analyze_arrow(table, threads=2)
    assert one.equals(two)


def test_evidence_spans_are_character_offsets_into_text(analyzer):
    # Accents and Cyrillic before the evidence: byte and character offsets differ.
    text = (
        "Ça alors — Кремль says: You can see on the photo how Kiev regime destroyed school. "
        "Zelensky said, that he will continue in the nearest time."
    )
    row = analyzer.analyze(text)
    explained = analyzer.explain(text)
    byte_spans = [
        (h["code"], s["start"], s["end"]) for h in explained["heuristics"] for s in h["spans"]
    ]
    assert len(row["spans"]) >= 2
    encoded = text.encode("utf-8")
    for span, (code, start, end) in zip(row["spans"], byte_spans):
        assert span["rule"] == code
        assert text[span["start"] : span["end"]] == encoded[start:end].decode("utf-8")
    # The rules of the evidence column, in its order.
    rules = [entry.split(": ", 1)[0] for entry in row["evidence"].split(" | ")]
    in_order = []
    for span in row["spans"]:
        if not in_order or in_order[-1] != span["rule"]:
            in_order.append(span["rule"])
    assert in_order == rules


def test_explain_equals_cli(cli, analyzer):
    text = "We will publish the whole video in the nearest time, look on the photo"
    code, out, err = cli("explain", "--format", "json", text)
    assert code == 0, err
    assert calque.explain(text) == json.loads(out)
    assert analyzer.explain(text) == json.loads(out)


def test_scan_writes_the_cli_report(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    cli_out = tmp_path / "cli.jsonl"
    code, _, err = cli("scan", "data/samples/posts.csv", "--format", "jsonl", "-o", cli_out, "-q")
    assert code == 0, err
    py_out = tmp_path / "py.jsonl"
    summary = calque.scan(
        ["data/samples/posts.csv"],
        output=py_out,
        format="jsonl",
        summary=tmp_path / "summary.json",
    )
    assert py_out.read_bytes() == cli_out.read_bytes()
    assert summary["records_read"] == summary["scored"] + summary["rejected"] == 40
    assert summary["rows_written"] == 40
    assert json.loads((tmp_path / "summary.json").read_text())["scored"] == 40


def test_scan_rejects_unknown_options():
    with pytest.raises(TypeError, match="text_column"):
        calque.scan(["x.csv"], text_column="body")


def test_scan_writes_the_cli_accounts_table(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    code, _, err = cli(
        "scan", "data/samples/posts.csv", "-o", tmp_path / "cli.csv", "-q",
        "--accounts", tmp_path / "cli-accounts.csv",
    )
    assert code == 0, err
    calque.scan(
        ["data/samples/posts.csv"], output=tmp_path / "py.csv", accounts=tmp_path / "py-accounts.csv"
    )
    assert (tmp_path / "py-accounts.csv").read_bytes() == (tmp_path / "cli-accounts.csv").read_bytes()
    assert (tmp_path / "py.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()


def test_account_partials_from_workers_merge_into_the_whole_table(cli, tmp_path, sample_rows):
    # The CLI's table of the whole sample.
    whole = tmp_path / "whole.jsonl"
    code, _, err = cli("scan", "data/samples/posts.csv", "--format", "jsonl", "-o", whole, "-q")
    assert code == 0, err
    code, _, err = cli("accounts", whole, "-o", tmp_path / "cli.csv", "-q")
    assert code == 0, err
    # Two "workers", each scanning half of the posts and writing its partial aggregates.
    header = list(sample_rows[0])
    partials = []
    for k, half in enumerate((sample_rows[:20], sample_rows[20:])):
        posts = tmp_path / ("half%d.csv" % k)
        with open(posts, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=header)
            writer.writeheader()
            writer.writerows(half)
        report = tmp_path / ("half%d.jsonl" % k)
        calque.scan([posts], output=report, format="jsonl")
        partials.append(tmp_path / ("part%d.jsonl" % k))
        assert calque.accounts([report], output=partials[-1], partial=True) == {}
    # The driver merges them: the same table as the CLI's on the whole.
    summary = calque.accounts(partials, output=tmp_path / "merged.csv")
    assert (tmp_path / "merged.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert summary["accounts"] == len({r["author"] for r in sample_rows})
