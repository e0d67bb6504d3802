"""Failures raise Python exceptions with the CLI's message and exit code."""

import pyarrow as pa
import pytest

import calque
from conftest import REPO


@pytest.fixture
def bad_files(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[score]\ncampaign_weight = 3.5\n")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.toml").write_text('id = "x"\n[[indicator]\n')
    return {"config": config, "rules": rules, "tmp": tmp_path}


CASES = {
    # name: (CLI arguments, the same request in Python, exception class)
    "missing input": (
        ["scan", "no/such/file.csv", "-o", "{tmp}/r.csv"],
        lambda f: calque.scan(["no/such/file.csv"], output=f["tmp"] / "r.csv"),
        calque.InputError,
    ),
    "unknown text column": (
        ["scan", "data/samples/posts.csv", "--text-col", "body_text", "-o", "{tmp}/r.csv"],
        lambda f: calque.scan(
            ["data/samples/posts.csv"], text_col="body_text", output=f["tmp"] / "r.csv"
        ),
        calque.InputError,
    ),
    "report over its input": (
        ["scan", "data/samples/posts.csv", "-o", "data/samples/posts.csv"],
        lambda f: calque.scan(["data/samples/posts.csv"], output="data/samples/posts.csv"),
        calque.UsageError,
    ),
    "report path is a directory": (
        ["scan", "data/samples/posts.csv", "-o", "{tmp}"],
        lambda f: calque.scan(["data/samples/posts.csv"], output=f["tmp"]),
        calque.OutputError,
    ),
    "invalid config": (
        ["explain", "--config", "{config}", "text"],
        lambda f: calque.Analyzer(config=f["config"]),
        calque.ConfigError,
    ),
    "missing config": (
        ["explain", "--config", "{tmp}/none.toml", "text"],
        lambda f: calque.Analyzer(config=f["tmp"] / "none.toml"),
        calque.ConfigError,
    ),
    "invalid rule file": (
        ["explain", "--rules", "{rules}", "text"],
        lambda f: calque.Analyzer(rules=f["rules"]),
        calque.RulesError,
    ),
    "missing indicator feed": (
        ["explain", "--ioc", "doppelganger={tmp}/missing.txt", "text"],
        lambda f: calque.Analyzer(ioc="doppelganger=%s/missing.txt" % f["tmp"]),
        calque.RulesError,
    ),
    "scan with an invalid config": (
        ["scan", "data/samples/posts.csv", "--config", "{config}", "-o", "{tmp}/r.csv"],
        lambda f: calque.scan(
            ["data/samples/posts.csv"], config=f["config"], output=f["tmp"] / "r.csv"
        ),
        calque.ConfigError,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_error_message_and_exit_code_are_the_clis(case, cli, bad_files, monkeypatch):
    monkeypatch.chdir(REPO)
    args, call, error = CASES[case]
    code, _, stderr = cli(*(a.format(**bad_files) for a in args))
    with pytest.raises(error) as raised:
        call(bad_files)
    assert isinstance(raised.value, calque.CalqueError)
    assert code == raised.value.exit_code != 0
    assert stderr == "calque: error: %s\n" % raised.value


def test_arrow_column_errors_are_the_clis_for_a_csv_with_that_header(
    cli, tmp_path, analyzer, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.csv").write_text("id,body_text\n1,hello\n")
    code, _, stderr = cli("scan", tmp_path / "t.csv", "--text-col", "words", "-o", tmp_path / "r.csv")
    table = pa.table({"id": ["1"], "body_text": ["hello"]})
    with pytest.raises(calque.InputError) as raised:
        analyzer.analyze_arrow(table, text_col="words", source=str(tmp_path / "t.csv"))
    assert code == raised.value.exit_code == 3
    assert stderr == "calque: error: %s\n" % raised.value
    # Discovery fails the same way when no column has a text-like name.
    with pytest.raises(calque.InputError, match="no text column found"):
        analyzer.analyze_arrow(table)


def test_claim_databases_match_as_the_cli_and_fail_with_its_message(cli):
    claims = REPO / "tests" / "fixtures" / "narratives" / "claimreview.json"
    analyzer = calque.Analyzer(
        narratives=claims, no_embedded_rules=True, rules=REPO / "data" / "campaigns" / "ira.toml"
    )
    row = analyzer.analyze(
        "Maia Sandu embezzled $24 million and she is addicted to psychotropic drugs!"
    )
    assert row["narrative"].startswith("Maia Sandu embezzled"), row
    assert row["narrative_source"] == "https://example.org/fact-check/sandu-24-million"
    assert row["narrative_score"] > 0
    broken = REPO / "tests" / "fixtures" / "narratives" / "broken.jsonl"
    code, _, stderr = cli("explain", "--narratives", broken, "x")
    with pytest.raises(calque.CalqueError) as raised:
        calque.Analyzer(narratives=broken)
    assert code == raised.value.exit_code != 0
    assert stderr == "calque: error: %s\n" % raised.value


def test_wrong_types_raise_type_errors(analyzer):
    with pytest.raises(TypeError):
        analyzer.analyze(b"bytes")
    with pytest.raises(TypeError):
        analyzer.analyze_batch(["ok", 3])
    with pytest.raises(TypeError):
        analyzer.analyze_arrow(42)


def test_an_unknown_format_is_refused_as_the_cli_refuses_it(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    code, _, stderr = cli("scan", "data/samples/posts.csv", "--format", "xlsx", "-o", tmp_path / "r")
    with pytest.raises(calque.UsageError, match="possible values: csv, jsonl") as raised:
        calque.scan(["data/samples/posts.csv"], format="xlsx", output=tmp_path / "r")
    assert code == raised.value.exit_code
    assert str(raised.value).startswith(stderr.splitlines()[0][len("error: "):])


@pytest.mark.parametrize(
    "flag, keyword, value",
    [
        ("--batch-size", "batch_size", 0),
        ("--max-record-bytes", "max_record_bytes", 0),
        ("--min-score", "min_score", 1.5),
        ("--top", "top", 0),
        ("--sort-memory-mib", "sort_memory_mib", 0),
    ],
)
def test_numeric_options_are_refused_as_the_cli_refuses_them(
    flag, keyword, value, cli, tmp_path, monkeypatch
):
    monkeypatch.chdir(REPO)
    code, _, stderr = cli("scan", "data/samples/posts.csv", flag, value, "-o", tmp_path / "r.csv")
    with pytest.raises(calque.UsageError) as raised:
        calque.scan(["data/samples/posts.csv"], output=tmp_path / "r.csv", **{keyword: value})
    assert code == raised.value.exit_code == 2
    assert stderr.splitlines()[0] == "error: %s" % raised.value
    assert not (tmp_path / "r.csv").exists()
