"""The prompt every tool in `make bench` submits: scenarios/workflows/sd15_demo.api.json at 64x64
with 4 sampler steps (as scenarios/bench/lifecycles.yaml sets it) and a fresh seed per prompt."""
import copy, json, os, random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKFLOW = os.path.join(ROOT, "scenarios", "workflows", "sd15_demo.api.json")

def load():
    with open(WORKFLOW) as handle:
        prompt = json.load(handle)
    prompt["5"]["inputs"].update(width=64, height=64)
    prompt["3"]["inputs"]["steps"] = 4
    return prompt

def fresh(template):
    """A copy with a new seed, as a user of the example script would set prompt["3"]["inputs"]["seed"]."""
    prompt = copy.deepcopy(template)
    prompt["3"]["inputs"]["seed"] = random.randrange(1 << 48)
    return prompt
