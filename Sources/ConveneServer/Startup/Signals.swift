import Dispatch
import Glibc

/// SIGINT/SIGTERM ask the service loop to stop through the inbox. Kept out of main.swift:
/// closures there are main-actor isolated and must not run on a Dispatch queue.
enum Signals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install(_ inbox: Inbox) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { inbox.post(.stop) }
            source.resume()
            sources.append(source)
        }
        signal(SIGPIPE, SIG_IGN)
    }
}
