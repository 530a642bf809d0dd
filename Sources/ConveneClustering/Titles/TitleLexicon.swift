/// What the titler knows of English beyond the wall's own notes, from WordNet:
///
/// - words that are only ever adjectives ("residential", "indoor", "maritime"). A title must
///   not end on one that the wall's notes use in front of a noun: "Power plant &
///   residential", "Venues, weddings & indoor" are cut short (`WallVocabulary.modifiers`);
/// - names that are only ever written with a capital ("Asia", "Texas", "Medicaid", "OSHA"):
///   phones type "pulling out of asia", and a facilitator writes "Asia" on the wall.
///
/// A hand-written list of such words only covers the walls it was written for; WordNet
/// covers the language. Pure: the files' text is read at the edge (`WordNetFiles` in
/// ConveneLexicon) and parsed here.
public struct TitleLexicon: Sendable {
    let adjectives: Set<String>
    let properNames: [String: String]

    public init(_ adjectives: Set<String>, properNames: [String: String] = [:]) {
        self.adjectives = adjectives
        self.properNames = properNames
    }

    /// From the text of WordNet's `index.adj` and of the other parts of speech's index files
    /// (`index.noun`, `index.verb`, `index.adv`): the one-word lemmas of the first that none
    /// of the others has ("electric" is also a noun, "clean" also a verb: neither is kept).
    /// From the data files (`data.noun`, …), when given: the names only ever capitalised.
    public init(adjectiveIndex: String, otherIndexes: [String], dataFiles: [String] = []) {
        var others = Set<Substring>()
        for text in otherIndexes { for lemma in Self.lemmas(text) { others.insert(lemma) } }
        adjectives = Set(Self.lemmas(adjectiveIndex).filter { !others.contains($0) }.map(String.init))
        properNames = Self.properNames(dataFiles)
    }

    public var count: Int { adjectives.count }
    public var properNameCount: Int { properNames.count }

    /// True when `key` (a lower-cased word) is only ever an adjective.
    public func isOnlyAdjective(_ key: String) -> Bool { adjectives.contains(key) }

    /// The written form of a name typed in lower case ("asia" → "Asia"), if WordNet has only
    /// that form of it.
    public func properName(_ key: String) -> String? { properNames[key] }

    /// `title` with every word typed all in lower case that is a name written as `properName`.
    public func properlyCased(_ title: String) -> String {
        title.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let letters = word.prefix { $0.isLetter }
            guard !letters.isEmpty, letters.allSatisfy({ $0.isLowercase }), let name = properNames[String(letters)] else { return String(word) }
            return name + word.dropFirst(letters.count)
        }.joined(separator: " ")
    }

    /// An index file's lemmas: the first field of each line; the licence header's lines
    /// start with a space, and lemmas of several words (joined by "_") are skipped.
    static func lemmas(_ text: String) -> [Substring] {
        text.split(separator: "\n").compactMap { line in
            guard let first = line.first, first != " " else { return nil }
            let lemma = line.prefix { $0 != " " }
            return lemma.contains("_") ? nil : lemma
        }
    }

    /// Names from WordNet's data files: a word every synset writes with the same capitalised
    /// form ("Asia", "OSHA") and never in lower case ("china", "navy", "amazon" also name
    /// things). Mixed forms ("eV", "KiB") are left out: "ev" on a wall is an EV. So is a
    /// plural whose singular is a common word ("banks", "tours": "Banks", "Tours" are places),
    /// and a small word of a sentence ("who" is no WHO).
    static func properNames(_ dataFiles: [String]) -> [String: String] {
        var forms: [String: Set<String>] = [:]
        var lowerCase = Set<String>()
        for text in dataFiles {
            for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
                // "offset lex_filenum ss_type w_cnt word lex_id [word lex_id …] …"; the licence
                // header's lines start with spaces.
                guard let first = line.first, first != UInt8(ascii: " ") else { continue }
                let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 60)
                guard fields.count > 4, let count = Int(String(decoding: fields[3], as: UTF8.self), radix: 16) else { continue }
                for k in 0..<count where 4 + 2 * k < fields.count {
                    var word = String(decoding: fields[4 + 2 * k], as: UTF8.self)
                    if let marker = word.firstIndex(of: "(") { word = String(word[..<marker]) }   // "(a)", "(p)", "(ip)"
                    guard !word.contains("_"), word.allSatisfy({ $0.isASCII && $0.isLetter }) else { continue }
                    let key = word.lowercased()
                    if word == key { lowerCase.insert(key) } else { forms[key, default: []].insert(word) }
                }
            }
        }
        var names: [String: String] = [:]
        for (key, written) in forms where !lowerCase.contains(key) && written.count == 1 {
            let form = written.first!
            let capitalised = form.first!.isUppercase && form.dropFirst().allSatisfy(\.isLowercase)
            // Short names collide with what people abbreviate: "ops" is no goddess Ops, "th"
            // no Th, "bc" no BC. Names of four letters or more, acronyms of three or more.
            guard (capitalised && key.count >= 4) || (form.allSatisfy(\.isUppercase) && key.count >= 3) else { continue }
            var singulars: [String] = []
            if key.hasSuffix("s") { singulars.append(String(key.dropLast())) }
            if key.hasSuffix("es") { singulars.append(String(key.dropLast(2))) }
            if key.hasSuffix("ies") { singulars.append(String(key.dropLast(3)) + "y") }
            guard !singulars.contains(where: lowerCase.contains), !ThemeLabeler.stopWords.contains(key),
                  !Language.spanishFunctionWords.contains(key) else { continue }
            names[key] = form
        }
        return names
    }
}
