import ConveneLanguage

/// Short theme labels in the participants' own words: class-based TF-IDF over words and
/// two-word phrases — a phrase scores by how many of the theme's notes use it, weighted by
/// how few other themes do — shown with the casing people typed ("CNC machinists").
public enum ThemeLabeler {

    /// Words of a note: lower-cased key and the surface form as typed.
    static func words(_ text: String) -> [(key: String, surface: String)] {
        wordsAndBreaks(text).map { ($0.key, $0.surface) }
    }

    /// Characters that end a phrase: a title never runs across them ("insurance, none" is
    /// not a phrase; "food, diapers" neither).
    /// Dashes between words ("weddings - barns", "succession — half our irrigators") and
    /// an equals sign ("designation = federal money") end one too.
    static let phraseBreaks: Set<Character> = [",", ".", ";", ":", "!", "?", "(", ")", "[", "]", "/", "|", "\"", "…", "&", "+", "\n",
                                               "—", "–", "=", "→", "•", "·"]

    /// The words in order, each with whether punctuation separates it from the word before.
    static func wordsAndBreaks(_ text: String) -> [(key: String, surface: String, breakBefore: Bool)] {
        var result: [(String, String, Bool)] = []
        var current = ""
        var pendingBreak = false
        func flush() {
            let trimmed = current.trimmingCharacters(in: "'-")
            // A hyphen standing alone is a dash: "barns - lakefront".
            if trimmed.isEmpty && current.contains("-") { pendingBreak = true }
            if trimmed.count >= 2 || trimmed.first?.isNumber == true {
                result.append((trimmed.lowercased(), trimmed, pendingBreak && !result.isEmpty))
                pendingBreak = false
            }
            current = ""
        }
        let chars = Array(text)
        for (i, ch) in chars.enumerated() {
            if ch.isLetter || ch.isNumber || ch == "'" || ch == "’" || ch == "-" {
                current.append(ch == "’" ? "'" : ch)
            } else if ch == "+", let last = current.last, last.isLetter || last == "+",
                      i + 1 == chars.count || !(chars[i + 1].isLetter || chars[i + 1].isNumber) {
                // A plus that ends a word is part of its name: "Sec+", "CySA+", "C++"
                // ("welders+electricians" is two words; "60+" stays a number).
                current.append(ch)
            } else {
                flush()
                if phraseBreaks.contains(ch) { pendingBreak = true }
            }
        }
        flush()
        return result
    }

    /// Candidate terms of a note (each counted once per note): content words and pairs of
    /// adjacent content words.
    public static func terms(_ text: String) -> [String: String] {
        let ws = words(text)
        var found: [String: String] = [:]
        for (i, w) in ws.enumerated() where !EnglishWords.stopWords.contains(w.key) {
            found[w.key] = found[w.key] ?? w.surface
            if i + 1 < ws.count, !EnglishWords.stopWords.contains(ws[i + 1].key) {
                found[w.key + " " + ws[i + 1].key] = found[w.key + " " + ws[i + 1].key] ?? w.surface + " " + ws[i + 1].surface
            }
        }
        return found
    }

    /// A label for a theme from its notes, against the notes of the other themes.
    public static func label(for texts: [String], others: [[String]]) -> String {
        label(forTerms: texts.map(terms), others: others.map { $0.map(terms) }, fallback: texts.first ?? "")
    }

    static func label(forTerms notes: [[String: String]], others: [[[String: String]]], fallback: String) -> String {
        var themesUsing: [String: Int] = [:]
        for other in others {
            var seen = Set<String>()
            for noteTerms in other { seen.formUnion(noteTerms.keys) }
            for key in seen { themesUsing[key, default: 0] += 1 }
        }
        return label(forTerms: notes, themesUsing: themesUsing, themeCount: others.count + 1, fallback: fallback)
    }

    /// `themesUsing[term]`: how many other themes use the term; `themeCount`: themes in all.
    static func label(forTerms notes: [[String: String]], themesUsing: [String: Int], themeCount themes: Int, fallback: String) -> String {
        var count: [String: Int] = [:]
        var surfaces: [String: [String: Int]] = [:]
        for noteTerms in notes {
            for (key, surface) in noteTerms {
                count[key, default: 0] += 1
                surfaces[key, default: [:]][surface, default: 0] += 1
            }
        }
        guard !count.isEmpty else { return fallbackLabel(fallback) }
        let themeCount = Double(themes)
        func score(_ key: String) -> Double {
            let idf = (1 + themeCount / Double(1 + themesUsing[key, default: 0])).squareRoot()
            let phraseBonus = key.contains(" ") ? 1.25 : 1.0
            return Double(count[key]!) * idf * phraseBonus
        }
        func surface(_ key: String) -> String {
            surfaces[key]!.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
        }
        let scores = count.keys.map { ($0, score($0)) }
        let ranked = scores.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(12).map(\.0)
        let top = ranked[0]
        var label = surface(top)
        // A single word says little: add the next best term that adds a new word.
        if !top.contains(" "), let second = ranked.dropFirst().first(where: { !$0.split(separator: " ").contains(Substring(top)) }),
           count[second]! >= 2 || notes.count < 4 {
            label += " & " + surface(second)
        }
        return capitalized(label)
    }

    /// The first few content words of a note, for a theme of one note.
    public static func fallbackLabel(_ text: String) -> String {
        let content = words(text).filter { !EnglishWords.stopWords.contains($0.key) }.prefix(3).map(\.surface)
        return content.isEmpty ? "New theme" : capitalized(content.joined(separator: " "))
    }

    static func capitalized(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}

private extension String {
    func trimmingCharacters(in chars: String) -> String {
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
