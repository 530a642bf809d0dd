/// How free text from people is checked. Text is stored exactly as typed (no trimming, no
/// escaping: screens insert it as text); only what no person types on purpose is refused.
public enum TextRules {
    /// Checks a text field. `what` names the field in the product's words ("your note").
    /// `oneLine`: a name, organization, title, label or contact — a line break there could
    /// only be meant to break something (a header, a CSV row, a layout).
    public static func check(_ text: String, what: String, max: Int, required: Bool = true, oneLine: Bool = false) throws(CommandError) -> String {
        if required && isBlank(text) {
            throw CommandError(.invalid, "Please write \(what) first.")
        }
        let field = what.prefix(1).uppercased() + what.dropFirst()
        if text.count > max {
            throw CommandError(.invalid, "\(field) is too long: \(text.count) characters, at most \(max).")
        }
        if oneLine, text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw CommandError(.invalid, "\(field) must be on one line.")
        }
        // C0 and C1 controls (U+0085, a line break to some, is one of them) but newline and tab.
        for scalar in text.unicodeScalars where (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) {
            throw CommandError(.invalid, "\(field) contains a control character; please retype it.")
        }
        // Marks that turn the text after them around ("\u{202E}nimda" reads "admin"): on a
        // wall, in a summary or a CSV row they reorder what follows, not only this text.
        if text.unicodeScalars.contains(where: { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) {
            throw CommandError(.invalid, "\(field) contains a mark that changes the direction of the text; please retype it.")
        }
        return text
    }

    /// True when nothing in the text shows: spaces, and characters that take no room
    /// (zero-width spaces and joiners, byte-order marks, soft hyphens, variation selectors).
    /// A note or a name of nothing but these is an empty card on the wall.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
                || (0xFE00...0xFE0F).contains(scalar.value) || scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    /// Optional text: nil or empty means "not given".
    public static func checkOptional(_ text: String?, what: String, max: Int, oneLine: Bool = false) throws(CommandError) -> String? {
        guard let text, !isBlank(text) else { return nil }
        return try check(text, what: what, max: max, oneLine: oneLine)
    }

    /// A deliberately simple e-mail check: something@something.something, no spaces.
    public static func checkEmail(_ text: String?) throws(CommandError) -> String? {
        guard let email = try checkOptional(text, what: "the e-mail address", max: Limits.emailCharacters) else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" }) else {
            throw CommandError(.invalid, "“\(email)” does not look like an e-mail address.")
        }
        return email
    }

    /// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".
    public static func checkDate(_ text: String?, what: String) throws(CommandError) -> String? {
        guard let text, !text.isEmpty else { return nil }
        let b = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count, b[r].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return b[r].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        let okDate = b.count >= 10 && b[4] == 45 && b[7] == 45 && (digits(0..<4) ?? 0) >= 2000
            && (1...12).contains(digits(5..<7) ?? 0) && (1...31).contains(digits(8..<10) ?? 0)
        let okTime = b.count == 10 || (b.count == 16 && b[10] == 84 && b[13] == 58
            && (0...23).contains(digits(11..<13) ?? 99) && (0...59).contains(digits(14..<16) ?? 99))
        guard okDate && okTime else {
            throw CommandError(.invalid, "\(what.prefix(1).uppercased() + what.dropFirst()) should be a date like 2026-12-18 (or 2026-12-18T15:00).")
        }
        return text
    }
}
