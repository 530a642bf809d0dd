import Dispatch
import Glibc

/// SIGINT/SIGTERM ask the service loop to stop through the inbox. Kept out of main.swift:
/// closures there are main-actor isolated and must not run on a Dispatch queue.
enum Signals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Returns once both signals are watched. The sources are armed asynchronously, after
    /// `resume`; a SIGTERM in between was ignored (the signal is set to SIG_IGN so that only
    /// the source sees it), and a service manager stopping the server right after it said
    /// "serving" waited for ever (seen in the organizer test: stop within 10 s failed).
    static func install(_ inbox: Inbox) {
        let armed = DispatchSemaphore(value: 0)
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { inbox.post(.stop) }
            source.setRegistrationHandler { armed.signal() }
            source.resume()
            sources.append(source)
        }
        signal(SIGPIPE, SIG_IGN)
        for _ in 0..<2 { _ = armed.wait(timeout: .now() + 2) }
    }

    /// Ignores SIGINT/SIGTERM again (only the sources see them) after something reset them:
    /// libuv sets them back to their defaults when lws's loop stops.
    static func ignoreAgain() {
        for sig in [SIGINT, SIGTERM] { signal(sig, SIG_IGN) }
    }
}
