"""Spark: calque in `mapInArrow`, local mode, Arrow batches in and out.

    python examples/spark_arrow.py [--parquet DIR] [--cores 2]

Needs pyspark (`pip install pyspark`) and a Java runtime; without `java` on the PATH this
script installs Debian's openjdk-17-jre-headless (as root, with apt-get). CI does not run it
(pandas and Dask only): `scripts/python-wheel.sh --spark` does.

Each Python worker builds its analyzer once from the options (`calque.get_analyzer`); batches
go from the JVM to Python and back as Arrow, without a Python object per cell.
"""

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet as pq

import calque

SAMPLE = pathlib.Path(__file__).resolve().parents[1] / "data" / "samples" / "posts.csv"
OPTIONS = {}  # calque.Analyzer options, plain values, readable on every worker


def ensure_java():
    if shutil.which("java"):
        return
    print("spark: no java on the PATH; installing Debian's openjdk-17-jre-headless")
    subprocess.run(["apt-get", "update", "-q"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "openjdk-17-jre-headless"],
        check=True,
    )


def analyze_batches(batches):
    analyzer = calque.get_analyzer(**OPTIONS)  # once per Python worker process
    for batch in batches:
        yield analyzer.analyze_arrow(batch, text_col="text", threads=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parquet", type=pathlib.Path, help="directory of Parquet files")
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    ensure_java()
    # Spark's Python workers run this interpreter (and so see this environment's calque).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    with tempfile.TemporaryDirectory() as scratch:
        directory = args.parquet
        if directory is None:
            directory = pathlib.Path(scratch) / "posts"
            directory.mkdir()
            parse = pa.csv.ParseOptions(newlines_in_values=True)
            columns = pa.csv.read_csv(SAMPLE, parse_options=parse).column_names
            table = pa.csv.read_csv(
                SAMPLE,
                parse_options=parse,
                convert_options=pa.csv.ConvertOptions(
                    column_types={c: pa.string() for c in columns}, strings_can_be_null=False
                ),
            )
            pq.write_table(table, directory / "posts.parquet")

        spark = (
            SparkSession.builder.master("local[%d]" % args.cores)
            .appName("calque")
            .config("spark.ui.enabled", "false")
            .getOrCreate()
        )
        try:
            empty = pa.table({"text": pa.array([], type=pa.string())})
            schema = from_arrow_schema(calque.get_analyzer(**OPTIONS).analyze_arrow(empty).schema)
            posts = spark.read.parquet(str(directory))
            report = posts.mapInArrow(analyze_batches, schema)
            started = time.perf_counter()
            levels = {r["level"]: r["count"] for r in report.groupBy("level").count().collect()}
            elapsed = time.perf_counter() - started
            rows = sum(levels.values())
            print("spark: %d rows on local[%d]: %.2f s" % (rows, args.cores, elapsed))
            print(levels)
            best = report.orderBy(F.desc("score")).select("id", "score", "level", "campaign")
            best.show(5, truncate=False)
            if args.parquet is None:
                assert rows == 40, rows
                alone = calque.get_analyzer(**OPTIONS).analyze_arrow(table).to_pylist()
                expected = {}
                for row in alone:
                    expected[row["level"]] = expected.get(row["level"], 0) + 1
                assert levels == expected, (levels, expected)
        finally:
            spark.stop()


if __name__ == "__main__":
    main()
