import ComfyImage

/// SaveImage / PreviewImage: render, encode and store the batch, and build the node's UI output.
extension SimulatorEngine {
    func save(_ spec: ImageSpec, node: PromptGraph.Node, item: PromptQueue.Item) -> SimJSON {
        let isPreview = node.classType == "PreviewImage"
        let type = isPreview ? "temp" : "output"
        var prefix: String
        if isPreview {
            // PreviewImage adds a random 5-letter suffix; derive it from the prompt so runs are reproducible.
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            var h = StableHash.hash(item.promptID + node.id)
            var suffix = ""
            for _ in 0..<5 {
                suffix.append(letters[Int(h % UInt64(letters.count))])
                h /= UInt64(letters.count)
            }
            prefix = "ComfyUI_temp_" + suffix
        } else {
            prefix = node.constant("filename_prefix")?.stringValue ?? "ComfyUI"
        }
        // A "/" in the prefix makes a subfolder.
        var subfolder = ""
        if let slash = prefix.lastIndex(of: "/") {
            subfolder = String(prefix[..<slash]).split(separator: "/").filter { $0 != ".." && $0 != "." }
                .joined(separator: "/")
            prefix = String(prefix[prefix.index(after: slash)...])
        }
        var text: [(key: String, value: String)] = [(key: "prompt", value: item.prompt.serialized())]
        for (key, value) in item.extraData["extra_pnginfo"]?.objectPairs ?? [] {
            text.append((key: key, value: value.serialized()))
        }
        var images: [SimJSON] = []
        for index in 0..<max(spec.count, 1) {
            let counter = files.nextCounter(type: type, subfolder: subfolder, prefix: prefix)
            let counterText = String(counter)
            var filename =
                "\(prefix)_\(String(repeating: "0", count: max(0, 5 - counterText.count)))\(counterText)_.png"
            var subfolder = subfolder
            if configuration.hostileOutputNames {
                (subfolder, filename) = HostileNames.pick(counter)
            }
            let width = max(spec.width, 1)
            let height = max(spec.height, 1)
            // What ComfyUI's SaveImage writes: 8-bit RGB at zlib level 4, text chunks before IDAT.
            // Keys PNG cannot hold (1-79 bytes, no NUL) are dropped so encoding cannot fail on them.
            let png =
                (try? PNGEncoder.encode(
                    rgb: renderer.render(spec, index: index), width: width, height: height,
                    text: text.filter { (1...79).contains($0.key.utf8.count) && !$0.key.utf8.contains(0) },
                    zlibLevel: 4)) ?? []
            files.write(FileStore.Key(type: type, subfolder: subfolder, filename: filename), png)
            images.append(
                .obj(["filename": .string(filename), "subfolder": .string(subfolder), "type": .string(type)]))
        }
        return .obj(["images": .array(images)])
    }
}
