#!/usr/bin/env python3
"""Regenerates the result tables in docs/benchmarks.md from BenchmarkDotNet's CSV reports.

Usage (from anywhere; python3, standard library only):

    python3 benchmarks/update-tables.py [--results DIR] [--doc PATH] [--check]

DIR defaults to the BenchmarkDotNet.Artifacts/results folders that the suite writes (the one in
benchmarks/SymGrad.Benchmarks, where `dotnet run --project ...` leaves it when started from there,
and the one in the repository root). Each `*Benchmarks-report.csv` becomes the table between

    <!-- table:NAME:begin -->  and  <!-- table:NAME:end -->

where NAME is the benchmark class without "Benchmarks" (e.g. LogisticRegression). The ADBench
table (`adbench-report.md`, written by the `adbench` command) goes between the `table:AdBench`
markers. Markers with no report are left as they are. With --check the script only reports whether
the document is up to date (exit 1 when it is not).

Columns: time per call (BenchmarkDotNet's mean) and half its 99.9 % confidence interval, allocated
managed bytes per call, the ratio to the primal at the same shape (in the float suite, which has no
primal, to the register-blocked float gradient), and, once a `GeneratedGradient` benchmark exists, the
ratio to it.
"""

import argparse
import csv
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_DOC = ROOT / "docs" / "benchmarks.md"
DEFAULT_RESULTS = [
    ROOT / "benchmarks" / "SymGrad.Benchmarks" / "BenchmarkDotNet.Artifacts" / "results",
    ROOT / "BenchmarkDotNet.Artifacts" / "results",
]

# The order peers are listed in, whatever order BenchmarkDotNet ran them in.
METHOD_ORDER = [
    "Primal",
    "GeneratedGradient",
    "HandLoops",
    "HandSimd",
    "HandBlocked",
    "FiniteDifferences",
    "TorchLiteral",
    "TorchIdiomatic",
    "GeneratedFloat",
    "HandBlockedFloat",
    "GeneratedDouble",
    "TorchFloat32",
]

TIME_UNITS = {"ns": 1.0, "us": 1e3, "μs": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9}
SIZE_UNITS = {"B": 1.0, "KB": 1024.0, "MB": 1024.0**2, "GB": 1024.0**3}


def parse_quantity(text, units, header_unit):
    """A BenchmarkDotNet cell as a number in the header's unit (or the cell's own unit)."""
    text = text.strip().replace(",", "")
    if text in ("", "-", "NA", "?"):
        return None
    match = re.fullmatch(r"([-+0-9.eE]+)\s*([A-Za-zμµ]*)", text)
    if not match:
        raise ValueError(f"cannot read {text!r}")
    value = float(match.group(1))
    unit = match.group(2) or header_unit
    return value * units[unit] / units["ns" if units is TIME_UNITS else "B"]


def column(header, name):
    """The index and unit of the column called NAME, with or without a unit in the header."""
    for index, title in enumerate(header):
        match = re.fullmatch(rf"{re.escape(name)}(?: \[(.+)\])?", title.strip())
        if match:
            return index, match.group(1)
    raise KeyError(f"no {name} column in {header}")


def read_report(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    method = column(header, "Method")[0]
    try:
        shape = column(header, "Shape")[0]
    except KeyError:
        shape = column(header, "Workload")[0]  # SinglePrecisionBenchmarks names its cases
    threads = column(header, "TorchThreads")[0]
    mean, mean_unit = column(header, "Mean")
    error, error_unit = column(header, "Error")
    try:
        allocated, allocated_unit = column(header, "Allocated")
    except KeyError:
        allocated, allocated_unit = None, None
    results = []
    for row in body:
        if not row or not row[method]:
            continue
        results.append({
            "method": row[method].strip(),
            "shape": row[shape].strip(),
            "threads": row[threads].strip(),
            "ns": parse_quantity(row[mean], TIME_UNITS, mean_unit or "ns"),
            "error_ns": parse_quantity(row[error], TIME_UNITS, error_unit or "ns"),
            "bytes": parse_quantity(row[allocated], SIZE_UNITS, allocated_unit or "B") if allocated is not None else None,
        })
    return results


def format_time(ns):
    if ns is None:
        return "n/a"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def format_bytes(size):
    if size is None or size == 0:
        return "0 B"
    for unit, scale in (("MB", 1024.0**2), ("KB", 1024.0)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size:.0f} B"


def ratio(value, reference):
    if value is None or not reference:
        return "n/a"
    value = value / reference
    return f"{value:,.0f}x" if value >= 100 else f"{value:.3g}x"


def shape_key(shape):
    # A workload's name first (the float suite's cases: "softmax m=100 n=10 k=10"), then its numbers.
    name = shape.split(" ", 1)[0] if not re.match(r"\w+=", shape) else ""
    return [name] + [int(number) for number in re.findall(r"\d+", shape)]


def method_key(row):
    name = row["method"]
    order = METHOD_ORDER.index(name) if name in METHOD_ORDER else len(METHOD_ORDER)
    return (order, name, row["threads"] != "1")


def render(results):
    has_generated = any(row["method"] == "GeneratedGradient" for row in results)
    # The float suite has no primal: its reference is the register-blocked float gradient.
    reference_method = "Primal" if any(row["method"] == "Primal" for row in results) else "HandBlockedFloat"
    header = ["shape", "method", "torch threads", "time per call", "± (99.9 %)", "allocated per call", "x primal" if reference_method == "Primal" else "x blocked float"]
    if has_generated:
        header.append("x generated")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---", "---", "---:", "---:", "---:", "---:", "---:"] + (["---:"] if has_generated else [])) + "|"]
    for shape in sorted({row["shape"] for row in results}, key=shape_key):
        rows = sorted((row for row in results if row["shape"] == shape), key=method_key)
        primal = next((row["ns"] for row in rows if row["method"] == reference_method), None)
        generated = next((row["ns"] for row in rows if row["method"] == "GeneratedGradient"), None)
        for row in rows:
            threads = row["threads"] if row["method"].startswith("Torch") else ""
            if not row["method"].startswith("Torch") and row["threads"] not in ("", "1") and reference_method != "Primal":
                continue  # the float suite times its own gradients once per TorchThreads value; the one-thread run is listed
            cells = [shape, row["method"], threads, format_time(row["ns"]), format_time(row["error_ns"]), format_bytes(row["bytes"]), ratio(row["ns"], primal)]
            if has_generated:
                cells.append(ratio(row["ns"], generated))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def replace_between(document, name, table):
    pattern = re.compile(rf"(<!-- table:{re.escape(name)}:begin -->\n)(.*?)(<!-- table:{re.escape(name)}:end -->)", re.S)
    if not pattern.search(document):
        print(f"update-tables: no table:{name} markers in the document; skipped", file=sys.stderr)
        return document
    return pattern.sub(lambda match: match.group(1) + table.rstrip("\n") + "\n" + match.group(3), document)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=pathlib.Path, action="append", help="a BenchmarkDotNet results folder (repeatable)")
    parser.add_argument("--doc", type=pathlib.Path, default=DEFAULT_DOC)
    parser.add_argument("--check", action="store_true", help="exit 1 when the document is not up to date")
    args = parser.parse_args()

    folders = [folder for folder in (args.results or DEFAULT_RESULTS) if folder.is_dir()]
    if not folders:
        print("update-tables: no BenchmarkDotNet results folder found; run the benchmarks first", file=sys.stderr)
        return 1

    original = args.doc.read_text(encoding="utf-8")
    tables = {}
    for folder in folders:
        for report in sorted(folder.glob("*Benchmarks-report.csv")):
            name = report.name.split("-report.csv")[0].rsplit(".", 1)[-1].removesuffix("Benchmarks")
            if f"<!-- table:{name}:begin -->" not in original:
                continue  # a suite with no table in the document (the parallel and second-order ones)
            try:
                tables[name] = render(read_report(report))
            except KeyError as missing:
                print(f"update-tables: {report.name} skipped: {missing}", file=sys.stderr)
        adbench = folder / "adbench-report.md"
        if adbench.is_file():
            tables["AdBench"] = adbench.read_text(encoding="utf-8")

    updated = original
    for name, table in sorted(tables.items()):
        updated = replace_between(updated, name, table)

    if args.check:
        print("update-tables: up to date" if updated == original else "update-tables: docs/benchmarks.md is out of date")
        return 0 if updated == original else 1
    args.doc.write_text(updated, encoding="utf-8")
    print(f"update-tables: {len(tables)} table(s) from {', '.join(str(folder) for folder in folders)} written to {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
