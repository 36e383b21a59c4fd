/// The worker: one prompt at a time, messages in the order of protocol §3.4.
extension SimulatorEngine {
    func drainQueue() async {
        applyPendingFree()
        while !Task.isCancelled, let item = queue.take() {
            broadcastStatus()
            await execute(item)
            applyPendingFree()
        }
    }

    func applyPendingFree() {
        guard let flags = pendingFree, queue.running == nil else { return }
        pendingFree = nil
        if flags.unloadModels || flags.freeMemory {
            loadedModels.removeAll()
            reservedPeakBytes = 0
        }
        if flags.freeMemory { outputCache.removeAll() }
    }

    private func addMessage(
        _ run: inout PromptRun, _ event: String, _ data: SimJSON, broadcastWithoutClient: Bool, at time: Int64? = nil
    ) {
        var data = data
        data.set("timestamp", .int(time ?? nowMs()))
        run.messages.append(.array([.string(event), data]))
        hub.publish(event, data, clientID: run.item.clientID, broadcastWithoutClient: broadcastWithoutClient)
    }

    func send(_ run: PromptRun, _ type: String, _ data: SimJSON, broadcastWithoutClient: Bool) {
        hub.publish(type, data, clientID: run.item.clientID, broadcastWithoutClient: broadcastWithoutClient)
    }

    func sendProgressState(_ run: PromptRun) {
        send(run, "progress_state", run.progressStateData, broadcastWithoutClient: true)
    }

    func execute(_ item: PromptQueue.Item) async {
        var run = PromptRun(item: item)
        let pid = SimJSON.string(item.promptID)
        interruptRequested = false
        let start = nowMs()
        records[item.promptID]?.startTimeMs = start
        records[item.promptID]?.outcome = .running
        addMessage(&run, "execution_start", .obj(["prompt_id": pid]), broadcastWithoutClient: false, at: start)

        let graph = PromptGraph(prompt: item.prompt)
        let signatures = graph.cacheSignatures()
        let classic = configuration.cacheMode == .classic
        if classic {
            // `clean_unused`: the classic cache only remembers what the current prompt uses.
            let used = Set(signatures.values)
            outputCache = outputCache.filter { used.contains($0.key) }
        }
        let isCached: (String) -> Bool = { [outputCache] id in
            classic && signatures[id].map { outputCache[$0] != nil } ?? false
        }
        let cachedNodes = graph.nodes.map(\.id).filter(isCached)
        addMessage(
            &run, "execution_cached", .obj(["nodes": .array(cachedNodes.map { .string($0) }), "prompt_id": pid]),
            broadcastWithoutClient: false)
        for id in cachedNodes {
            if let signature = signatures[id], let cached = outputCache[signature] { run.values[id] = cached.values }
        }
        let order = graph.executionOrder(
            outputs: item.outputs, isCached: isCached,
            isOutput: { [catalog] id in graph.node(id).map { catalog.isOutputNode($0.classType) } ?? false })

        var stop: RunStop?
        for id in order {
            guard let node = graph.node(id) else { continue }
            if isCached(id) {
                replayCached(&run, node: node, signature: signatures[id])
                continue
            }
            do {
                try await executeNode(&run, node: node, signature: signatures[id], classic: classic)
            } catch let reason as RunStop {
                stop = reason
                break
            } catch {
                // Only cancellation gets here (the server is stopping): end the prompt as interrupted.
                stop = .interrupted(node: node.id, classType: node.classType)
                break
            }
        }
        currentNode = nil
        activationBytes = 0
        finish(&run, stop: stop, allNodeIDs: graph.nodes.map(\.id))
    }

    private func replayCached(_ run: inout PromptRun, node: PromptGraph.Node, signature: String?) {
        let cached = signature.flatMap { outputCache[$0] }
        // 0.8.0 records a cached node's UI only when the prompt has a client_id (a known upstream bug).
        if let ui = cached?.ui, run.item.clientID != nil {
            send(
                run, "executed",
                .obj([
                    "node": .string(node.id), "display_node": .string(node.id), "output": ui,
                    "prompt_id": .string(run.promptID),
                ]), broadcastWithoutClient: false)
            run.outputs.append((key: node.id, value: ui))
            run.outputFiles += Self.fileNames(in: ui)
        }
        run.setProgress(node.id, value: .int(1), max: .int(1), state: "finished")
        sendProgressState(run)
    }

    private func finish(_ run: inout PromptRun, stop: RunStop?, allNodeIDs: [String]) {
        let pid = SimJSON.string(run.promptID)
        let outcome: SimulatedPromptRecord.Outcome
        switch stop {
        case nil:
            addMessage(&run, "execution_success", .obj(["prompt_id": pid]), broadcastWithoutClient: false)
            outcome = run.executed.isEmpty ? .cached : .success
        case .interrupted(let node, let classType)?:
            addMessage(
                &run, "execution_interrupted",
                .obj([
                    "prompt_id": pid, "node_id": .string(node), "node_type": .string(classType),
                    "executed": .array(run.executed.map { .string($0) }),
                ]), broadcastWithoutClient: true)
            outcome = .interrupted
        case .failed(let node, let classType, let type, let message, let inputs)?:
            addMessage(
                &run, "execution_error",
                .obj([
                    "prompt_id": pid, "node_id": .string(node), "node_type": .string(classType),
                    "executed": .array(run.executed.map { .string($0) }), "exception_message": .string(message),
                    "exception_type": .string(type), "traceback": .array([.string(Self.traceback)]),
                    "current_inputs": inputs, "current_outputs": .array(allNodeIDs.map { .string($0) }),
                ]), broadcastWithoutClient: false)
            outcome = .error
        }
        let end = run.messages.last?.arrayValue?.last?["timestamp"]?.intValue
        executedPromptCounter += 1
        let lost = faults.loseHistoryEvery.map { executedPromptCounter % max($0, 1) == 0 } ?? false
        if !lost { history.write(run.promptID, run.historyEntry(succeeded: outcome == .success || outcome == .cached)) }
        if var record = records[run.promptID] {
            record.endTimeMs = end
            record.outcome = outcome
            record.executedNodes = run.executed
            record.outputs = run.outputFiles
            record.steps = run.steps
            record.stepSeconds = run.stepSeconds
            record.historyWritten = !lost
            records[run.promptID] = record
        }
        queue.finishRunning()
        broadcastStatus()
        send(run, "executing", .obj(["node": .null, "prompt_id": pid]), broadcastWithoutClient: false)
    }

    static let traceback =
        "  File \"/srv/ComfyUI/execution.py\", line 518, in execute\n    output_data, output_ui, has_subgraph, has_pending_tasks = await get_output_data(prompt_id, unique_id, obj, input_data_all, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, v3_data=v3_data)\n"

    static func fileNames(in ui: SimJSON) -> [String] {
        (ui["images"]?.arrayValue ?? []).compactMap { $0["filename"]?.stringValue }
    }
}
