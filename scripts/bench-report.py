#!/usr/bin/env python3
"""Writes a synthetic samples.jsonl of N prompt records (default 100,000) for `make bench-report`:
two workflows, 20 sampler steps each, 1% execution errors carrying a message, outputs downloaded."""
import json, random, sys

def main(path, count):
    rng = random.Random(42)
    with open(path, "w") as out:
        t = 0.0
        for i in range(count):
            t += rng.expovariate(20)
            create = 1_700_000_000_000 + int(t * 1000)
            start = create + int(rng.lognormvariate(3, 1))
            sample_start = t + 0.05
            step = 0.1 + rng.random() * 0.02
            steps = [round(sample_start + k * step, 6) for k in range(20)]
            record = {
                "promptID": f"p{i}", "sequence": i, "workflow": "txt2img" if i % 3 else "hires", "seed": i,
                "server": "http://127.0.0.1:8188", "warmup": i < 2, "scheduledAt": round(t, 6), "sentAt": round(t, 6),
                "acceptedAt": round(t + 0.002, 6), "createTimeMs": create, "executionStartMs": start,
                "terminalMs": start + 2100, "terminalEvent": "execution_success",
                "phases": [
                    {"node": "4", "classType": "CheckpointLoaderSimple", "startedAt": t + 0.01, "seconds": 0.01},
                    {"node": "3", "classType": "KSampler", "startedAt": sample_start, "seconds": 2.0, "steps": steps},
                    {"node": "8", "classType": "VAEDecode", "startedAt": sample_start + 2, "seconds": 0.05},
                ],
                "outputs": [{"filename": f"ComfyUI_{i:05}_.png", "subfolder": "", "type": "output"}],
            }
            if i % 100 == 99:
                record["outcome"] = "execution"
                record["failure"] = {"message": "CUDA out of memory", "node": "3", "nodeType": "KSampler",
                                     "exceptionType": "OutOfMemoryError"}
                record["finishedAt"] = round(t + 2.2, 6)
            else:
                record["outcome"] = "ok"
                record["finishedAt"] = round(t + 2.2, 6)
                record["downloadedAt"] = round(t + 2.25, 6)
                record["downloadBytes"] = 1_400_000
            out.write(json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n")

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
