import Foundation

/// A small `multipart/form-data` parser: enough for `/upload/image` fields and file parts.
enum MultipartParser {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var data: [UInt8]
    }

    static func parse(body: [UInt8], contentType: String) -> [Part]? {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: "\"")
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Part] = []
        var positions: [Int] = []
        var i = 0
        while let found = find(delimiter, in: body, from: i) {
            positions.append(found)
            i = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            if partStart + 1 < body.count, body[partStart] == 13, body[partStart + 1] == 10 { partStart += 2 }
            var partEnd = end
            if partEnd >= 2, body[partEnd - 2] == 13, body[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd,
                let headerEnd = find([13, 10, 13, 10], in: Array(body[partStart..<partEnd]), from: 0)
            else { continue }
            let headers = String(decoding: body[partStart..<(partStart + headerEnd)], as: UTF8.self)
            let data = Array(body[(partStart + headerEnd + 4)..<partEnd])
            guard let name = parameter("name", in: headers) else { continue }
            parts.append(Part(name: name, filename: parameter("filename", in: headers), data: data))
        }
        return parts
    }

    /// Value of `key="..."` in the Content-Disposition header text.
    static func parameter(_ key: String, in headers: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition") {
            for item in line.split(separator: ";") {
                let pair = item.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: " ") == key else { continue }
                return pair[1].trimmingCharacters(in: " ").trimmingCharacters(in: "\"")
            }
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
