import ConveneCore
import ConveneJSON
import Glibc

public struct ModelError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A `.safetensors` file mapped into memory read-only: an 8-byte little-endian header
/// length, a JSON header naming each tensor's dtype, shape and byte range, then the data.
/// Tensors are read in place; nothing is copied.
final class SafeTensorsFile: @unchecked Sendable {
    struct Tensor {
        let shape: [Int]
        let data: UnsafePointer<Float>
        var count: Int { shape.reduce(1, *) }
    }

    private let base: UnsafeMutableRawPointer
    private let size: Int
    private var tensors: [String: Tensor] = [:]

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ModelError("Cannot open the model file \(path): \(String(cString: strerror(errno))).") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 8 else { throw ModelError("The model file \(path) is empty or unreadable.") }
        size = Int(st.st_size)
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw ModelError("Cannot map the model file \(path) into memory.")
        }
        base = map
        do { try parseHeader(path) } catch { munmap(base, size); throw error }
    }

    deinit { munmap(base, size) }

    /// Lets the kernel drop the mapped pages from memory (they are read back from the file,
    /// usually from the page cache, if touched again). Used once the weights that are only
    /// ever read through packed copies have been packed.
    func releaseResidentPages() {
        _ = madvise(base, size, MADV_DONTNEED)
    }

    private func parseHeader(_ path: String) throws {
        let rawLength = base.loadUnaligned(as: UInt64.self).littleEndian
        guard rawLength > 1, rawLength < 100_000_000, Int(rawLength) <= size - 8 else {
            throw ModelError("The model file \(path) is corrupt (bad header length).")
        }
        let headerLength = Int(rawLength)
        let header: JSONValue
        do {
            header = try JSONCodec.parse(UnsafeRawBufferPointer(start: base + 8, count: headerLength))
        } catch {
            throw ModelError("The model file \(path) is corrupt (unreadable header: \(error)).")
        }
        guard case .object(let entries) = header else { throw ModelError("The model file \(path) is corrupt (header is not an object).") }
        let dataStart = 8 + headerLength
        for (name, info) in entries where name != "__metadata__" {
            guard info["dtype"]?.stringValue == "F32" else { continue }   // e.g. int64 position_ids: unused
            guard let shape = info["shape"]?.arrayValue?.compactMap({ $0.intValue.map(Int.init) }),
                  let offsets = info["data_offsets"]?.arrayValue?.compactMap({ $0.intValue.map(Int.init) }), offsets.count == 2,
                  offsets[0] >= 0, offsets[1] >= offsets[0], dataStart + offsets[1] <= size,
                  offsets[1] - offsets[0] == shape.reduce(1, *) * 4 else {
                throw ModelError("The model file \(path) is corrupt (tensor \(name) has a bad shape or range).")
            }
            let start = base + dataStart + offsets[0]
            guard Int(bitPattern: start) % 4 == 0 else { throw ModelError("The model file \(path) has a misaligned tensor \(name).") }
            tensors[name] = Tensor(shape: shape, data: UnsafePointer(start.assumingMemoryBound(to: Float.self)))
        }
    }

    func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        guard let t = tensors[name] else { throw ModelError("The model file has no tensor \(name): is it all-MiniLM-L6-v2?") }
        guard t.shape == shape else { throw ModelError("Tensor \(name) has shape \(t.shape), expected \(shape).") }
        return t
    }
}
