"""Dask: calque over Parquet files with `map_partitions`, one analyzer per worker process.

    python examples/dask_parquet.py                      # CI size: the sample as 4 Parquet files
    python examples/dask_parquet.py --parquet DIR --workers 2 --summary-only   # a real corpus
    python examples/dask_parquet.py --parquet DIR --workers 0 --summary-only   # no Dask: the
        same function over the same files, one after the other, in this process

The task sends the analyzer's *options* (a small dict), never a compiled analyzer:
`calque.get_analyzer(**options)` builds it on the first partition a worker process sees and
reuses it for every later one. Workers analyse with `threads=1`, since Dask already runs one
task per core; `rank` ranks rows within a partition, so rank globally by sorting on `score`.
"""

import argparse
import pathlib
import tempfile
import time

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet as pq
from dask.distributed import Client, LocalCluster

import calque

SAMPLE = pathlib.Path(__file__).resolve().parents[1] / "data" / "samples" / "posts.csv"

# calque.Analyzer options, as plain values: e.g. {"config": "tuned.toml", "rules": ["my-rules"]}.
# Paths must be readable on every worker.
OPTIONS = {}


def analyze_partition(frame, options, threads):
    analyzer = calque.get_analyzer(**options)  # compiled once per worker process
    return analyzer.analyze_arrow(frame, text_col="text", threads=threads).to_pandas()


def write_sample(directory, parts=4):
    """The bundled sample as `parts` Parquet files, every column as text."""
    parse = pa.csv.ParseOptions(newlines_in_values=True)  # quoted texts may hold line breaks
    columns = pa.csv.read_csv(SAMPLE, parse_options=parse).column_names
    table = pa.csv.read_csv(
        SAMPLE,
        parse_options=parse,
        convert_options=pa.csv.ConvertOptions(
            column_types={c: pa.string() for c in columns}, strings_can_be_null=False
        ),
    )
    step = -(-table.num_rows // parts)
    for i in range(parts):
        pq.write_table(table.slice(i * step, step), directory / ("part-%d.parquet" % i))
    return table


def one_process(directory, threads):
    """The baseline: the partition function over each file in turn, in this process."""
    started = time.perf_counter()
    counts = []
    files = sorted(directory.glob("*.parquet"))
    for path in files:
        report = analyze_partition(pd.read_parquet(path), OPTIONS, threads)
        counts.append(report["level"].value_counts())
    levels = pd.concat(counts).groupby(level=0).sum()
    elapsed = time.perf_counter() - started
    rows = int(levels.sum())
    print(
        "one process: %d rows in %d files, %d calque threads: %.2f s, %.0f rows/s"
        % (rows, len(files), threads, elapsed, rows / elapsed)
    )
    print(levels.to_string())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parquet", type=pathlib.Path, help="directory of Parquet files")
    parser.add_argument(
        "--workers", type=int, default=2, help="worker processes (0: no Dask, this process)"
    )
    parser.add_argument("--threads", type=int, default=1, help="calque threads per task")
    parser.add_argument(
        "--summary-only", action="store_true", help="count levels on the workers, fetch no rows"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        directory = args.parquet
        sample = None
        if directory is None:
            directory = pathlib.Path(scratch)
            sample = write_sample(directory)
        empty = pa.table({"text": pa.array([], type=pa.string())})
        meta = calque.get_analyzer(**OPTIONS).analyze_arrow(empty).to_pandas()

        if args.workers == 0:
            one_process(directory, args.threads)
            return

        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        with cluster, Client(cluster):
            posts = dd.read_parquet(str(directory))
            report = posts.map_partitions(analyze_partition, OPTIONS, args.threads, meta=meta)
            started = time.perf_counter()
            if args.summary_only:
                levels = report["level"].value_counts().compute()
                rows = int(levels.sum())
            else:
                result = report.compute()
                levels = result["level"].value_counts()
                rows = len(result)
            elapsed = time.perf_counter() - started
        print(
            "dask: %d rows in %d partitions on %d workers: %.2f s, %.0f rows/s"
            % (rows, posts.npartitions, args.workers, elapsed, rows / elapsed)
        )
        print(levels.to_string())

        if sample is not None:
            # CI: the distributed result is the single-process one, row for row (but `rank`,
            # which ranks within a partition, and `source`, numbered within it).
            alone = calque.get_analyzer(**OPTIONS).analyze_arrow(sample).to_pandas()
            assert posts.npartitions == 4 and len(result) == len(alone) == sample.num_rows
            result = result.sort_values("id").reset_index(drop=True)
            alone = alone.sort_values("id").reset_index(drop=True)
            for column in alone.columns.drop(["rank", "source"]):
                # `spans` holds arrays of {rule, start, end}: compared as lists; an empty
                # number (None, NaN or NA once in pandas) equals an empty number.
                def plain(v, spans=column == calque.SPANS_COLUMN):
                    if spans:
                        return list(v)
                    return None if pd.api.types.is_scalar(v) and pd.isna(v) else v

                have = [plain(v) for v in result[column]]
                assert have == [plain(v) for v in alone[column]], column


if __name__ == "__main__":
    main()
