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
        var others = Set<String>()
        for text in otherIndexes { others.formUnion(Self.lemmas(text)) }
        adjectives = Set(Self.lemmas(adjectiveIndex).filter { !others.contains($0) })
        properNames = Self.properNames(dataFiles)
    }

    public var adjectiveCount: Int { adjectives.count }
    public var properNameCount: Int { properNames.count }

    /// True when `key` (a lower-cased word) is only ever an adjective.
    public func isOnlyAdjective(_ key: String) -> Bool { adjectives.contains(key) }

    /// The written form of a name typed in lower case ("asia" → "Asia"), if WordNet has only
    /// that form of it.
    public func properName(_ key: String) -> String? { properNames[key] }

    /// `title` with every word typed all in lower case that is a name written as `properName`,
    /// and every word written with only its first letter capital that is an acronym: sentence
    /// case has already capitalised a title's first word, so "osha rules" reaches this as
    /// "Osha rules" and leaves as "OSHA rules".
    public func properlyCased(_ title: String) -> String {
        title.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let letters = word.prefix { $0.isLetter }
            guard let first = letters.first else { return String(word) }
            let rest = letters.dropFirst()
            if letters.allSatisfy({ $0.isLowercase }), let name = properNames[String(letters)] {
                return name + word.dropFirst(letters.count)
            }
            if first.isUppercase, !rest.isEmpty, rest.allSatisfy({ $0.isLowercase }), let name = properNames[letters.lowercased()],
               name.allSatisfy({ $0.isUppercase }) {
                return name + word.dropFirst(letters.count)
            }
            return String(word)
        }.joined(separator: " ")
    }

    /// An index file's lemmas: the first field of each line; the licence header's lines
    /// start with a space, and lemmas of several words (joined by "_") are skipped. Read as
    /// bytes (the files are ASCII): splitting 5 MB of text by characters took 0.17 s at start.
    static func lemmas(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.utf8.split(separator: newline) {
            guard let first = line.first, first != space else { continue }
            let lemma = line.prefix { $0 != space }
            guard !lemma.contains(underscore) else { continue }
            out.append(String(decoding: lemma, as: UTF8.self))
        }
        return out
    }

    static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), underscore = UInt8(ascii: "_"),
               openParen = UInt8(ascii: "("), upperA = UInt8(ascii: "A"), upperZ = UInt8(ascii: "Z"),
               lowerA = UInt8(ascii: "a"), lowerZ = UInt8(ascii: "z")

    /// Names from WordNet's data files: a word every synset writes with the same capitalised
    /// form ("Asia", "OSHA") and never in lower case ("china", "navy", "amazon" also name
    /// things). Mixed forms ("eV", "KiB") are left out: "ev" on a wall is an EV. So is a
    /// plural whose singular is a common word ("banks", "tours": "Banks", "Tours" are places),
    /// and a small word of a sentence ("who" is no WHO). Read as bytes: the files are ASCII.
    static func properNames(_ dataFiles: [String]) -> [String: String] {
        var forms: [String: String] = [:]       // lower-cased key → its one written form
        var ambiguous = Set<String>()           // keys written in two ways
        var lowerCase = Set<String>()
        for text in dataFiles {
            for line in text.utf8.split(separator: newline) {
                // "offset lex_filenum ss_type w_cnt word lex_id [word lex_id …] …"; the licence
                // header's lines start with spaces.
                guard let first = line.first, first != space else { continue }
                var fields = line.split(separator: space, maxSplits: 4, omittingEmptySubsequences: false)
                guard fields.count == 5, let count = Int(String(decoding: fields[3], as: UTF8.self), radix: 16) else { continue }
                var rest = fields.removeLast()[...]
                for _ in 0..<count {
                    let word = rest.prefix { $0 != space && $0 != openParen }   // "(a)", "(p)", "(ip)" mark adjectives
                    // Skip the word, its marker, and its lex_id.
                    var skip = rest.drop { $0 != space }.dropFirst()
                    skip = skip.drop { $0 != space }.dropFirst()
                    rest = skip
                    guard !word.isEmpty, word.allSatisfy({ ($0 >= lowerA && $0 <= lowerZ) || ($0 >= upperA && $0 <= upperZ) }) else { continue }
                    if word.allSatisfy({ $0 >= lowerA }) {
                        lowerCase.insert(String(decoding: word, as: UTF8.self))
                    } else {
                        let written = String(decoding: word, as: UTF8.self), key = written.lowercased()
                        if let seen = forms[key], seen != written { ambiguous.insert(key) } else { forms[key] = written }
                    }
                }
            }
        }
        var names: [String: String] = [:]
        for (key, form) in forms where !lowerCase.contains(key) && !ambiguous.contains(key) {
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
