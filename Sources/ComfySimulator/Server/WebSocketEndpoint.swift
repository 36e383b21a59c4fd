import Foundation
import HTTPTypes
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// `/ws` and `/api/ws`: the upgrade decision, then one writer (the hub's stream) and one reader per socket.
enum WebSocketEndpoint {
    static func shouldUpgrade(request: HTTPRequest, channel: any Channel, engine: SimulatorEngine) async
        -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>
    {
        let target = request.path ?? "/"
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        guard path == "/ws" || path == "/api/ws", !(await engine.refusesWebSockets()) else { return .dontUpgrade }
        // Behind the simulated auth proxy an upgrade without the header falls through to the router's 401.
        if let required = engine.configuration.requiredAuthorization, request.headerFields[.authorization] != required {
            return .dontUpgrade
        }
        var sid = clientID(in: target) ?? ""
        if sid.isEmpty { sid = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }
        let clientID = sid
        return .upgrade([:]) { inbound, outbound, _ in
            let (stream, continuation) = AsyncStream<WebSocketHub.Outbound>.makeStream()
            let token = await engine.connect(sid: clientID, continuation: continuation, outbox: SocketOutbox(channel: channel))
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in stream {
                        switch message {
                        case .text(let text):
                            do { try await outbound.write(.text(text)) } catch { return }
                        case .binary(let bytes):
                            do { try await outbound.write(.binary(ByteBuffer(bytes: bytes))) } catch { return }
                        case .drop:
                            // The drop fault: cut TCP without a close frame, like a dying proxy.
                            channel.close(mode: .all, promise: nil)
                            return
                        }
                    }
                    try? await outbound.close(.goingAway, reason: nil)
                }
                group.addTask {
                    var first = true
                    do {
                        for try await message in inbound.messages(maxSize: 4 << 20) {
                            if first, case .text(let text) = message, let json = try? SimJSON.parse(text),
                                json["type"]?.stringValue == "feature_flags"
                            {
                                let metadata = json["data"]?["supports_preview_metadata"]?.boolValue ?? false
                                await engine.sendFeatureFlags(to: clientID, supportsPreviewMetadata: metadata)
                            }
                            first = false
                        }
                    } catch {}
                }
                await group.next()
                group.cancelAll()
                continuation.finish()
            }
            await engine.disconnect(sid: clientID, token: token)
        }
    }

    /// The `clientId` query parameter of the upgrade request, percent-decoded.
    static func clientID(in target: String) -> String? {
        guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == "clientId" {
                let raw = parts.count > 1 ? String(parts[1]) : ""
                return raw.removingPercentEncoding ?? raw
            }
        }
        return nil
    }
}
