import ConveneLanguage

extension TitleLexicon {
    /// Builds a `TitleLexicon` from WordNet's files one line at a time.
    ///
    /// Why line by line, and why hashes: the files are 28 MB of text. Holding all of them at
    /// once, with every lemma of every part of speech as a string, raised the server's peak
    /// memory by 35 MB at start and left 18 MB resident (112 MB peak against a 100 MB budget,
    /// docs/BENCHMARKS.md). Lines are fed as they are read, and the sets that only answer
    /// "is this word there?" keep 8-byte hashes (`wordHash`) instead of strings.
    public struct Reader {
        public enum File {
            /// `index.adj`: the adjectives' lemmas.
            case adjectiveIndex
            /// `index.noun`, `index.verb`, `index.adv`: lemmas that are something else too.
            case otherIndex
            /// `index.noun` read as itself: which words can be nouns (also an `otherIndex`).
            case nounIndex
            /// `index.adv` read as itself: the adverbs (also an `otherIndex`).
            case adverbIndex
            /// `index.verb` read as itself: which words can be verbs (also an `otherIndex`).
            case verbIndex
            /// `data.noun`, `data.verb`, …: synsets with each word as written.
            case data
            /// `noun.exc`, `verb.exc`, …: irregular forms and their lemmas ("built build").
            case exceptions
        }

        var adjectiveLemmas: [String] = []
        var otherLemmas = Set<UInt64>()
        var nounLemmas = Set<UInt64>()
        var adverbLemmas: [String] = []
        var verbLemmaWords: [String] = []
        var forms: [String: String] = [:]       // a word written with capitals: lower-cased key → its one written form
        var ambiguous = Set<String>()           // keys written in two ways
        var lowerCase = Set<UInt64>()           // words written in lower case
        var irregularForms = Set<UInt64>()      // "built", "held", "geese"
        var adjectiveUses: [UInt64: Int] = [:]  // an adjective's senses seen in WordNet's tagged texts
        var nounUses: [UInt64: Int] = [:]       // the same of such a word as a noun (0: a noun never seen in use)
        var otherUses: [UInt64: Int] = [:]      // the most of such a word as a verb or an adverb

        public init() {}

        /// One line of a file, without its newline. Read as bytes: the files are ASCII.
        public mutating func read(line: ArraySlice<UInt8>, of file: File) {
            // The licence header's lines start with spaces.
            guard let first = line.first, first != TitleLexicon.space else { return }
            switch file {
            case .adjectiveIndex, .otherIndex, .nounIndex, .adverbIndex, .verbIndex:
                // The lemma is the first field; lemmas of several words (joined by "_") are skipped.
                let lemma = line.prefix { $0 != TitleLexicon.space }
                guard !lemma.contains(TitleLexicon.underscore) else { return }
                if file == .adjectiveIndex {
                    adjectiveLemmas.append(String(decoding: lemma, as: UTF8.self))
                } else {
                    otherLemmas.insert(TitleLexicon.wordHash(lemma))
                }
                if file == .nounIndex { nounLemmas.insert(TitleLexicon.wordHash(lemma)) }
                // Counted only for adjectives seen in use (index.adj is read first): a count per
                // noun of WordNet's would cost the start-up memory the hashes above save.
                // (Read only where it counts, and without splitting the line: 150,000 lines.)
                if file == .adjectiveIndex {
                    if let uses = Self.taggedSenses(line), uses > 0 { adjectiveUses[TitleLexicon.wordHash(lemma)] = uses }
                } else if file == .nounIndex || file == .verbIndex || file == .adverbIndex {
                    let hash = TitleLexicon.wordHash(lemma)
                    if adjectiveUses[hash] != nil, let uses = Self.taggedSenses(line) {
                        if file == .nounIndex { nounUses[hash] = uses } else { otherUses[hash] = max(uses, otherUses[hash] ?? 0) }
                    }
                }
                if file == .adverbIndex { adverbLemmas.append(String(decoding: lemma, as: UTF8.self)) }
                if file == .verbIndex { verbLemmaWords.append(String(decoding: lemma, as: UTF8.self)) }
            case .data:
                readSynset(line)
            case .exceptions:
                let form = line.prefix { $0 != TitleLexicon.space }
                guard !form.contains(TitleLexicon.underscore) else { return }
                irregularForms.insert(TitleLexicon.wordHash(form))
            }
        }

        /// An index line's tagsense_cnt: "lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt
        /// tagsense_cnt synset_offset…" — how many of the lemma's senses WordNet's tagged texts use.
        static func taggedSenses(_ line: ArraySlice<UInt8>) -> Int? {
            // The fields in turn, as numbers where one is wanted: nothing is allocated.
            var field = 0, pointers = -1, value = 0, digits = 0
            var i = line.startIndex
            while i <= line.endIndex {
                let byte = i < line.endIndex ? line[i] : TitleLexicon.space   // the line's end closes its last field
                i += 1
                guard byte == TitleLexicon.space else {
                    if byte >= zero && byte <= nine && digits >= 0 && digits < 9 { value = value * 10 + Int(byte - zero); digits += 1 } else { digits = -1 }
                    continue
                }
                if field == 3 { guard digits > 0 else { return nil }; pointers = value }
                if pointers >= 0 && field == 5 + pointers { return digits > 0 ? value : nil }
                field += 1; value = 0; digits = 0
            }
            return nil
        }
        static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")

        /// "offset lex_filenum ss_type w_cnt word lex_id [word lex_id …] …"
        mutating func readSynset(_ line: ArraySlice<UInt8>) {
            let space = TitleLexicon.space
            var fields = line.split(separator: space, maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, let count = Int(String(decoding: fields[3], as: UTF8.self), radix: 16) else { return }
            var rest = fields.removeLast()
            for _ in 0..<count {
                let word = rest.prefix { $0 != space && $0 != TitleLexicon.openParen }   // "(a)", "(p)", "(ip)" mark adjectives
                // Skip the word, its marker, and its lex_id.
                var skip = rest.drop { $0 != space }.dropFirst()
                skip = skip.drop { $0 != space }.dropFirst()
                rest = skip
                guard !word.isEmpty, word.allSatisfy({ ($0 >= TitleLexicon.lowerA && $0 <= TitleLexicon.lowerZ)
                    || ($0 >= TitleLexicon.upperA && $0 <= TitleLexicon.upperZ) }) else { continue }
                if word.allSatisfy({ $0 >= TitleLexicon.lowerA }) {
                    lowerCase.insert(TitleLexicon.wordHash(word))
                } else {
                    let written = String(decoding: word, as: UTF8.self), key = written.lowercased()
                    if let seen = forms[key], seen != written { ambiguous.insert(key) } else { forms[key] = written }
                }
            }
        }

        /// The lexicon of the lines read.
        ///
        /// Names: a word every synset writes with the same capitalised form ("Asia", "OSHA")
        /// and never in lower case ("china", "navy", "amazon" also name things). Mixed forms
        /// ("eV", "KiB") are left out: "ev" on a wall is an EV. So is a plural whose singular
        /// is a common word ("banks", "tours": "Banks", "Tours" are places), and a small word
        /// of a sentence ("who" is no WHO).
        public func lexicon() -> TitleLexicon {
            let adjectives = Set(adjectiveLemmas.filter { !otherLemmas.contains(TitleLexicon.wordHash($0.utf8)) })
            func writtenInLowerCase(_ key: String) -> Bool { lowerCase.contains(TitleLexicon.wordHash(key.utf8)) }
            var names: [String: String] = [:]
            for (key, form) in forms where !writtenInLowerCase(key) && !ambiguous.contains(key) {
                let capitalised = form.first!.isUppercase && form.dropFirst().allSatisfy(\.isLowercase)
                // Short names collide with what people abbreviate: "ops" is no goddess Ops, "th"
                // no Th, "bc" no BC. Names of four letters or more, acronyms of three or more.
                guard (capitalised && key.count >= 4) || (form.allSatisfy(\.isUppercase) && key.count >= 3) else { continue }
                guard !TitleLexicon.singulars(of: key).contains(where: writtenInLowerCase), !EnglishWords.stopWords.contains(key),
                      !Language.spanishFunctionWords.contains(key) else { continue }
                names[key] = form
            }
            // Common words: written in lower case and never with a capital.
            let capitalised = Set(forms.keys.map { TitleLexicon.wordHash($0.utf8) })
            let common = lowerCase.subtracting(capitalised)
            let capitalisedPlurals = Set(forms.keys.lazy.filter { $0.hasSuffix("s") }.map { TitleLexicon.wordHash($0.utf8) })
            // Adverbs that are never nouns ("alone", "overseas", "together"): no phrase ends on one.
            let adverbs = Set(adverbLemmas.filter { !nounLemmas.contains(TitleLexicon.wordHash($0.utf8)) })
            // Verbs that are nothing else ("require", "widen", "attract"): no phrase starts or
            // ends on one ("Data centers & widens hiring", "Ag-tech & require CMMC").
            // Kept as the forms a note may type (the lemma and its third person), each of which no
            // form of is a noun, adjective or adverb ("rides" is the plural of the noun "ride",
            // not a form of "rid"): 14,000 hashes rather than the 140,000 words that are not verbs.
            let notVerbs = nounLemmas.union(adjectiveLemmas.lazy.map { TitleLexicon.wordHash($0.utf8) })
                .union(adverbLemmas.lazy.map { TitleLexicon.wordHash($0.utf8) })
            var verbForms = Set<UInt64>()
            for lemma in verbLemmaWords where !notVerbs.contains(TitleLexicon.wordHash(lemma.utf8)) {
                var typed = [lemma, lemma + "s", lemma + "es"]
                if lemma.hasSuffix("y") { typed.append(lemma.dropLast() + "ies") }
                for form in typed where !([form] + TitleLexicon.singulars(of: form)).contains(where: { notVerbs.contains(TitleLexicon.wordHash($0.utf8)) }) {
                    verbForms.insert(TitleLexicon.wordHash(form.utf8))
                }
            }
            // Nouns too, but read as adjectives more often than as anything else ("desperate":
            // 4 tagged senses as an adjective, 1 as a noun). A word with no noun entry at all is
            // another matter: "solar", "nuclear" are sectors' names ("community solar").
            let mostlyAdjectives = Set(nounUses.lazy.filter { hash, asNoun in
                let asAdjective = adjectiveUses[hash] ?? 0
                return asAdjective > asNoun && asAdjective > (otherUses[hash] ?? 0)
            }.map(\.key))
            return TitleLexicon(adjectives: adjectives, properNames: names, commonWordHashes: common,
                                capitalisedPluralHashes: capitalisedPlurals, adverbsNeverNouns: adverbs,
                                otherKnownWordHashes: capitalised.union(irregularForms).subtracting(common),
                                verbOnlyFormHashes: verbForms, mostlyAdjectiveHashes: mostlyAdjectives)
        }
    }
}
