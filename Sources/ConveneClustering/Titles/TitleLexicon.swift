/// What the titler knows of English beyond the wall's own notes, from WordNet:
///
/// - words that are only ever adjectives ("residential", "indoor", "maritime"). A title must
///   not end on one that the wall's notes use in front of a noun: "Power plant &
///   residential", "Venues, weddings & indoor" are cut short (`WallVocabulary.modifiers`);
/// - names that are only ever written with a capital ("Asia", "Texas", "Medicaid", "OSHA"):
///   phones type "pulling out of asia", and a facilitator writes "Asia" on the wall;
/// - verbs that are nothing else ("require", "widens"): a phrase starting or ending on one is
///   a clause, not a name ("Data centers & widens hiring", "Ag-tech & require CMMC");
/// - common words, only ever written in lower case ("truck", "broadband"): capitalised at the
///   start of a note ("Truck drivers with a CDL…"), they still take a small letter inside a
///   title ("Rail crossing & truck drivers", not "… & Truck drivers").
///
/// A hand-written list of such words only covers the walls it was written for; WordNet
/// covers the language. Pure: the files' text is read at the edge (`WordNetFiles` in
/// ConveneLexicon) and parsed here.
public struct TitleLexicon: Sendable {
    let adjectives: Set<String>
    let properNames: [String: String]
    /// Hashes (`wordHash`) of the words WordNet only ever writes in lower case: about 62,000
    /// words, kept as 8-byte hashes rather than strings (the server's memory is budgeted).
    let commonWordHashes: Set<UInt64>
    /// Hashes of the words ending in "s" that WordNet writes with a capital ("Highlands").
    let capitalisedPluralHashes: Set<UInt64>
    /// Adverbs WordNet never lists as nouns ("alone", "overseas", "abroad", "together"): a
    /// note may end on one ("none of us can take alone"), a title may not ("Machining & alone").
    let adverbsNeverNouns: Set<String>
    /// Hashes of the other words WordNet knows: those it writes with a capital ("march" is
    /// also "March") and the irregular forms of its exception lists ("built", "held"). With
    /// `commonWordHashes`, they tell a word from a typo (`isKnownWord`).
    let otherKnownWordHashes: Set<UInt64>
    /// Hashes of the forms of the verbs WordNet lists as nothing else ("require", "requires",
    /// "widens"), without a form that is also a noun, adjective or adverb, or the plural of
    /// one ("rides" is the noun's, not the verb "rid"'s).
    let verbOnlyFormHashes: Set<UInt64>
    /// Hashes of the words that are nouns too but that WordNet's sense-tagged texts read
    /// mostly as adjectives ("desperate", "local", "medical", "senior"): a phrase ending on one
    /// is a noun and its describing word ("families desperate" for "families desperate for
    /// help"), not a name.
    let mostlyAdjectiveHashes: Set<UInt64>

    public init(_ adjectives: Set<String>, properNames: [String: String] = [:]) {
        self.adjectives = adjectives
        self.properNames = properNames
        commonWordHashes = []
        capitalisedPluralHashes = []
        adverbsNeverNouns = []
        otherKnownWordHashes = []
        verbOnlyFormHashes = []
        mostlyAdjectiveHashes = []
    }

    /// From the text of WordNet's `index.adj` and of the other parts of speech's index files
    /// (`index.noun`, `index.verb`, `index.adv`): the one-word lemmas of the first that none
    /// of the others has ("electric" is also a noun, "clean" also a verb: neither is kept).
    /// From the data files (`data.noun`, …), when given: the names only ever capitalised, and
    /// the words only ever in lower case. (The server reads the files a line at a time with
    /// `Reader`; this is the same for texts at hand.)
    public init(adjectiveIndex: String, otherIndexes: [String], dataFiles: [String] = [], exceptionFiles: [String] = []) {
        var reader = Reader()
        func feed(_ text: String, _ file: Reader.File) {
            for line in Array(text.utf8).split(separator: Self.newline) { reader.read(line: line, of: file) }
        }
        feed(adjectiveIndex, .adjectiveIndex)
        for text in otherIndexes { feed(text, .otherIndex) }
        for text in dataFiles { feed(text, .data) }
        for text in exceptionFiles { feed(text, .exceptions) }
        self = reader.lexicon()
    }

    init(adjectives: Set<String>, properNames: [String: String], commonWordHashes: Set<UInt64>, capitalisedPluralHashes: Set<UInt64>,
         adverbsNeverNouns: Set<String> = [], otherKnownWordHashes: Set<UInt64> = [],
         verbOnlyFormHashes: Set<UInt64> = [], mostlyAdjectiveHashes: Set<UInt64> = []) {
        self.adjectives = adjectives
        self.properNames = properNames
        self.commonWordHashes = commonWordHashes
        self.capitalisedPluralHashes = capitalisedPluralHashes
        self.adverbsNeverNouns = adverbsNeverNouns
        self.otherKnownWordHashes = otherKnownWordHashes
        self.verbOnlyFormHashes = verbOnlyFormHashes
        self.mostlyAdjectiveHashes = mostlyAdjectiveHashes
    }

    /// True when `key` (a lower-cased word) is a verb and nothing else, as typed or in its
    /// third person ("widens", "requires"). Not a form in "-ing" ("hiring", "recruiting" name
    /// activities) nor in "-ed" ("expanded broadband" reads as a noun phrase).
    /// A form that is also the plural of a noun is that noun ("retirees", "rides": not
    /// "retire", "rid").
    public func isOnlyVerb(_ key: String) -> Bool {
        !key.hasSuffix("ing") && !Self.verbsUsedAsNouns.contains(key) && verbOnlyFormHashes.contains(Self.wordHash(key))
    }

    /// Words WordNet lists only as verbs that workplaces use as nouns: "Water reuse", "Local
    /// spend", "Earn & learn", "OPT" (a student's work permit), "Solar installs", "Ask".
    static let verbsUsedAsNouns: Set<String> = ["reuse", "reuses", "spend", "spends", "install", "installs", "ask", "asks",
                                                "earn", "learn", "opt", "sync", "syncs", "rebuild", "rebuilds"]
    public var verbOnlyCount: Int { verbOnlyFormHashes.count }

    public var adjectiveCount: Int { adjectives.count }
    public var properNameCount: Int { properNames.count }
    public var commonWordCount: Int { commonWordHashes.count }

    /// True when `key` (a lower-cased word), or its singular, is a word WordNet only ever
    /// writes in lower case: a capital on it only marks the start of a sentence.
    public func isCommonWord(_ key: String) -> Bool {
        if commonWordHashes.contains(Self.wordHash(key)) { return true }
        // A plural WordNet also writes with a capital may be a name ("Highlands", "Rockies",
        // "Queens", but also "Banks"): its capital stays, as before WordNet's common words.
        if capitalisedPluralHashes.contains(Self.wordHash(key)) { return false }
        return Self.singulars(of: key).contains { commonWordHashes.contains(Self.wordHash($0)) }
    }

    /// What `key` may be the plural of: "trucks" → "truck", "boxes" → "boxe", "box";
    /// "cities" → "citie", "citi", "city" (the forms that are not words are simply not found).
    static func singulars(of key: String) -> [String] {
        var forms: [String] = []
        if key.hasSuffix("s") { forms.append(String(key.dropLast())) }
        if key.hasSuffix("es") { forms.append(String(key.dropLast(2))) }
        if key.hasSuffix("ies") { forms.append(String(key.dropLast(3)) + "y") }
        return forms
    }

    /// FNV-1a over the word's UTF-8 bytes: stable across runs (Swift's own hashing is seeded).
    static func wordHash(_ word: String) -> UInt64 { wordHash(word.utf8) }

    static func wordHash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// True when `key` (a lower-cased word) is only ever an adjective.
    public func isOnlyAdjective(_ key: String) -> Bool { adjectives.contains(key) }

    /// True when `key` (a lower-cased word) is a noun too, but read mostly as an adjective.
    /// Not an "-ing" form ("Remote working" names an activity), nor a noun workplaces put last
    /// in a name though the tagged texts read it mostly as an adjective ("Growth potential",
    /// "Industry standard").
    public func isMostlyAdjective(_ key: String) -> Bool {
        !key.hasSuffix("ing") && !Self.nounsOfWorkplaces.contains(key) && mostlyAdjectiveHashes.contains(Self.wordHash(key))
    }
    static let nounsOfWorkplaces: Set<String> = ["potential", "standard", "professional", "individual", "official", "chemical",
                                                  "commercial", "general", "principal", "material"]
    public var mostlyAdjectiveCount: Int { mostlyAdjectiveHashes.count }

    /// True when `key` (a lower-cased word) is an adverb and never a noun.
    public func isAdverbNeverNoun(_ key: String) -> Bool { adverbsNeverNouns.contains(key) }
    public var adverbNeverNounCount: Int { adverbsNeverNouns.count }

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

    static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), underscore = UInt8(ascii: "_"),
               openParen = UInt8(ascii: "("), upperA = UInt8(ascii: "A"), upperZ = UInt8(ascii: "Z"),
               lowerA = UInt8(ascii: "a"), lowerZ = UInt8(ascii: "z")
}
