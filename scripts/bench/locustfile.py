"""Locust peer for `make bench`: a User whose one task is the lifecycle of tutorial_client.py
(POST /prompt with a client_id, WebSocket read until `executing` with node null for that prompt,
GET /history/{id}, GET /view for every image), on Locust's HttpUser client and websocket-client
(gevent-patched by Locust). Run headless with -u N -r N; the users share BENCH_PROMPTS tickets and
Locust quits when all are done. Writes ok/failed and the window to BENCH_OUT on exit."""
import itertools, json, os, time
import gevent
import websocket  # websocket-client
from locust import HttpUser, constant, events, task
from locust.exception import StopUser
import bench_workflow

PROMPTS = int(os.environ["BENCH_PROMPTS"])
TEMPLATE = bench_workflow.load()
tickets = itertools.count()
summary = {"ok": 0, "failed": 0, "errors": {}, "first": None, "last": None}

def finish(environment, sent, ok, error=None):
    if sent is not None and (summary["first"] is None or sent < summary["first"]):
        summary["first"] = sent
    summary["last"] = time.monotonic()
    if ok:
        summary["ok"] += 1
    else:
        summary["failed"] += 1
        summary["errors"][error] = summary["errors"].get(error, 0) + 1
    if summary["ok"] + summary["failed"] >= PROMPTS:
        gevent.spawn(environment.runner.quit)

@events.quitting.add_listener
def write_summary(environment, **_):
    summary["window"] = (summary["last"] - summary["first"]) if summary["first"] else 0
    with open(os.environ["BENCH_OUT"], "w") as handle:
        json.dump(summary, handle)

class ComfyUser(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.client_id = os.urandom(16).hex()
        self.ws = websocket.WebSocket()
        self.ws.connect(self.host.replace("http://", "ws://") + f"/ws?clientId={self.client_id}")

    def on_stop(self):
        self.ws.close()

    @task
    def lifecycle(self):
        if next(tickets) >= PROMPTS:
            raise StopUser()
        sent = time.monotonic()
        try:
            reply = self.client.post("/prompt", json={"prompt": bench_workflow.fresh(TEMPLATE), "client_id": self.client_id})
            prompt_id = reply.json()["prompt_id"]
            while True:
                out = self.ws.recv()
                if isinstance(out, str):
                    message = json.loads(out)
                    data = message.get("data", {})
                    if message["type"] == "executing" and data["node"] is None and data["prompt_id"] == prompt_id:
                        break
            history = self.client.get(f"/history/{prompt_id}", name="/history/[id]").json()[prompt_id]
            images = 0
            for node_output in history["outputs"].values():
                for image in node_output.get("images", []):
                    if self.client.get("/view", params=image, name="/view").content:
                        images += 1
            ok = history.get("status", {}).get("status_str") == "success" and images > 0
            # The whole lifecycle as one Locust entry, as a user would add to see it in the stats.
            events.request.fire(
                request_type="WS", name="lifecycle", response_time=(time.monotonic() - sent) * 1000,
                response_length=0, exception=None if ok else Exception("not a success with images"),
                context={})
            finish(self.environment, sent, ok, None if ok else "not a success with images")
        except Exception as failure:
            finish(self.environment, sent, False, type(failure).__name__)
