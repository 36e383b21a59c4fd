#!/usr/bin/env python3
"""Regenerates the fuzz seed corpora under Fuzz/seeds/ from the repository's real files.

png:       the ComfyUI 0.8.0 output PNGs and baselines, plus tiny PNGs of every colour type, bit
           depth and interlace with tEXt/zTXt/iTXt chunks (small seeds keep the fuzzer fast).
event:     every WebSocket text message and HTTP JSON body in the 0.8.0 transcripts, and binary
           frames of types 1, 3 and 4 built the way ComfyUI sends them (protocol §3.5).
scenario:  scenarios/**/*.yaml.
workflow:  the API-format workflows in scenarios/workflows and the fixtures.
threshold: `key: value` lines from scenarios and the threshold parser's tests.

Run from the repository root: python3 scripts/fuzz-seeds.py (stdlib only).
"""
import hashlib
import json
import pathlib
import re
import struct
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/Fixtures/comfyui-0.8.0"
SEEDS = ROOT / "Fuzz/seeds"


def write(target, data, name=None):
    if isinstance(data, str):
        data = data.encode()
    directory = SEEDS / target
    directory.mkdir(parents=True, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    (directory / name).write_bytes(data)


def chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, depth, color, rows, interlace=0, extra=b"", palette=None):
    """A PNG from already-filtered scanlines (filter byte included): only non-interlaced rows are exact."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, interlace)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra
    if palette is not None:
        out += chunk(b"PLTE", palette)
    return out + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")


def png_seeds():
    for path in sorted(FIXTURES.glob("*.png")) + sorted((ROOT / "baselines").rglob("*.png")):
        write("png", path.read_bytes(), "real-" + "-".join(path.relative_to(ROOT).parts[-3:]).replace(".png", ""))
    text = (chunk(b"tEXt", b"prompt\x00{\"3\": {\"class_type\": \"KSampler\"}}")
            + chunk(b"zTXt", b"workflow\x00\x00" + zlib.compress(b"{\"nodes\": []}"))
            + chunk(b"iTXt", b"comment\x00\x00\x00en\x00\x00caf\xc3\xa9"))
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
    for color, depths in {0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]}.items():
        for depth in depths:
            width, height = 5, 3
            row_bytes = (width * channels[color] * depth + 7) // 8
            rows = b"".join(bytes([y % 5]) + bytes((x * 37 + y * 11) % 256 for x in range(row_bytes))
                            for y in range(height))
            palette = bytes(range(48)) if color == 3 else None
            for interlace in (0, 1):
                extra = text if depth == 8 else b""
                if color == 3 and depth == 8:
                    extra += b""
                data = png(width, height, depth, color, rows, interlace, extra, palette)
                if color == 3:
                    # tRNS must follow PLTE: insert it just before IDAT.
                    idat = data.index(b"IDAT") - 4
                    data = data[:idat] + chunk(b"tRNS", b"\x00\x80") + data[idat:]
                write("png", data, f"c{color}-d{depth}-i{interlace}")
    write("png", png(2, 2, 8, 2, b"\x00" + bytes(6) + b"\x00" + bytes(6),
                     extra=chunk(b"gAMA", struct.pack(">I", 45455)) + chunk(b"sRGB", b"\x00")), "gamma-srgb")


def event_seeds():
    for path in sorted(FIXTURES.glob("*.json")):
        document = json.loads(path.read_text())
        exchanges = document.values() if isinstance(document, dict) else [document]
        for exchange in exchanges:
            items = exchange if isinstance(exchange, list) else [exchange]
            for item in items:
                if not isinstance(item, dict):
                    continue
                if "text" in item:
                    write("event", json.dumps(item["text"], separators=(",", ":")))
                if "body" in item and item["body"] is not None:
                    body = item["body"]
                    write("event", body if isinstance(body, str) else json.dumps(body, separators=(",", ":")))
    tiny_png = (SEEDS / "png" / "c2-d8-i0").read_bytes()
    write("event", struct.pack(">II", 1, 2) + tiny_png, "binary-1-preview")
    node = b"3"
    write("event", struct.pack(">II", 3, len(node)) + node + b"step 2/4", "binary-3-progress-text")
    meta = json.dumps({"node_id": "9", "prompt_id": "p-1", "display_node_id": "9",
                       "parent_node_id": None, "real_node_id": "9", "image_type": "image/png"}).encode()
    write("event", struct.pack(">II", 4, len(meta)) + meta + tiny_png, "binary-4-preview-metadata")
    write("event", struct.pack(">I", 9) + b"future", "binary-unknown")


def scenario_seeds():
    for path in sorted((ROOT / "scenarios").rglob("*.yaml")):
        write("scenario", path.read_text(), "real-" + path.stem)


def workflow_seeds():
    paths = sorted((ROOT / "scenarios/workflows").glob("*.json")) + sorted(FIXTURES.glob("workflow_*.json"))
    for path in paths:
        write("workflow", path.read_text(), "real-" + path.stem)


def threshold_seeds():
    lines = set()
    for path in sorted((ROOT / "scenarios").rglob("*.yaml")):
        in_thresholds = False
        for line in path.read_text().splitlines():
            if re.match(r"^thresholds:", line):
                in_thresholds = True
            elif in_thresholds and re.match(r"^\s+\S", line):
                entry = line.split("#")[0].strip()
                key, _, value = entry.partition(":")
                lines.add(f"{key.strip()}: {value.strip().strip(chr(34))}")
            else:
                in_thresholds = False
    tests = (ROOT / "Tests/HarnessTests/Scenario/ThresholdParserTests.swift").read_text()
    for key, value in re.findall(r'parse\("([^"]+)", "([^"]*)"\)', tests):
        lines.add(f"{key}: {value}")
    for value in re.findall(r'\("([<>=][^"]*)", [0-9_.e]+\)', tests):
        lines.add(f"latency.p95: {value}")
    for line in sorted(lines):
        write("threshold", line)


if __name__ == "__main__":
    png_seeds()
    event_seeds()
    scenario_seeds()
    workflow_seeds()
    threshold_seeds()
    for target in sorted(p.name for p in SEEDS.iterdir()):
        files = list((SEEDS / target).iterdir())
        print(f"{target}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")
