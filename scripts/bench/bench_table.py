"""The one table `make bench` prints: a row per measurement with what it is compared with, the
ratio, the target and pass/miss, and the change from the last saved result (same row key)."""


def _num(value, digits=0):
    return "–" if value is None else f"{value:,.{digits}f}"


def _ratio(value):
    return "–" if value is None else (f"{value:.1f}×" if value < 100 else f"{value:.0f}×")


def _div(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def _spread(run):
    """` (low–high)` over a level's repetitions, when there were several."""
    span = run.get("cpu_per_1000_range")
    return f" ({span[0]:.2f}–{span[1]:.2f})" if span and len(run.get("repeats", [])) > 1 else ""


def _with_failures(text, run):
    return text + (f" ({run['failed']} failed)" if run.get("failed") else "")


def rows(result):
    """Rows from a result dict; each keeps the numbers the delta compares (`value`, `ratio`)."""
    table = []
    lifecycles = result.get("lifecycles", {}).get("levels", {})
    for level, entry in lifecycles.items():
        h, p, l = entry["harness"], entry["python"], entry["locust"]
        table.append({
            "key": f"lifecycles_per_s@{level}", "label": f"lifecycles/s, {level} in flight ({entry['prompts']} prompts)",
            "value": h["per_second"], "harness": _with_failures(_num(h["per_second"]), h),
            "others": f"python {_with_failures(_num(p['per_second']), p)} · locust {_with_failures(_num(l['per_second']), l)}",
            "ratio": _div(h["per_second"], min(p["per_second"], l["per_second"]) or None),
            "ratios": f"{_ratio(_div(h['per_second'], p['per_second']))} · {_ratio(_div(h['per_second'], l['per_second']))}",
            "target": "", "pass": None})
        ratios = [_div(p["cpu_per_1000"], h["cpu_per_1000"]), _div(l["cpu_per_1000"], h["cpu_per_1000"])]
        passed = None if None in ratios else all(r >= 10 for r in ratios)
        repeats = len(h.get("repeats", [])) or 1
        table.append({
            "key": f"cpu_per_1000@{level}",
            "label": f"client CPU s per 1,000 lifecycles, {level} in flight" + (f" (median of {repeats})" if repeats > 1 else ""),
            "value": h["cpu_per_1000"], "harness": _num(h["cpu_per_1000"], 2) + _spread(h),
            "others": f"python {_num(p['cpu_per_1000'], 2)}{_spread(p)} · locust {_num(l['cpu_per_1000'], 2)}{_spread(l)}",
            "ratio": min(ratios) if None not in ratios else None,
            "ratios": f"{_ratio(ratios[0])} · {_ratio(ratios[1])}",
            "target": "≥ 10× less CPU than both", "pass": passed})
    accuracy = result.get("accuracy", {}).get("levels", {})
    for level, entry in accuracy.items():
        h, p = entry["harness"]["error_ms"], entry["python"]["error_ms"]
        truth = entry.get("true_queue_wait_ms", {})
        def triple(stats):
            return "/".join(_num(stats[k], 1) for k in ("p50", "p99", "max")) if stats["n"] else "no prompts matched"
        table.append({
            "key": f"queue_wait_error@{level}",
            "label": f"queue_wait abs. error ms p50/p99/max, {level} in flight (true wait p50 {_num(truth.get('p50'))} ms)",
            "value": h["p99"], "harness": triple(h) + (f" ({entry['harness']['missing']} unmatched)" if entry["harness"]["missing"] else ""),
            "others": f"python client clock {triple(p)}", "ratio": None, "ratios": "",
            "target": "p99 ≤ 1 ms", "pass": h["p99"] is not None and h["p99"] <= 1 and entry["harness"]["missing"] == 0})
    memory = result.get("memory")
    if memory:
        table.append({
            "key": "kib_per_in_flight", "label": f"RSS per in-flight prompt, {memory['in_flight']:,} in flight",
            "value": memory["kib_per_prompt"], "harness": f"{memory['kib_per_prompt']:.1f} KiB",
            "others": f"total {memory['rss_kib'] / 1024:.0f} MiB (peak {memory['peak_rss_kib'] / 1024:.0f}), idle {memory['idle_rss_kib'] / 1024:.0f} MiB",
            "ratio": None, "ratios": "", "target": "≤ 64 KiB", "pass": memory["kib_per_prompt"] <= 64})
    image = result.get("image")
    if image:
        for pair in ("different", "identical"):
            swift, python = image["swift"][pair], image["python"][pair]
            faster = _div(python["decode_compare_ms"], swift["decode_compare_ms"])
            floor = _div(swift["decode_compare_ms"], swift["decode_ms"])
            table.append({
                "key": f"image_compare_ms@{pair}", "label": f"decode+compare 1024² PNG pair ({pair}), ms",
                "value": swift["decode_compare_ms"], "harness": _num(swift["decode_compare_ms"], 1),
                "others": f"Pillow+numpy+skimage {_num(python['decode_compare_ms'], 1)} · libpng decode floor {_num(swift['decode_ms'], 1)}",
                "ratio": faster, "ratios": f"{_ratio(faster)} faster · {_ratio(floor)} floor",
                "target": "≥ 5× faster, ≤ 1.3× floor", "pass": faster is not None and faster >= 5 and floor is not None and floor <= 1.3})
    report = result.get("report")
    if report:
        table.append({
            "key": "report_seconds", "label": f"report.json + index.html for {report['samples']:,} samples, s wall",
            "value": report["seconds"], "harness": _num(report["seconds"], 2),
            "others": f"{report['user_seconds'] + report['sys_seconds']:.2f} CPU s; index.html {report['index_html_bytes'] / 1e6:.2f} MB, peak RSS {report['peak_rss_kib'] / 1024:.0f} MiB",
            "ratio": None, "ratios": "", "target": "< 2 s", "pass": report["seconds"] < 2})
    return table


def _delta(row, previous_rows):
    before = previous_rows.get(row["key"])
    if not before:
        return ""
    parts = []
    if before.get("value") not in (None, 0) and row.get("value") is not None:
        parts.append(f"{(row['value'] / before['value'] - 1) * 100:+.0f}%")
    elif before.get("value") == 0 and row.get("value") is not None:
        parts.append(f"{before['value']:g} → {row['value']:g}")
    if before.get("ratio") and row.get("ratio"):
        parts.append(f"ratio {_ratio(before['ratio'])} → {_ratio(row['ratio'])}")
    return ", ".join(parts)


def render(result, previous=None):
    """Markdown: a header with the machine and load, then the table (the README pastes it as is)."""
    m = result["machine"]
    lines = [
        f"comfy-harness bench · {result['time']} · {result['commit']}{' (dirty)' if result.get('dirty') else ''} · "
        f"{result.get('seconds', 0):.0f} s",
        f"machine: {m['nproc']} × {m['cpu']}, {m['ram_gib']} GiB, {m['os']}, {m['swift']}; "
        f"load average before {result['load_before'][0]:.1f}, after {result.get('load_after', [0])[0]:.1f}",
    ]
    if previous:
        lines.append(f"Δ vs last saved result: {previous.get('time')} at {previous.get('commit')}")
    lines += ["", "| measurement | comfy-harness | compared with | ratio | target | result |" + (" Δ vs last |" if previous else ""),
              "|---|---|---|---|---|---|" + ("---|" if previous else "")]
    previous_rows = {row["key"]: row for row in (previous or {}).get("rows", [])}
    for row in result["rows"]:
        verdict = "" if row["pass"] is None else ("pass" if row["pass"] else "**miss**")
        cells = [row["label"], row["harness"], row["others"], row["ratios"], row["target"], verdict]
        if previous:
            cells.append(_delta(row, previous_rows))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
