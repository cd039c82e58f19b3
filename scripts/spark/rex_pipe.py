#!/usr/bin/env python3
"""Annotate documents with rex under Apache Spark.

Reads JSON Lines documents ({"id": ..., "text": ... or "html": ..., "dct": ...}, one per line), pipes each
partition through one `rex annotate --stdin-jsonl` process (RDD.pipe: rex reads the partition's lines on
standard input and writes one annotated document/1 line per input, in order), and writes the annotated
documents as JSON Lines part files into OUTPUT (Spark's saveAsTextFile layout).

rex itself does all the work; Spark only splits the input, starts one rex per partition on the executors,
and collects the results. The executors need the rex binary and the Gazetteers/ data folder:

  local:    python3 scripts/spark/rex_pipe.py docs.jsonl out/ --rex .build/release/rex --data Gazetteers
  cluster:  spark-submit --files .build/release/rex --archives Gazetteers.tar.gz#Gazetteers \\
                scripts/spark/rex_pipe.py hdfs:///docs.jsonl hdfs:///annotated --rex ./rex --data ./Gazetteers

A document rex cannot read (bad JSON, no text) is reported on the task's standard error and rex exits 1,
which fails the task: Spark retries it and then fails the job, so nothing is silently lost.
"""
import argparse
import os
import shlex

from pyspark.sql import SparkSession


def rex_command(rex, data, jobs):
    """The command each partition is piped through (one string: RDD.pipe splits it like a shell)."""
    cmd = [rex, "annotate", "--stdin-jsonl", "--quiet", "--jobs", str(jobs)]
    if data:
        cmd += ["--data", data]
    return shlex.join(cmd)


def annotate(spark, input_path, output_path, rex, data=None, partitions=None, jobs=1):
    """Annotates the JSON Lines documents of input_path into output_path; returns the number of documents."""
    lines = spark.sparkContext.textFile(input_path, minPartitions=partitions or 2)
    lines = lines.filter(lambda line: line.strip() != "")
    # The environment rex runs in: the executor's, with the data folder named explicitly.
    annotated = lines.pipe(rex_command(rex, data, jobs), env=dict(os.environ), checkCode=True)
    annotated.saveAsTextFile(output_path)
    return spark.sparkContext.textFile(output_path).count()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="JSON Lines documents (a file, folder or glob Spark can read)")
    p.add_argument("output", help="folder for the annotated documents (must not exist)")
    p.add_argument("--rex", default="./rex", help="the rex binary as the executors see it (default ./rex, from --files)")
    p.add_argument("--data", default=None, help="the Gazetteers/ folder as the executors see it (e.g. ./Gazetteers from --archives)")
    p.add_argument("--partitions", type=int, default=None, help="minimum number of partitions of the input")
    p.add_argument("--jobs", type=int, default=1, help="rex --jobs per partition (1: let Spark use the cores)")
    p.add_argument("--master", default=None, help="Spark master when not run by spark-submit (e.g. local[2])")
    args = p.parse_args()
    builder = SparkSession.builder.appName("rex-annotate")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        n = annotate(spark, args.input, args.output, args.rex, args.data, args.partitions, args.jobs)
        print(f"{n} documents annotated into {args.output}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
