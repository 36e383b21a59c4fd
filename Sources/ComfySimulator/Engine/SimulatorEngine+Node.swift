/// Running one (uncached) node: progress_state, executing, timed work and steps, outputs, executed.
extension SimulatorEngine {
    func executeNode(_ run: inout PromptRun, node: PromptGraph.Node, signature: String?, classic: Bool) async throws {
        let pid = SimJSON.string(run.promptID)
        run.setProgress(node.id, value: .double(0), max: .double(1), state: "running")
        sendProgressState(run)
        currentNode = node.id
        send(
            run, "executing", .obj(["node": .string(node.id), "display_node": .string(node.id), "prompt_id": pid]),
            broadcastWithoutClient: false)
        // `before_node_execution`: the interrupt flag is checked (and cleared) as the node starts.
        try checkInterrupt(node)

        let behavior = NodeBehavior(node: node, upstream: run.values)
        try checkMemory(behavior)
        let scale = configuration.timeScale
        let profile = configuration.profile
        let modelLoaded = behavior.isLoader && loadedModels.contains(behavior.modelName)
        try await sleep(seconds: behavior.baseSeconds(profile: profile, modelLoaded: modelLoaded) * scale)
        if behavior.isLoader && !modelLoaded {
            // Like ComfyUI's model management: models that no longer fit are unloaded first.
            let budget = profile.vramTotalBytes - profile.vramBaselineBytes
            if Int64(loadedModels.count + 1) * profile.modelBytes > budget { loadedModels.removeAll() }
            loadedModels.insert(behavior.modelName)
        }

        var loaded: ImageSpec?
        if node.classType == "LoadImage" { loaded = try loadImage(node) }
        if behavior.isSampler { try await sample(&run, behavior: behavior) }

        let values = behavior.outputs(loadedImage: loaded)
        run.values[node.id] = values
        var ui: SimJSON?
        if let spec = behavior.imagesToSave, node.classType == "SaveImage" || node.classType == "PreviewImage" {
            let saved = save(spec, node: node, item: run.item)
            ui = saved
            send(
                run, "executed",
                .obj([
                    "node": .string(node.id), "display_node": .string(node.id), "output": saved, "prompt_id": pid,
                ]), broadcastWithoutClient: false)
            run.outputs.append((key: node.id, value: saved))
            run.outputFiles += Self.fileNames(in: saved)
        }
        if classic, let signature { outputCache[signature] = CachedNode(values: values, ui: ui) }
        run.executed.append(node.id)
        if let last = run.progress.first(where: { $0.id == node.id }) {
            run.setProgress(node.id, value: last.max, max: last.max, state: "finished")
        }
        sendProgressState(run)
    }

    /// Largest batch (pixels × images) the simulated GPU takes; beyond it the node fails like a CUDA OOM,
    /// which also keeps a hostile size from exhausting the simulator's own memory.
    static let maximumBatchPixels = 64.0 * 1024 * 1024

    private func checkMemory(_ behavior: NodeBehavior) throws {
        var specs: [ImageSpec] = []
        if behavior.isSampler { specs.append(behavior.latentSpec) }
        if let images = behavior.imagesToSave { specs.append(images) }
        for spec in specs
        where Double(spec.width) * Double(spec.height) * Double(max(spec.count, 1)) > Self.maximumBatchPixels {
            throw RunStop.failed(
                node: behavior.node.id, classType: behavior.node.classType, type: "torch.OutOfMemoryError",
                message: "Allocation on device \nThis error means you ran out of memory on your GPU.\n",
                inputs: .object([]))
        }
    }

    private func checkInterrupt(_ node: PromptGraph.Node) throws {
        if interruptRequested {
            interruptRequested = false
            throw RunStop.interrupted(node: node.id, classType: node.classType)
        }
    }

    /// Sleeps on the monotonic clock; with timeScale 0 nothing sleeps at all.
    private func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .seconds(seconds))
    }

    private func sample(_ run: inout PromptRun, behavior: NodeBehavior) async throws {
        let latent = behavior.latentSpec
        let steps = behavior.samplerSteps
        let stepSeconds =
            configuration.profile.stepSeconds(width: latent.width, height: latent.height, batch: latent.count)
            * configuration.timeScale
        run.stepSeconds = stepSeconds
        activationBytes =
            Int64(
                GPUProfile.megapixels(latent.width, latent.height) * Double(max(latent.count, 1))
                    * Double(configuration.profile.activationBytesPerMegapixel))
        reservedPeakBytes = max(reservedPeakBytes, activationBytes)
        defer { activationBytes = 0 }
        let id = behavior.node.id
        let previews = PreviewFrames.enabled(for: run.item.extraData)
        // Each step ends at start + k·step (a deadline, not a relative sleep), so timer overshoot does
        // not accumulate and a fixed step time gives an exact per-prompt sampling time.
        let start = ContinuousClock.now
        for step in 1...steps {
            if stepSeconds > 0 {
                try await Task.sleep(until: start.advanced(by: .seconds(stepSeconds * Double(step))), clock: .continuous)
            }
            // The progress hook checks the interrupt flag before reporting the step.
            try checkInterrupt(behavior.node)
            run.steps += 1
            run.setProgress(id, value: .int(Int64(step)), max: .int(Int64(steps)), state: "running")
            sendProgressState(run)
            let preview =
                previews
                ? PreviewFrames.frames(
                    latent: latent, step: step, nodeID: id, promptID: run.promptID, renderer: renderer) : nil
            if let preview {
                hub.publishPreview(
                    clientID: run.item.clientID, negotiatedPhase: true, legacy: preview.legacy,
                    withMetadata: preview.withMetadata)
            }
            send(
                run, "progress",
                .obj([
                    "value": .int(Int64(step)), "max": .int(Int64(steps)), "prompt_id": .string(run.promptID),
                    "node": .string(id),
                ]), broadcastWithoutClient: true)
            if let preview {
                hub.publishPreview(
                    clientID: run.item.clientID, negotiatedPhase: false, legacy: preview.legacy,
                    withMetadata: preview.withMetadata)
            }
        }
    }

    /// LoadImage: the uploaded file must be a whole PNG, else PIL's error ends the prompt.
    private func loadImage(_ node: PromptGraph.Node) throws -> ImageSpec {
        let name = node.constant("image")?.stringValue ?? ""
        let inputs = SimJSON.obj(["image": .array([.string(name)])])
        guard let key = Self.inputFileKey(name), let bytes = files.read(key) else {
            throw RunStop.failed(
                node: node.id, classType: node.classType, type: "FileNotFoundError",
                message: "[Errno 2] No such file or directory: '\(name)'\n", inputs: inputs)
        }
        guard bytes.starts(with: SimulatedPNG.signature) else {
            throw RunStop.failed(
                node: node.id, classType: node.classType, type: "PIL.UnidentifiedImageError",
                message: "cannot identify image file '/srv/ComfyUI/input/\(name)'\n", inputs: inputs)
        }
        guard let size = SimulatedPNG.dimensions(of: bytes) else {
            throw RunStop.failed(
                node: node.id, classType: node.classType, type: "OSError",
                message: "Truncated File Read\n", inputs: inputs)
        }
        var hashText = ""
        for byte in bytes.prefix(4096) { hashText.unicodeScalars.append(Unicode.Scalar(byte)) }
        let seed = StableHash.hash(hashText) ^ UInt64(bytes.count)
        return ImageSpec(width: size.width, height: size.height, count: 1, patternSeed: seed, color: 0)
    }
}
