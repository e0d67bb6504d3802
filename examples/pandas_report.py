"""pandas: a DataFrame column in, the report's columns out, row for row.

    python examples/pandas_report.py [POSTS.csv]     (default: the bundled sample)

The report's rows come back in the DataFrame's order, so they join on the index. `rank` ranks
the rows of this call; `spans` lists each rule's evidence as character offsets into `text`.
"""

import pathlib
import sys

import pandas as pd

import calque

SAMPLE = pathlib.Path(__file__).resolve().parents[1] / "data" / "samples" / "posts.csv"


def main(path):
    # Read every column as text, as `calque scan` does (ids and dates stay as written).
    posts = pd.read_csv(path, dtype=str, keep_default_na=False)
    analyzer = calque.Analyzer()
    report = analyzer.analyze_arrow(posts, text_col="text").to_pandas()

    columns = ["score", "level", "lang", "campaign", "interference_rules", "evidence", "spans"]
    screened = posts.join(report[columns].add_prefix("calque_"))
    best = screened.sort_values("calque_score", ascending=False, kind="stable").head(5)
    with pd.option_context("display.width", 120, "display.max_colwidth", 50):
        print(best[["id", "author", "calque_score", "calque_level", "calque_campaign"]])
    print(screened["calque_level"].value_counts().to_string())

    # The evidence of the best row, rule by rule, cut out of its text with the spans.
    top = best.iloc[0]
    for span in top["calque_spans"]:
        print("  %s: %r" % (span["rule"], top["text"][span["start"] : span["end"]]))

    # What this example promises, checked (CI runs it).
    assert len(report) == len(posts)
    assert (report["text"] == posts["text"]).all()
    assert (report["id"] == posts["id"]).all()
    assert sorted(report["rank"]) == list(range(1, len(posts) + 1))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else SAMPLE)
