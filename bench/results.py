"""Writing bench/run.py's figures into bench/RESULTS.md: one section between
markers, replaced on the next run; every other section of the file is kept."""
from __future__ import annotations

import re
from pathlib import Path

BEGIN, END = "<!-- bench/run.py: begin -->", "<!-- bench/run.py: end -->"


def _table(figures, floor_of: dict) -> list[str]:
    by_label = {f.label: f for _g, f in figures}
    out = ["| screen | who | median | p95 | SQL statements | × bare FAB (median / p95) |", "|---|---|---|---|---|---|"]
    for _group, figure in figures:
        floor = next((by_label.get(bare) for mine, bare in floor_of.items() if figure.label.startswith(mine)), None)
        ratio = f"{figure.median / floor.median:.2f}× / {figure.p95 / floor.p95:.2f}×" if floor else ""
        out.append(f"| {figure.label} | {figure.note} | {figure.median:.1f} ms | {figure.p95:.1f} ms | "
                   f"{figure.statements} | {ratio} |")
    return out


def load_text(values) -> str:
    """A load average (1, 5, 15 min) as printed and recorded."""
    return ", ".join(f"{v:.2f}" for v in values)


def render(machine: str, command: str, generated, figures, floor_of, failures, served, navbar=(), load=None) -> str:
    lines = [BEGIN, "", "## National scale — `bench/run.py` (figures of the last run)", "",
             f"Machine: {machine}. Command: `{command}`.", ""]
    if load:
        lines += [f"Load average (1, 5, 15 min) at the start: {load_text(load[0])}; at the end: {load_text(load[1])}.", ""]
    if generated:
        counts, seconds = generated
        shown = ", ".join(f"{counts[t]:,} {t}" for t in ("office", "ab_user", "client", "progress_entry", "apel_log",
                                                         "monthly_report", "book_entry", "generated_document",
                                                         "complaint") if t in counts)
        lines += [f"Data (generated in {seconds:.0f} s): {shown}; {sum(counts.values()):,} rows in all.", ""]
    lines += ["Through the test client (one process, no network):", "", *_table(figures, floor_of), ""]
    if navbar:
        lines += ["Navbar per page (the menu, drawn once per set of rights and language, and the permission checks "
                  "of the buttons; median):", "", "| page | navbar | checks |", "|---|---|---|"]
        lines += [f"| {label} | {median:.2f} ms | {checks} |" for label, median, checks in navbar]
        lines.append("")
    lines.append("Statement counts independent of page size and caseload: "
                 + ("yes." if not failures else "NO — " + "; ".join(failures)))
    if served:
        lines += ["", "Through gunicorn (4 sync workers, loopback), one user at a time:", "",
                  "| screen | median | p95 |", "|---|---|---|"]
        lines += [f"| {label} | {median:.1f} ms | {p95:.1f} ms |" for label, median, p95 in served["single"]]
        load = served["load"]
        lines += ["", f"Mixed load: {load['users']} users for {load['seconds']} s, {load['requests']:,} requests "
                      f"({load['rate']:.1f}/s), {load['errors']} errors; latency median {load['median']:.0f} ms, "
                      f"p95 {load['p95']:.0f} ms, max {load['max']:.0f} ms."]
    lines += ["", END]
    return "\n".join(lines)


def write_section(path: Path, machine, command, generated, figures, floor_of, failures, served, navbar=(),
                  load=None) -> None:
    section = render(machine, command, generated, figures, floor_of, failures, served, navbar, load)
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _m: section, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(updated, encoding="utf-8")
