import ArgumentParser
import Foundation
import Glibc

/// Benchmark programs: they print figures; docs/BENCHMARKS.md records them with the command.
struct ConveneBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene-bench", abstract: "Measure Convene's engines.",
        subcommands: [EmbedBenchmark.self, ClusterBenchmark.self, MeetingsBenchmark.self, RegroupBenchmark.self, FuzzBenchmark.self])
}

enum Measure {
    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// A field of /proc/self/status in MiB (VmRSS: current, VmHWM: peak).
    static func memoryMiB(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    /// Texts of the shared clustering data (dev split), for meeting-like notes.
    static func sharedNotes(_ dataDirectory: String) -> [String] {
        let dir = dataDirectory + "/clustering/dev"
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        var texts: [String] = []
        for file in files.sorted() where file.hasSuffix(".jsonl") {
            guard let content = try? String(contentsOfFile: dir + "/" + file, encoding: .utf8) else { continue }
            for line in content.split(separator: "\n") {
                if let r = line.range(of: "\"text\": \""), let end = line[r.upperBound...].firstIndex(of: "\"") {
                    texts.append(String(line[r.upperBound..<end]))
                }
            }
        }
        return texts
    }
}
