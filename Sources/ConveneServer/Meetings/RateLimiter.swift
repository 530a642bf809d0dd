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

/// A count that leaks away with time: `rate` units a second, so failures are forgotten
/// gradually instead of all at once on the next success (which let a guesser interleave one
/// correct hello every few guesses and never be slowed).
struct LeakyCount {
    private(set) var level = 0.0
    private var last: Double

    init(now: Double) { last = now }

    mutating func leak(rate: Double, now: Double) {
        level = max(0, level - (now - last) * rate)
        last = now
    }

    mutating func add(_ n: Double = 1, rate: Double, now: Double) {
        leak(rate: rate, now: now)
        level += n
    }
}

/// Slows down guessing of join codes and keys without punishing the room. Only wrong
/// guesses count, per address and across the whole server (a guesser with many addresses);
/// a correct code or key is never refused, so five typos behind one proxy no longer lock
/// out every phone and the console. Over budget, a wrong guess is answered "too many
/// attempts" with the wait, and the count keeps leaking away.
struct GuessGuard {
    /// Wrong guesses one address may make at once, then one every 6 seconds.
    static let perAddressBudget = 10.0
    static let perAddressRate = 1.0 / 6
    /// Wrong guesses the whole server takes at once, then 2 a second.
    static let globalBudget = 300.0
    static let globalRate = 2.0

    private var addresses: [String: LeakyCount] = [:]
    private var global: LeakyCount

    init(now: Double = 0) { global = LeakyCount(now: now) }

    /// Seconds before another wrong guess from this address is looked at, or 0.
    mutating func waitTime(for address: String, now: Double) -> Double {
        global.leak(rate: Self.globalRate, now: now)
        var own = addresses[address] ?? LeakyCount(now: now)
        own.leak(rate: Self.perAddressRate, now: now)
        addresses[address] = own
        let mine = max(0, own.level + 1 - Self.perAddressBudget) / Self.perAddressRate
        let all = max(0, global.level + 1 - Self.globalBudget) / Self.globalRate
        return max(mine, all)
    }

    mutating func failed(_ address: String, now: Double) {
        global.add(rate: Self.globalRate, now: now)
        var own = addresses[address] ?? LeakyCount(now: now)
        own.add(rate: Self.perAddressRate, now: now)
        addresses[address] = own
        if addresses.count > 10_000 {
            addresses = addresses.filter { var c = $0.value; c.leak(rate: Self.perAddressRate, now: now); return c.level > 0 }
        }
    }
}
