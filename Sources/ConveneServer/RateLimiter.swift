/// A token bucket: `rate` messages a second on average, bursts up to `burst`.
struct TokenBucket {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var last: Double

    init(rate: Double, burst: Double, now: Double) {
        self.rate = rate; self.burst = burst; tokens = burst; last = now
    }

    mutating func take(now: Double) -> Bool {
        tokens = min(burst, tokens + (now - last) * rate)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

/// Slows down guessing of facilitator keys and join codes: after a few failures from one
/// address, further attempts are refused for a time that doubles with each failure
/// (up to five minutes), even if the guess would be right.
struct GuessGuard {
    private var failures: [String: (count: Int, last: Double)] = [:]
    static let freeAttempts = 5

    /// Seconds this address must still wait, or 0.
    func waitTime(for address: String, now: Double) -> Double {
        guard let f = failures[address], f.count >= Self.freeAttempts else { return 0 }
        let penalty = min(300, Double(1 << min(f.count - Self.freeAttempts, 9)))
        return max(0, f.last + penalty - now)
    }

    mutating func failed(_ address: String, now: Double) {
        let count = (failures[address]?.count ?? 0) + 1
        failures[address] = (count, now)
        if failures.count > 10_000 { failures = failures.filter { now - $0.value.last < 600 } }
    }

    mutating func succeeded(_ address: String) { failures[address] = nil }
}
