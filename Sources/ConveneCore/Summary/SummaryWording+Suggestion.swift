import ConveneLanguage

/// The first sentence offered for each theme: two of its notes, quoted, chosen and cleaned.
extension SummaryWording {
    /// A first sentence for a theme, offered to the facilitator to edit: the two notes most
    /// like the rest of the theme (by shared words), quoted. Nothing is invented. A note that
    /// states something is quoted before one that only asks, doubts or agrees ("honestly not
    /// sure what that looks like", "same as the bus comment", "RESHORING"): the sentence goes
    /// out to everyone with the summary. The summary is written in English: a note typed in
    /// Spanish is quoted only when no note in English makes a point (the facilitator can put
    /// its English reading in its place on the console). An employer's note is quoted before a
    /// community partner's (the partnership is employer-led: a walk-through's "Grow our own
    /// nurses" quoted only the college's two notes, though four employers had posted there),
    /// and the second quote says something the first does not (not "… cardiology and ortho"
    /// after "… cardiology & ortho").
    /// `byEmployer`: per text, whether an employer posted it (empty, or not one per text: all of them).
    /// `writers`: per text, the language of the phone it was typed on, when known (empty: none;
    /// a hint for telling its language: `Language.guess`).
    public static func suggestedSynthesis(_ texts: [String], byEmployer: [Bool] = [], writers: [Language?] = []) -> String? {
        let pairs = texts.enumerated().filter { !clean($0.element).isEmpty }
        let kept = pairs.map(\.element)
        let employer = pairs.map { byEmployer.count != texts.count || byEmployer[$0.offset] ? 1 : 0 }
        let acronyms = typedInCapitals(kept)
        let cleaned = kept.map { clean($0, acronyms: acronyms) }
        guard !cleaned.isEmpty else { return nil }
        let words = cleaned.map(contentWords)
        func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
            a.isEmpty || b.isEmpty ? 0 : Double(a.intersection(b).count) / Double(a.union(b).count)
        }
        let centrality = words.indices.map { i in words.indices.reduce(0.0) { $1 == i ? $0 : $0 + overlap(words[i], words[$1]) } }
        let states = kept.map { statesSomething($0) ? (isShouted($0) ? 1 : 2) : 0 }
        let english = pairs.map { Language.guess($0.element, writer: writers.count == texts.count ? writers[$0.offset] : nil) == .english ? 1 : 0 }
        // Statements first, in English first, the most central first; in posting order among
        // equals. The second must add something.
        let order = cleaned.indices.sorted {
            (states[$0] > 0 ? 1 : 0, english[$0], employer[$0], states[$0], centrality[$0], -$0)
                > (states[$1] > 0 ? 1 : 0, english[$1], employer[$1], states[$1], centrality[$1], -$1)
        }
        var chosen = [order[0]]
        // A second quote only if it makes a point too (its question mark is gone once quoted,
        // so a question would read as a claim), unless no note does; and in English if the
        // first is. Never one that mostly repeats the first's words.
        let first = order[0]
        if let second = order.dropFirst().first(where: {
            cleaned[$0].lowercased() != cleaned[first].lowercased() && overlap(words[$0], words[first]) < nearDuplicate
        }),
           (states[second] > 0) == (states[order[0]] > 0), english[second] >= english[order[0]] {
            chosen.append(second)
        }
        return "Notes here point to " + list(chosen.map { "“\(shortened(cleaned[$0]))”" }) + "."
    }

    /// The longest quote a suggested sentence carries, in characters.
    static let longestQuote = 120

    /// A long note quoted up to the end of a thought: the last sentence, dash or colon break
    /// within `longestQuote` characters (else the last comma, else the last word), then "…". A
    /// walk-through's suggestion quoted a whole 270-character note.
    static func shortened(_ quote: String) -> String {
        guard quote.count > longestQuote else { return quote }
        let head = Array(quote.prefix(longestQuote))
        // The last place (40 characters in, at least) where a break begins.
        func lastBreak(_ marks: [String]) -> Int? {
            stride(from: head.count - 2, through: 40, by: -1).first { i in
                marks.contains { mark in
                    let m = Array(mark)
                    guard i + m.count <= head.count, Array(head[i..<(i + m.count)]) == m else { return false }
                    // A full stop after a capital is an abbreviation's ("the U.S. market").
                    return mark != ". " || head[i - 1].isLowercase || head[i - 1].isNumber
                }
            }
        }
        // A sentence or a dash ends a thought before a comma does.
        let cut = lastBreak([". ", "? ", "! ", "; ", " - ", " – ", " — ", ": "]) ?? lastBreak([", "]) ?? lastBreak([" "]) ?? head.count
        var kept = String(head[..<cut])
        while let last = kept.last, last.isWhitespace || ",;:-–—.".contains(last) { kept.removeLast() }
        return kept + "…"
    }

    /// Two notes sharing this much of their words (shared ÷ all) say the same thing.
    static let nearDuplicate = 0.7

    /// A note as quoted in a sentence: one line, no shouting punctuation at the end, begun with
    /// a capital as a sentence is (unless its first word is vowelless shorthand, "cdl", "ppl").
    /// The words stay the author's — an acronym typed in lower case at the start is written as
    /// another note of the theme typed it ("pfas monitoring…" is
    /// "PFAS monitoring…", not "Pfas monitoring…"; a walk-through's summary had both).
    /// `acronyms`: lower-cased → as typed in capitals (`typedInCapitals`).
    static func clean(_ text: String, acronyms: [String: String] = [:]) -> String {
        var t = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        while let last = t.last, ".!?,;:".contains(last) { t.removeLast() }
        let firstWord = t.prefix { $0.isLetter }
        // A first word with no vowel is shorthand the writer typed in lower case ("cdl drivers
        // could move…" was quoted "Cdl drivers…" in a walk-through's summary): left as typed.
        let shorthand = firstWord.count >= 2 && !firstWord.contains { "aeiouy".contains($0) }
        if firstWord.allSatisfy(\.isLowercase), let acronym = acronyms[String(firstWord)] {
            t = acronym + t.dropFirst(firstWord.count)
        } else if !shorthand, let first = t.first, first.isLowercase {
            t = first.uppercased() + t.dropFirst()
        }
        return t
    }

    /// Words of two to five letters that notes not shouted type in capitals ("PFAS", "CDL")
    /// more often than in lower case inside a sentence: acronyms, by their lower-cased form.
    /// Not a small word ("IT takes six months" must not make "it" an acronym) nor one the
    /// notes use in lower case as often ("We NEED more hands" against "we need…").
    static func typedInCapitals(_ texts: [String]) -> [String: String] {
        var capitals: [String: (form: String, count: Int)] = [:]
        var lower: [String: Int] = [:]
        for text in texts where !isShouted(text) {
            for (i, word) in text.split(whereSeparator: { !$0.isLetter }).enumerated() {
                if (2...5).contains(word.count), word.allSatisfy({ $0.isUppercase }) {
                    capitals[word.lowercased(), default: (String(word), 0)].count += 1
                } else if i > 0, word.allSatisfy({ $0.isLowercase }) {
                    lower[String(word), default: 0] += 1
                }
            }
        }
        return capitals.compactMapValues { typed in
            let key = typed.form.lowercased()
            return EnglishWords.stopWords.contains(key) || typed.count <= lower[key, default: 0] ? nil : typed.form
        }
    }

    /// A note typed all in capitals (a dozen letters or more): quoted only when no calmer note
    /// says as much — its case is the author's, and guessing its acronyms back is not ours.
    static func isShouted(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 12 && !letters.contains(where: \.isLowercase)
    }

    /// How a note that only agrees with another, or is small talk, begins.
    static let agreeing = [["same", "as"], ["same", "here"], ["agree"], ["agreed"], ["i", "agree"], ["ditto"], ["me", "too"], ["+1"],
                           ["lol"], ["idk"], ["dunno"], ["igual", "que"], ["de", "acuerdo"], ["yo", "también"]]
    /// How a note that voices a doubt of its writer's begins ("honestly not sure what…").
    static let doubting = [["not", "sure"], ["i'm", "not", "sure"], ["im", "not", "sure"], ["honestly", "not", "sure"], ["no", "idea"],
                           ["i", "don't", "know"], ["i", "dont", "know"], ["don't", "know"], ["dont", "know"], ["no", "sé"], ["no", "se", "si"]]

    /// True when a note makes a point that can be quoted for its theme: three words or more,
    /// not a question (its last sentence does not end with "?"), not begun as a doubt of its
    /// writer's or as agreement with another note. A point may contain the same words
    /// ("Parents are not sure manufacturing is a career", "Wages are the same as at the
    /// warehouses"): only how the note begins counts.
    static func statesSomething(_ text: String) -> Bool {
        let words = text.lowercased().map { $0 == "’" ? "'" : $0 }.split(whereSeparator: \.isWhitespace)
            .map { word in String(word.drop { "¿¡\"'“(".contains($0) }.reversed().drop { ",.!:;…\"”)".contains($0) }.reversed()) }
            .filter { !$0.isEmpty }
        guard words.count >= 3 else { return false }
        // A question: the note ends on one ("Who pays? Employers should co-fund it" ends on a point).
        let end = text.reversed().drop { $0.isWhitespace || "!.…)\"'”".contains($0) }
        if end.first == "?" { return false }
        return !(agreeing + doubting).contains { phrase in words.starts(with: phrase) }
    }

    static func contentWords(_ text: String) -> Set<String> {
        var words = Set<String>()
        var current = ""
        for ch in text.lowercased() + " " {
            if ch.isLetter || ch.isNumber { current.append(ch) } else {
                if current.count >= 4 { words.insert(String(current.prefix(6))) }
                current = ""
            }
        }
        return words
    }
}
