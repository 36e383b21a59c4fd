#!/usr/bin/env python3
"""`make bench`: comfy-harness against the tools a user would pick instead, and against the limit,
measured side by side in one run on this machine. Prints one table, writes the numbers to
bench/results/<UTC time>-<git short sha>.json and bench/results/latest.json, and prints the change
from the last saved result. Standard library only; the peers run from the venv scripts/bench.sh made.

Not a test: the numbers depend on the machine and on whatever else runs on it (recorded as load).
"""
import argparse, datetime, json, os, platform, shutil, signal, socket, statistics, subprocess, sys, tempfile, time
import urllib.request

import bench_table

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("BENCH_BIN") or os.path.join(ROOT, ".build", "release", "comfy-harness")
WORKFLOW = os.path.join(ROOT, "scenarios", "workflows", "sd15_demo.api.json")
# Prompts per in-flight level, the same for all three tools: about 1,000 everywhere, so each row is the
# steady-state cost of 1,000 lifecycles (start-up is measured apart and subtracted); seconds per tool.
LEVELS = {1: 1000, 64: 1000, 512: 1024}
# Accuracy runs: a simulated GPU at 1/100 of an RTX 4090's times (~2 ms a prompt for this 64², 4-step
# workflow), so 512 prompts in flight wait about a second in the queue.
ACCURACY_TIME_SCALE = 0.01
ACCURACY_LEVELS = {1: 200, 512: 1024}


def log(text):
    print(text, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid):
    """utime + stime of a live process (all its threads), from /proc."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Simulator:
    """`comfy-harness simulate` on a free loopback port, stopped with SIGTERM."""

    def __init__(self, time_scale, records_out=None, log_path=os.devnull):
        self.port = free_port()
        command = [BIN, "simulate", "--port", str(self.port), "--time-scale", str(time_scale), "--cache-none"]
        if records_out:
            command += ["--records-out", records_out]
        self.log = open(log_path, "a")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{self.url}/system_stats", timeout=1).read()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise SystemExit(f"the simulator did not start on port {self.port} (see {log_path})")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def stop(self):
        """Stops it and returns the CPU seconds it used."""
        cpu = cpu_seconds(self.process.pid)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        return cpu


def timed(command, log_path, env=None, cwd=None):
    """Runs a client under /usr/bin/time: its wall, user and system CPU seconds and peak RSS."""
    fd, time_path = tempfile.mkstemp(suffix=".time")
    os.close(fd)
    with open(log_path, "w") as out:
        code = subprocess.call(
            ["/usr/bin/time", "-f", "%e %U %S %M", "-o", time_path] + command,
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    with open(time_path) as handle:
        wall, user, system, rss = handle.read().split()[-4:]
    os.unlink(time_path)
    return {"exit": code, "wall": float(wall), "cpu": float(user) + float(system), "user": float(user),
            "sys": float(system), "peak_rss_kib": int(rss)}


class Tools:
    """The three clients, each driving `prompts` lifecycles with `level` in flight against `sim`."""

    def __init__(self, work, venv):
        self.work = work
        self.python = os.path.join(venv, "bin", "python")
        self.locust = os.path.join(venv, "bin", "locust")

    def harness(self, sim, level, prompts, tag):
        folder = os.path.join(self.work, f"harness-{tag}")
        scenario = folder + ".yaml"
        with open(scenario, "w") as handle:
            handle.write(
                "version: 1\nname: bench\n"
                f"server: {sim.url}\n"
                "workflows:\n  tiny:\n"
                f"    file: {WORKFLOW}\n"
                '    set: {"5.width": 64, "5.height": 64, "3.steps": 4}\n'
                f"load: {{mode: closed, concurrency: {level}, requests: {prompts}, timeout: 120s}}\n"
                "monitor: {interval: 1s}\n")
        result = timed([BIN, "run", scenario, "--output", folder, "--quiet", "--no-preflight"], folder + ".log")
        samples = read_samples(os.path.join(folder, "samples.jsonl"))
        ok = [s for s in samples if s.get("outcome") == "ok"]
        window = 0.0
        if samples:
            start = min(s["sentAt"] for s in samples if "sentAt" in s)
            end = max(s.get("downloadedAt") or s.get("finishedAt") or 0 for s in samples)
            window = end - start
        result.update(ok=len(ok), failed=prompts - len(ok), window=window,
                      errors=count_by(s.get("outcome") for s in samples if s.get("outcome") != "ok"))
        result["samples"] = samples
        return result

    def python_client(self, sim, level, prompts, tag, samples_out=None):
        out = os.path.join(self.work, f"python-{tag}.json")
        command = [self.python, os.path.join(HERE, "tutorial_client.py"), "--server", sim.address,
                   "--concurrency", str(level), "--prompts", str(prompts), "--out", out]
        if samples_out:
            command += ["--samples-out", samples_out]
        return self._peer(timed(command, out + ".log", cwd=HERE), out, prompts)

    def locust_client(self, sim, level, prompts, tag):
        out = os.path.join(self.work, f"locust-{tag}.json")
        env = dict(os.environ, BENCH_PROMPTS=str(prompts), BENCH_OUT=out)
        command = [self.locust, "-f", os.path.join(HERE, "locustfile.py"), "--headless", "-u", str(level),
                   "-r", str(level), "-H", sim.url, "-t", "150s", "--only-summary", "--loglevel", "WARNING"]
        return self._peer(timed(command, out + ".log", env=env, cwd=HERE), out, prompts)

    @staticmethod
    def _peer(result, out, prompts):
        try:
            with open(out) as handle:
                summary = json.load(handle)
        except (OSError, ValueError) as error:
            raise SystemExit(f"{out}: no summary from the client ({error}); see {out}.log")
        result.update(ok=summary["ok"], failed=prompts - summary["ok"], window=summary["window"],
                      errors=summary["errors"])
        return result


def read_samples(path):
    samples = []
    if os.path.exists(path):
        with open(path) as handle:
            for line in handle:
                if line.strip():
                    samples.append(json.loads(line))
    return samples


def count_by(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def percentiles(values):
    if not values:
        return {"n": 0, "p50": None, "p99": None, "max": None}
    ordered = sorted(values)
    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return {"n": len(ordered), "p50": at(0.5), "p99": at(0.99), "max": ordered[-1]}


def median(values):
    ordered = sorted(v for v in values if v is not None)
    return ordered[len(ordered) // 2] if ordered else None


def median_run(runs):
    """The repetitions of one tool at one level as one entry: the run with the median CPU per 1,000
    lifecycles (its other fields stay consistent with it), the median rate, and every repetition's
    numbers with their range, so the spread is on record."""
    chosen = dict(sorted(runs, key=lambda r: (r["cpu_per_1000"] is None, r["cpu_per_1000"] or 0))[len(runs) // 2])
    chosen["per_second"] = median(r["per_second"] for r in runs)
    chosen["failed"] = max(r["failed"] for r in runs)
    chosen["repeats"] = [{k: r[k] for k in ("cpu_per_1000", "per_second", "ok", "failed", "cpu", "wall")} for r in runs]
    costs = [r["cpu_per_1000"] for r in runs if r["cpu_per_1000"] is not None]
    chosen["cpu_per_1000_range"] = [min(costs), max(costs)] if costs else None
    return chosen


def lifecycle_runs(tools, work, repeats):
    """Every tool at every level, each run against a fresh simulator at zero work time, `repeats`
    times in turn (harness, python, locust, harness, …) so a slow minute on the machine hits every
    tool alike; each entry is the median run. Single runs moved the 1-in-flight ratio by ±20%. Also
    each tool's start-up cost (one prompt at 1 in flight, median of `repeats`), subtracted so a short
    run does not charge the interpreter's imports to its lifecycles."""
    runners = {"harness": tools.harness, "python": tools.python_client, "locust": tools.locust_client}
    results = {"fixed": {}, "levels": {}, "repeats": repeats}
    for name, runner in runners.items():
        costs = []
        for repeat in range(repeats):
            sim = Simulator(0, log_path=os.path.join(work, "sim.log"))
            costs.append(runner(sim, 1, 1, f"fixed-{repeat}")["cpu"])
            sim.stop()
        results["fixed"][name] = median(costs)
        log(f"  {name:8} start-up (1 prompt): {results['fixed'][name]:.2f} CPU s (median of {repeats})")
    for level, prompts in LEVELS.items():
        runs = {name: [] for name in runners}
        for repeat in range(repeats):
            for name, runner in runners.items():
                sim = Simulator(0, log_path=os.path.join(work, "sim.log"))
                run = runner(sim, level, prompts, f"{level}-{repeat}")
                run["simulator_cpu"] = sim.stop()
                run.pop("samples", None)
                net = max(run["cpu"] - results["fixed"][name], 1e-3)
                run["net_cpu"] = net
                run["per_second"] = run["ok"] / run["window"] if run["window"] > 0 else 0
                run["cpu_per_1000"] = net / run["ok"] * 1000 if run["ok"] else None
                run["per_cpu_second"] = run["ok"] / net
                runs[name].append(run)
                log(f"  {name:8} {level:3} in flight, run {repeat + 1}/{repeats}: {run['ok']}/{prompts} ok in {run['window']:.2f} s, "
                    f"{run['per_second']:.0f}/s, {run['cpu']:.2f} CPU s ({run['per_cpu_second']:.0f} lifecycles per net CPU s), "
                    f"simulator {run['simulator_cpu']:.2f} CPU s")
        results["levels"][str(level)] = {"prompts": prompts, **{name: median_run(runs[name]) for name in runners}}
    return results


def accuracy_runs(tools, work):
    """Harness queue_wait against the simulator's own record, prompt by prompt; the tutorial client's
    client-clock estimate (POST reply to `execution_start` arriving) beside it for contrast."""
    results = {"time_scale": ACCURACY_TIME_SCALE, "levels": {}}
    for level, prompts in ACCURACY_LEVELS.items():
        entry = {"prompts": prompts}
        for name in ["harness", "python"]:
            records_path = os.path.join(work, f"records-{name}-{level}.jsonl")
            sim = Simulator(ACCURACY_TIME_SCALE, records_out=records_path, log_path=os.path.join(work, "sim.log"))
            if name == "harness":
                run = tools.harness(sim, level, prompts, f"accuracy-{level}")
                measured = {s["promptID"]: (s["executionStartMs"] - s["createTimeMs"])
                            for s in run["samples"] if "executionStartMs" in s and "createTimeMs" in s}
            else:
                samples_path = os.path.join(work, f"python-accuracy-{level}.jsonl")
                tools.python_client(sim, level, prompts, f"accuracy-{level}", samples_out=samples_path)
                measured = {s["promptID"]: s["queueWaitMs"] for s in read_samples(samples_path)}
            sim.stop()
            truth = {r["promptID"]: r["queueWaitMs"] for r in read_samples(records_path) if r.get("queueWaitMs") is not None}
            errors = [abs(measured[p] - truth[p]) for p in measured if p in truth]
            entry[name] = {"error_ms": percentiles(errors), "unmatched": len(measured) - len(errors),
                           "missing": len(truth) - len(errors)}
            if name == "harness":
                entry["true_queue_wait_ms"] = percentiles(list(truth.values()))
            stats = entry[name]["error_ms"]
            log(f"  {name:8} {level:3} in flight: |queue_wait error| ms p50/p99/max "
                + "/".join("–" if stats[k] is None else f"{stats[k]:.1f}" for k in ("p50", "p99", "max"))
                + f" over {stats['n']} prompts")
        results["levels"][str(level)] = entry
    return results


def script_json(script, env, work, name, args=()):
    """Runs one of the existing single-purpose bench scripts and reads the JSON it leaves."""
    log_path = os.path.join(work, f"{name}.log")
    with open(log_path, "w") as out:
        code = subprocess.call([os.path.join(ROOT, "scripts", script), *args], cwd=ROOT, env=env,
                               stdout=out, stderr=subprocess.STDOUT)
    if code != 0:
        raise SystemExit(f"scripts/{script} failed (exit {code}); see {log_path}")
    with open(log_path) as handle:
        for line in handle:
            log("  " + line.rstrip())


def memory_run(work):
    out = os.path.join(work, "memory.json")
    env = dict(os.environ, BENCH_JSON=out, BENCH_OUT=os.path.join(work, "driver"), BENCH_PORT=str(free_port()))
    script_json("bench-driver.sh", env, work, "memory", ["memory"])
    with open(out) as handle:
        return json.load(handle)


def image_run(work, venv):
    folder = os.path.join(work, "image")
    env = dict(os.environ, BENCH_IMAGE_DIR=folder, BENCH_VENV=venv)
    script_json("bench-image.sh", env, work, "image")
    with open(os.path.join(folder, "swift.json")) as swift, open(os.path.join(folder, "python.json")) as python:
        return {"swift": json.load(swift), "python": json.load(python)}


def report_run(work):
    out = os.path.join(work, "report.json")
    script_json("bench-report.sh", dict(os.environ, BENCH_JSON=out), work, "report")
    with open(out) as handle:
        return json.load(handle)


def machine():
    model = ""
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        total_kib = int(handle.readline().split()[1])
    os_name = platform.platform()
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as handle:
            for line in handle:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    return {"nproc": os.cpu_count(), "cpu": model, "ram_gib": round(total_kib / 1048576, 1), "os": os_name,
            "kernel": platform.release(), "swift": swift[0] if swift else None, "python": platform.python_version()}


def peer_versions(venv):
    code = ("import importlib.metadata as m; import json; print(json.dumps({p: m.version(p) for p in "
            "['locust', 'requests', 'websocket-client', 'gevent', 'pillow', 'numpy', 'scikit-image']}))")
    output = subprocess.run([os.path.join(venv, "bin", "python"), "-c", code], capture_output=True, text=True)
    return json.loads(output.stdout) if output.returncode == 0 else {}


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def load_average():
    with open("/proc/loadavg") as handle:
        return [float(x) for x in handle.read().split()[:3]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", required=True, help="venv with requests, websocket-client, locust, pillow, numpy, scikit-image")
    parser.add_argument("--results", default=os.path.join(ROOT, "bench", "results"), help="where results are saved")
    parser.add_argument("--no-save", action="store_true", help="print only; do not write a result file")
    parser.add_argument("--only", help="comma-separated parts: lifecycles,accuracy,memory,image,report (default all)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per tool and level for the lifecycle rows (median kept; default 3)")
    args = parser.parse_args()
    if args.repeats < 1:
        raise SystemExit(f"--repeats {args.repeats}: use 1 or more")
    parts = set((args.only or "lifecycles,accuracy,memory,image,report").split(","))
    unknown = parts - {"lifecycles", "accuracy", "memory", "image", "report"}
    if unknown:
        raise SystemExit(f"--only: unknown part(s) {', '.join(sorted(unknown))}; use lifecycles,accuracy,memory,image,report")
    needed = [BIN, "/usr/bin/time"] + ([os.path.join(ROOT, ".build", "release", "image-bench")] if "image" in parts else [])
    for path in needed:
        if not os.access(path, os.X_OK):
            raise SystemExit(f"{path} is missing: run `make bench` (it builds in release mode) or install GNU time (apt-get install time)")

    work = tempfile.mkdtemp(prefix="comfy-bench-")
    tools = Tools(work, args.venv)
    started = time.monotonic()
    result = {
        "schema": 1, "time": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "machine": machine(), "peers": peer_versions(args.venv), "load_before": load_average(),
        "settings": {"levels": LEVELS, "accuracy_levels": ACCURACY_LEVELS, "accuracy_time_scale": ACCURACY_TIME_SCALE,
                     "repeats": args.repeats},
    }
    log(f"comfy-harness bench at {result['commit']}; work files in {work}; load average {result['load_before']}")
    if "lifecycles" in parts:
        log("lifecycles (simulator at --time-scale 0 --cache-none):")
        result["lifecycles"] = lifecycle_runs(tools, work, args.repeats)
    if "accuracy" in parts:
        log(f"queue_wait accuracy (simulator at --time-scale {ACCURACY_TIME_SCALE}):")
        result["accuracy"] = accuracy_runs(tools, work)
    if "memory" in parts:
        log("memory at 2,000 prompts in flight (scripts/bench-driver.sh memory):")
        result["memory"] = memory_run(work)
    if "image" in parts:
        log("image compare (scripts/bench-image.sh):")
        result["image"] = image_run(work, args.venv)
    if "report" in parts:
        log("report for 100,000 samples (scripts/bench-report.sh):")
        result["report"] = report_run(work)
    result["load_after"] = load_average()
    result["seconds"] = round(time.monotonic() - started, 1)
    result["rows"] = bench_table.rows(result)

    previous = None
    latest = os.path.join(args.results, "latest.json")
    if os.path.exists(latest):
        with open(latest) as handle:
            previous = json.load(handle)
    print(bench_table.render(result, previous))
    if not args.no_save:
        os.makedirs(args.results, exist_ok=True)
        stamp = result["time"].replace("-", "").replace(":", "")
        path = os.path.join(args.results, f"{stamp}-{result['commit']}.json")
        for target in [path, latest]:
            with open(target, "w") as handle:
                json.dump(result, handle, indent=1, sort_keys=True)
                handle.write("\n")
        log(f"saved {os.path.relpath(path, ROOT)} and {os.path.relpath(latest, ROOT)}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
