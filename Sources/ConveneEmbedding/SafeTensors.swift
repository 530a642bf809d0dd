import ConveneCore
import ConveneJSON
import Glibc

public struct ModelError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A `.safetensors` file mapped into memory read-only: an 8-byte little-endian header
/// length, a JSON header naming each tensor's dtype, shape and byte range, then the data.
/// Tensors are read in place, except small ones the encoder keeps (`copied`) and rows read
/// with `pread` (`copyRow`).
final class SafeTensorsFile: @unchecked Sendable {
    struct Tensor {
        let shape: [Int]
        let data: UnsafePointer<Float>
        var count: Int { shape.reduce(1, *) }
    }

    private let base: UnsafeMutableRawPointer
    private let size: Int
    /// Kept open to read rows with `pread` (`copyRow`).
    private let descriptor: Int32
    private var tensors: [String: Tensor] = [:]
    /// Copies of small tensors (`copied`), freed with the file.
    private var copies: [UnsafeMutableBufferPointer<Float>] = []

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ModelError("Cannot open the model file \(path): \(String(cString: strerror(errno))).") }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 8 else {
            close(fd)
            throw ModelError("The model file \(path) is empty or unreadable.")
        }
        size = Int(st.st_size)
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            close(fd)
            throw ModelError("Cannot map the model file \(path) into memory.")
        }
        base = map
        descriptor = fd
        do { try parseHeader(path) } catch { munmap(base, size); close(fd); throw error }
    }

    deinit {
        munmap(base, size)
        close(descriptor)
        for copy in copies { copy.deallocate() }
    }

    /// A copy, owned by this file, of a small tensor read at every pass (biases, norms,
    /// position embeddings). Read in place, each would keep the kernel's fault-around window
    /// of the mapping resident (64 KiB a touch: the model's 46 small tensors kept 6.8 MB).
    func copied(_ name: String, shape: [Int]) throws -> UnsafePointer<Float> {
        let t = try tensor(name, shape: shape)
        let copy = UnsafeMutableBufferPointer<Float>.allocate(capacity: t.count)
        _ = copy.initialize(from: UnsafeBufferPointer(start: t.data, count: t.count))
        copies.append(copy)
        return UnsafePointer(copy.baseAddress!)
    }

    /// Copies row `row` of a matrix `tensor` to `destination` with `pread`, from the page cache,
    /// without mapping it into the process: the word-embedding table (47 MB, one row per
    /// token) would otherwise stay resident a page per word ever seen — 13 MB after a
    /// 20-second load test (issue 15). Reads through the mapping if `pread` fails.
    func copyRow(_ tensor: Tensor, row: Int, to destination: UnsafeMutablePointer<Float>) {
        let width = tensor.shape.last ?? 0, bytes = width * MemoryLayout<Float>.size
        let source = tensor.data + row * width
        let offset = UnsafeRawPointer(source) - UnsafeRawPointer(base)
        var done = 0
        while done < bytes {
            let n = pread(descriptor, UnsafeMutableRawPointer(destination) + done, bytes - done, off_t(offset + done))
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            destination.update(from: source, count: width)
            return
        }
    }

    /// Lets the kernel drop the mapped pages from memory (they are read back from the file,
    /// usually from the page cache, if touched again). Used once the weights that are only
    /// ever read through packed copies have been packed.
    func releaseResidentPages() {
        _ = madvise(base, size, MADV_DONTNEED)
    }

    /// The same for the pages of one tensor (`count` floats at `data`), as soon as its packed
    /// copy exists: the mapped layers and their packed copies are then never all in memory
    /// at once, which took the server's start to 115 MB for a resident 80 MB (issue 15).
    func releaseResidentPages(of data: UnsafePointer<Float>, count: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = Int(bitPattern: data) / page * page
        let end = min(Int(bitPattern: data + count), Int(bitPattern: base) + size)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED)
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
