import Glibc

/// Runs `body` on a new thread of its own, named `name` for the OS (`top -H`), that nobody
/// joins: the server's workers (embedder, clustering, mail, SQLite writer). A plain POSIX
/// thread rather than Foundation's `Thread`, so that the server links only
/// FoundationEssentials: the rest of Foundation and its ICU data cost about 6 MB of resident
/// memory in every process that loads them (docs/BENCHMARKS.md).
public func startDetachedThread(name: String, _ body: @escaping @Sendable () -> Void) {
    final class Start {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) { self.name = name; self.body = body }
    }
    let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    var thread = pthread_t()
    let result = pthread_create(&thread, &attributes, { raw in
        let start = Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue()
        nameCurrentThread(start.name)
        start.body()
        return nil
    }, start)
    // Without a thread the server cannot work at all (no writer, no embedder): stop loudly.
    precondition(result == 0, "could not start the \(name) thread (error \(result))")
}
