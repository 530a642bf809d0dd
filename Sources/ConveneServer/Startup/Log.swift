import FoundationEssentials
import ConveneStore
import Glibc
import Synchronization

/// Minimal levelled logging to standard error, with a timestamp.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case debug, info, notice, warning, error
    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
    public init?(name: String) {
        switch name.lowercased() {
        case "debug": self = .debug
        case "info": self = .info
        case "notice": self = .notice
        case "warning", "warn": self = .warning
        case "error": self = .error
        default: return nil
        }
    }
}

public enum Log {
    private static let threshold = Mutex(LogLevel.notice)

    public static var level: LogLevel {
        get { threshold.withLock { $0 } }
        set { threshold.withLock { $0 = newValue } }
    }

    public static func write(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard level >= self.level else { return }
        let line = "\(Date().ISO8601Format()) [\(level)] \(message())\n"
        writeWhole(line, to: STDERR_FILENO)  // never crash on a full disk
    }

    public static func debug(_ m: @autoclosure () -> String) { write(.debug, m()) }
    public static func info(_ m: @autoclosure () -> String) { write(.info, m()) }
    public static func notice(_ m: @autoclosure () -> String) { write(.notice, m()) }
    public static func warning(_ m: @autoclosure () -> String) { write(.warning, m()) }
    public static func error(_ m: @autoclosure () -> String) { write(.error, m()) }
}

/// Writes a line to standard output at once (no buffering), for links and status lines
/// that scripts and people wait for.
public func say(_ line: String) {
    writeWhole(line + "\n", to: STDOUT_FILENO)
}

/// Reads a NUL-terminated C string out of a fixed buffer.
func string(fromCBuffer buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
