import Glibc

/// Names the calling thread for the OS (what `top -H`, `/proc/<pid>/task/*/comm` and the load
/// generator's per-thread figures show). Foundation's `Thread.name` does not do it on Linux.
/// Linux keeps at most 15 bytes.
public func nameCurrentThread(_ name: String) {
    _ = setCurrentThreadName(pthread_self(), String(decoding: name.utf8.prefix(15), as: UTF8.self))
}

/// glibc's `int pthread_setname_np(pthread_t, const char *)`, declared only under _GNU_SOURCE,
/// which the Glibc module does not define. MT-safe.
@_silgen_name("pthread_setname_np") private func setCurrentThreadName(_ thread: pthread_t, _ name: UnsafePointer<CChar>) -> Int32
