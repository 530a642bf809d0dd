#if canImport(Glibc)
import Glibc
#endif

/// A program run to its end with bytes on its standard input, its standard output read back:
/// how the translator runs Apertium. POSIX `posix_spawn` and `poll` rather than Foundation's
/// `Process`, so that the server links only FoundationEssentials (the rest of Foundation and
/// its ICU data cost about 6 MB of resident memory; docs/BENCHMARKS.md).
enum ChildProcess {
    /// The program's standard output, or nil when it could not start, did not exit normally
    /// with status 0, or a pipe failed. Its standard error goes to /dev/null; it inherits the
    /// environment, no other open file of this process, and default signal handling.
    static func run(_ path: String, _ arguments: [String], input: [UInt8]) -> [UInt8]? {
        _ = ignoringBrokenPipes
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        guard makePipe(&toChild, O_CLOEXEC) == 0 else { return nil }
        guard makePipe(&fromChild, O_CLOEXEC) == 0 else { close(toChild[0]); close(toChild[1]); return nil }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Every other descriptor closes (the server's sockets and database are not the child's).
        guard posix_spawn_file_actions_adddup2(&actions, toChild[0], 0) == 0,
              posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1) == 0,
              posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) == 0,
              addCloseFrom(&actions, 3) == 0 else {
            for end in toChild + fromChild { close(end) }
            return nil
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The server ignores SIGPIPE; the child starts with every signal at its default and
        // none blocked, as Foundation's `Process` starts it.
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else { close(toChild[1]); close(fromChild[0]); return nil }

        let output = exchange(input, writingTo: toChild[1], readingFrom: fromChild[0])
        var status: Int32 = 0
        var waited: pid_t
        repeat { waited = waitpid(pid, &status, 0) } while waited == -1 && errno == EINTR
        guard waited == pid else { return nil }
        // Exited (not killed: low 7 bits 0) with status 0.
        guard let output, status & 0x7f == 0, (status >> 8) & 0xff == 0 else { return nil }
        return output
    }

    /// Writes `input` and reads until the end of the output in one thread, `poll` waiting on
    /// both pipes: a large batch never blocks on a full pipe while its answer waits unread.
    /// A child that stops reading early (EPIPE) only ends the writing. Closes both descriptors.
    static func exchange(_ input: [UInt8], writingTo writer: Int32, readingFrom reader: Int32) -> [UInt8]? {
        var writeEnd: Int32 = writer
        func stopWriting() { if writeEnd >= 0 { close(writeEnd); writeEnd = -1 } }
        defer { stopWriting(); close(reader) }
        _ = fcntl(writer, F_SETFL, fcntl(writer, F_GETFL) | O_NONBLOCK)
        var written = 0
        if input.isEmpty { stopWriting() }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var fds = [pollfd(fd: reader, events: Int16(POLLIN), revents: 0)]
            if writeEnd >= 0 { fds.append(pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if writeEnd >= 0, fds[1].revents != 0 {
                if fds[1].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                    stopWriting()   // the child closed its input
                } else if fds[1].revents & Int16(POLLOUT) != 0 {
                    let n = input.withUnsafeBytes { write(writeEnd, $0.baseAddress! + written, input.count - written) }
                    if n > 0 {
                        written += n
                        if written == input.count { stopWriting() }
                    } else if n < 0 && errno != EAGAIN && errno != EINTR {
                        stopWriting()
                    }
                }
            }
            if fds[0].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress!, $0.count) }
                if n > 0 {
                    output.append(contentsOf: buffer[0..<n])
                } else if n == 0 {
                    return output   // the end of the output
                } else if errno != EINTR && errno != EAGAIN {
                    return nil
                }
            }
        }
    }

    /// A child that stops reading must end the writing (EPIPE), not the whole process: the
    /// broken pipe's signal is ignored, process-wide and once (the server ignores it anyway).
    static let ignoringBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; declared only under
/// _GNU_SOURCE, which the Glibc module does not define): closes every descriptor from `low` on.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ low: Int32) -> Int32

/// glibc's `int pipe2(int[2], int)` (declared only under _GNU_SOURCE): a pipe whose two ends
/// close when a program is started, so that only the descriptors given to the child reach it.
@_silgen_name("pipe2")
private func makePipe(_ ends: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
