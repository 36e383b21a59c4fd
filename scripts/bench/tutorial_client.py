"""The Python client ComfyUI's own docs suggest (script_examples/websockets_api_example.py): urllib
POST /prompt with a client_id, a websocket-client connection read until `executing` with node null
for that prompt, then GET /history/{id} and GET /view for every image. One thread per concurrent
client, each with its own client_id and WebSocket, taking prompts back to back until N are done.

Writes a JSON summary (ok, failed, first send and last completion on time.monotonic()) to --out.
With --samples-out, also one line per prompt with the client-clock queue wait a user of this script
would measure (POST reply to `execution_start` arriving), for the accuracy row of `make bench`."""
import argparse, itertools, json, threading, time, urllib.parse, urllib.request, uuid
import websocket  # websocket-client
import bench_workflow

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True, help="host:port")
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--prompts", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--samples-out")
    args = parser.parse_args()
    server = args.server
    template = bench_workflow.load()
    tickets = itertools.count()
    lock = threading.Lock()
    summary = {"ok": 0, "failed": 0, "errors": {}, "first": None, "last": None}
    samples = []

    def queue_prompt(prompt, client_id):
        data = json.dumps({"prompt": prompt, "client_id": client_id}).encode("utf-8")
        request = urllib.request.Request(f"http://{server}/prompt", data=data)
        return json.loads(urllib.request.urlopen(request).read())

    def get_image(filename, subfolder, folder_type):
        query = urllib.parse.urlencode({"filename": filename, "subfolder": subfolder, "type": folder_type})
        with urllib.request.urlopen(f"http://{server}/view?{query}") as response:
            return response.read()

    def get_history(prompt_id):
        with urllib.request.urlopen(f"http://{server}/history/{prompt_id}") as response:
            return json.loads(response.read())

    def get_images(ws, client_id, prompt):
        sent = time.monotonic()
        prompt_id = queue_prompt(prompt, client_id)["prompt_id"]
        accepted = time.monotonic()
        started = None
        while True:
            out = ws.recv()
            if isinstance(out, str):
                message = json.loads(out)
                data = message.get("data", {})
                if message["type"] == "execution_start" and data.get("prompt_id") == prompt_id:
                    started = time.monotonic()
                if message["type"] == "executing" and data["node"] is None and data["prompt_id"] == prompt_id:
                    break  # execution is done
            else:
                continue  # previews are binary data
        history = get_history(prompt_id)[prompt_id]
        images = 0
        for node_id in history["outputs"]:
            for image in history["outputs"][node_id].get("images", []):
                if get_image(image["filename"], image["subfolder"], image["type"]):
                    images += 1
        ok = history.get("status", {}).get("status_str") == "success" and images > 0
        return prompt_id, ok, sent, accepted, started

    def client():
        client_id = str(uuid.uuid4())
        ws = websocket.WebSocket()
        try:
            ws.connect(f"ws://{server}/ws?clientId={client_id}")
        except Exception as failure:  # this client sends nothing; the prompts it would have sent go to the others
            with lock:
                summary["errors"]["connect " + type(failure).__name__] = summary["errors"].get("connect " + type(failure).__name__, 0) + 1
            return
        while next(tickets) < args.prompts:
            try:
                prompt_id, ok, sent, accepted, started = get_images(ws, client_id, bench_workflow.fresh(template))
                error = None if ok else "not a success with images"
            except Exception as failure:  # a failed lifecycle is counted, never retried
                ok, error, sent, prompt_id = False, type(failure).__name__, None, None
            with lock:
                now = time.monotonic()
                if sent is not None and (summary["first"] is None or sent < summary["first"]):
                    summary["first"] = sent
                summary["last"] = now
                if ok:
                    summary["ok"] += 1
                    if args.samples_out and started is not None:
                        samples.append({"promptID": prompt_id, "queueWaitMs": (started - accepted) * 1000})
                else:
                    summary["failed"] += 1
                    summary["errors"][error] = summary["errors"].get(error, 0) + 1
            if error and not ok and error != "not a success with images":
                ws.close()  # the socket may be broken: a fresh one, as a script's retry loop would
                ws = websocket.WebSocket()
                ws.connect(f"ws://{server}/ws?clientId={client_id}")
        ws.close()

    threads = [threading.Thread(target=client) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    summary["window"] = (summary["last"] - summary["first"]) if summary["first"] else 0
    with open(args.out, "w") as handle:
        json.dump(summary, handle)
    if args.samples_out:
        with open(args.samples_out, "w") as handle:
            handle.writelines(json.dumps(sample) + "\n" for sample in samples)

if __name__ == "__main__":
    main()
