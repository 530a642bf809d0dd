import CWebSockets
import FoundationEssentials
import ConveneStore

/// libwebsockets' own warnings and errors, through Convene's log (timestamped, levelled,
/// marked as the library's), instead of lws's own format on standard error. Its
/// "User code denied connection" is dropped: Convene says which connection it refused and
/// why (`RefusedConnections`).
enum LibraryLog {
    static func install() {
        lws_set_log_level(convene_lws_log_err | convene_lws_log_warn) { level, line in
            guard let line else { return }
            let text = String(cString: line).trimmedOfWhiteSpace
            guard !text.isEmpty, !text.contains("User code denied connection") else { return }
            Log.write(level == convene_lws_log_err ? .error : .warning, "WebSocket library: \(text)")
        }
    }
}
