@testable import ConveneClustering
import XCTest
import ConveneLanguage

final class ThemeTitlerTests: XCTestCase {
    func wall(_ texts: [String]) -> Wall {
        // Vectors do not matter much for titles without a model: one direction each.
        Wall(notes: texts.enumerated().map { i, t in
            var v = [Float](repeating: 0.1, count: 8); v[i % 8] = 1
            return WallNote(id: "n\(i)", vector: Vectors.normalized(v), text: t)
        })
    }

    /// A lexicon read from WordNet index lines, each list with the file it stands for, in order.
    func lexicon(_ files: [(TitleLexicon.Reader.File, [String])]) -> TitleLexicon {
        var reader = TitleLexicon.Reader()
        for (file, lines) in files { for line in lines { reader.read(line: ArraySlice(Array(line.utf8)), of: file) } }
        return reader.lexicon()
    }

    /// Every candidate phrase of a theme holding all of `texts`, read with `lexicon`.
    func phrases(_ texts: [String], lexicon: TitleLexicon?) -> Set<String> {
        let w = wall(texts)
        let found = ThemeTitler.candidates(for: Array(w.notes.indices), on: w, space: WallSpace(vectors: w.notes.map(\.vector), texts: texts),
                                           vocabulary: WallVocabulary(w, lexicon: lexicon))
        return Set((found?.scored ?? []).map(\.key))
    }

    func title(_ texts: [String], taken: [String] = []) -> String {
        let w = wall(texts)
        return ThemeTitler.title(for: Array(w.notes.indices), on: w, space: WallSpace(vectors: w.notes.map(\.vector), texts: texts), avoiding: taken)
    }

    func testTitlesAreNounPhrasesInTheNotesWords() {
        let t = title(["Welders!! can't find any welders", "not enough trained welders in the county", "welders retiring every quarter",
                       "CNC machinists wanted", "50 ppl retiring"])
        XCTAssertTrue(t.lowercased().contains("welders"), t)
        let words = t.split(separator: " ")
        XCTAssertTrue((1...6).contains(words.count), t)
        XCTAssertEqual(t.first.map { String($0) }, t.first.map { String($0).uppercased() }, "sentence case")
    }

    func testASpanishWordThatFollowsItsNounIsNoTitleOnItsOwn() {
        // "Rurales" was projected for a theme of Spanish notes: Spanish puts describing words
        // after the noun, so "rurales" alone is a fragment; "pueblos rurales" is a name.
        let texts = ["Transporte para niños en los pueblos rurales", "No hay guarderías en los pueblos rurales"]
        let w = wall(texts)
        XCTAssertEqual(w.notes.map(\.words.language), [.spanish, .spanish])
        let found = ThemeTitler.candidates(for: Array(w.notes.indices), on: w, space: WallSpace(vectors: w.notes.map(\.vector), texts: texts),
                                           vocabulary: WallVocabulary(w))
        let keys = Set((found?.scored ?? []).map(\.key))
        XCTAssertFalse(keys.contains("rurales"), "\(keys)")
        XCTAssertTrue(keys.contains("pueblos rurales") && keys.contains("transporte") && keys.contains("guarderías"), "\(keys)")
        XCTAssertNotEqual(title(texts).lowercased(), "rurales")
    }

    func testATitleNeverSaysOneWordTwice() {
        XCTAssertTrue(ThemeTitler.sameWord("welders", "welding"))
        XCTAssertTrue(ThemeTitler.sameWord("drone", "drones"))
        XCTAssertFalse(ThemeTitler.sameWord("housing", "childcare"))
        let t = title(["We cannot find certified welders", "Welding apprenticeships with the college", "Our welders retire soon",
                       "Teach welding in high schools", "Weld inspectors are scarce"])
        let words = t.lowercased().split(separator: " ").filter { $0 != "&" }.map(String.init)
        for (i, a) in words.enumerated() { for b in words[(i + 1)...] { XCTAssertFalse(ThemeTitler.sameWord(a, b), t) } }
    }

    func testTitlesSpeakTheWallsMainLanguage() {
        let t = title(["food safety supervisors are impossible to find", "training for supervisors and crew leads",
                       "clases de ingles para mayordomos y supervisores", "capacitación de seguridad para los supervisores",
                       "frontline leadership training for supervisors"])
        for spanish in ["mayordomos", "capacitación", "clases", "ingles"] {
            XCTAssertFalse(t.lowercased().contains(spanish), t)
        }
    }

    func testTitlesAreNeverFragmentsOrBareNumbers() {
        let fragments = ["every quarter", "50 ppl", "5 axis", "actually talk", "& local", "2 hour"]
        let walls = [
            ["we meet every quarter with 50 ppl", "5 axis machines every quarter", "actually talk to the college 2 hour drive"],
            ["50 ppl 50 ppl", "2 hour commute 2 hour", "every quarter every quarter"],
            ["& local", "local & regional", "5 axis"],
        ]
        for texts in walls {
            let t = title(texts).lowercased()
            for f in fragments { XCTAssertNotEqual(t, f, "fragment title \(t)") }
            XCTAssertFalse(t.first?.isNumber ?? false, "a title never starts with a number: \(t)")
            XCTAssertFalse(t.hasPrefix("&"), t)
        }
        // No phrase of a title starts or ends on a preposition ("Truck parking & along I-80").
        let prepositions: Set<String> = ["along", "among", "across", "near", "behind", "beyond", "against", "inside", "outside", "despite"]
        let parking = title(["truck parking along I-80 is full by 6pm", "drivers park along I-80 ramps, not safe",
                             "need more truck parking along the interstate", "parking along I-80 exits for overnight",
                             "no safe parking near the warehouses"])
        for phrase in parking.lowercased().split(whereSeparator: { ",&".contains($0) }) {
            let words = phrase.split(separator: " ").map(String.init)
            XCTAssertFalse(prepositions.contains(words.first ?? "") || prepositions.contains(words.last ?? ""), parking)
        }
    }

    func testTitlesAreDistinctWithinAWall() {
        let texts = ["housing for workers", "worker housing is scarce", "housing costs"]
        let first = title(texts)
        let second = title(texts, taken: [first])
        XCTAssertNotEqual(ThemeTitler.normalizedKey(first), ThemeTitler.normalizedKey(second))
    }

    func testColumnsSideBySideNeverShareMostOfTheirTitle() {
        XCTAssertTrue(ThemeTitler.tooClose("Maintenance techs & electricians", to: [ThemeTitler.normalizedKey("Maintenance electricians & OEMs")]))
        XCTAssertFalse(ThemeTitler.tooClose("Housing & childcare", to: [ThemeTitler.normalizedKey("Housing, rides & wages")]),
                       "one word in common is fine: facilitators repeat words too")
        let texts = ["maintenance electricians for the battery line", "maintenance techs are retiring", "electricians!!!",
                     "maintenance apprenticeship shared by 5 companies", "industrial maintenance techs, 6 openings"]
        let beside = "Maintenance techs & electricians"
        let t = title(texts, taken: [beside])
        XCTAssertFalse(ThemeTitler.tooClose(t, to: [ThemeTitler.normalizedKey(beside)]), "\(beside) | \(t)")
    }

    func testShoutingIsLoweredAndAcronymsKept() {
        XCTAssertEqual(ThemeTitler.sentenceCase("FOURTEEN months"), "Fourteen months")
        XCTAssertEqual(ThemeTitler.sentenceCase("CDL drivers"), "CDL drivers")
        XCTAssertEqual(ThemeTitler.sentenceCase("CISSP holders"), "CISSP holders", "a five-letter acronym keeps its capitals")
        XCTAssertEqual(ThemeTitler.sentenceCase("Grants & CHIPS Act"), "Grants & CHIPS Act")
        // A note typed all in capitals shouts: its words reach a title in lower case.
        let shouted = title(["WE NEED NIGHT SHIFT HANDS NOW", "NIGHT SHIFT HANDS KEEP QUITTING", "more hands"])
        XCTAssertFalse(shouted.contains("HANDS") || shouted.contains("NIGHT") || shouted.contains("SHIFT"), shouted)
        // In a note that does not shout, capitals are an acronym, whatever the word's length.
        let acronym = title(["CISSP level people are hard to find", "senior CISSP holders retiring", "we pay CISSP people more"])
        XCTAssertTrue(acronym.contains("CISSP"), acronym)
        // A capital that only starts a sentence is no part of the word: "Welding & pay", not
        // "Welding & Pay". Acronyms keep theirs.
        let texts = ["welding apprenticeships", "Pay is too low", "Pay for trainees", "CNC classes", "OSHA training",
                     "better pay for welders", "Brownsville needs a training center"]
        let w = wall(texts)
        let (_, surfaces) = try! XCTUnwrap(ThemeTitler.candidates(for: Array(w.notes.indices), on: w, space: WallSpace(w.notes),
                                                                  vocabulary: WallVocabulary(w)))
        XCTAssertEqual(surfaces["pay"].map(ThemeTitler.surface), "pay")
        XCTAssertEqual(surfaces["cnc classes"].map(ThemeTitler.surface), "CNC classes")
        XCTAssertEqual(surfaces["osha training"].map(ThemeTitler.surface), "OSHA training")
        XCTAssertEqual(surfaces["brownsville"].map(ThemeTitler.surface), "Brownsville", "a name nobody typed in lower case keeps its capital")
        // A list of acronyms is not shouting.
        XCTAssertFalse(ThemeTitler.isShouting("Need CDL, OSHA, TWIC, NCCER"))
        XCTAssertTrue(ThemeTitler.isShouting("NIGHT SHIFT HANDS KEEP QUITTING"))
    }
    /// A stand-in for the model: each word means one direction (words of one concept share
    /// it; every other word adds a little of a direction of its own).
    struct ConceptEmbedding: PhraseEmbedding {
        let concepts: [String: Int]
        init(_ concepts: [String: Int]) { self.concepts = concepts }

        static let housingAndChildcare = ConceptEmbedding(["housing": 0, "homes": 0, "rent": 0, "apartments": 0,
                                                           "childcare": 1, "daycare": 1, "kids": 1, "infant": 1])
        static let housingChildcareAndRides = ConceptEmbedding(["housing": 0, "rent": 0, "childcare": 1, "daycare": 1,
                                                                "bus": 2, "commuter": 2, "vans": 2, "shuttle": 2])

        func vector(_ text: String) -> [Float] {
            var v = [Float](repeating: 0, count: 16)
            let named = (concepts.values.max() ?? -1) + 1
            for w in ThemeLabeler.words(text).map(\.key) where !EnglishWords.stopWords.contains(w) {
                if let c = concepts[w] { v[c] += 1 } else { v[named + w.unicodeScalars.reduce(0) { $0 + Int($1.value) } % (16 - named)] += 0.3 }
            }
            return Vectors.normalized(v)
        }
        func embed(_ phrases: [String]) -> [[Float]] { phrases.map(vector) }
    }

    /// The title of one theme holding all of `texts`, ranked by `model`.
    func title(_ texts: [String], model: ConceptEmbedding) -> String {
        let w = Wall(notes: texts.enumerated().map { WallNote(id: "n\($0)", vector: model.vector($1), text: $1) })
        return ThemeTitler.title(for: Array(w.notes.indices), on: w, space: WallSpace(w.notes), avoiding: [], phrases: model)
    }

    func testWithTheModelATitleNamesTheThemesStrands() {
        let texts = ["no affordable housing near the plant", "rent is too high for new hires", "housing for workers who relocate",
                     "childcare slots for night shift", "daycare closes before second shift ends", "childcare costs more than rent"]
        let t = title(texts, model: .housingAndChildcare)
        let lower = t.lowercased()
        XCTAssertTrue(lower.contains("housing") || lower.contains("rent"), t)
        XCTAssertTrue(lower.contains("childcare") || lower.contains("daycare"), t)
        XCTAssertTrue((2...6).contains(t.split(separator: " ").count), t)
    }

    func testAThemeOfThreeStrandsIsNamedByThreeOfThem() {
        let texts = ["housing near the plant is scarce", "rent eats the paycheck", "housing for new hires",
                     "childcare slots for night shift", "daycare closes at five",
                     "commuter vans from town", "commuter shuttle for second shift", "no bus to the plant"]
        let t = title(texts, model: .housingChildcareAndRides)
        let lower = t.lowercased()
        XCTAssertTrue(lower.contains("housing") || lower.contains("rent"), t)
        XCTAssertTrue(lower.contains("childcare") || lower.contains("daycare"), t)
        XCTAssertTrue(["bus", "commuter", "vans", "shuttle"].contains { lower.contains($0) }, t)
        XCTAssertTrue(t.contains(", ") && t.contains(" & "), "three strands read as a list: \(t)")
        XCTAssertTrue((3...6).contains(t.split(separator: " ").count), t)
    }

    func testAWordCapitalisedOnlyAtTheStartOfANoteIsLowerCaseInsideATitle() {
        let t = title(["Welders are scarce", "Inspectors are scarce", "we need weld inspectors", "more welders wanted",
                       "no welders for second shift"])
        let words = t.split(separator: " ")
        XCTAssertTrue(t.lowercased().contains("inspectors"), t)
        XCTAssertFalse(words.dropFirst().contains { $0.hasPrefix("Inspectors") || $0.hasPrefix("Welders") }, t)
    }

    func testATitleNeverEndsOnADescribingWord() {
        let t = title(["incubator space shared", "lab equipment shared", "incubator shared by startups"]).lowercased()
        XCTAssertFalse(t.hasSuffix("shared"), t)
        // Nor on when things happen ("Accessible travel & weekend"), though one may start a title.
        for word in ["weekend", "weekends", "seasonal", "overnight", "today"] {
            XCTAssertTrue(ThemeTitler.endsWeakly(word), word)
            XCTAssertTrue(ThemeTitler.isEdge(word), word)
        }
        // Nor on where ("Delivery demand & east", from "suburbs east of town"); "East district" starts well.
        let delivery = title(["last mile delivery demand in the new suburbs east of town", "same day delivery for the metro",
                              "delivery demand east of town keeps growing"]).lowercased()
        XCTAssertFalse(delivery.hasSuffix("east") || delivery.contains("east &") || delivery.contains("east,"), delivery)
        // The meeting's setting and the room are no item of a title alone ("Inspections, county
        // & renewal", "Plant upgrades & cities"); a phrase may end on one ("Service area").
        for word in ["county", "counties", "cities", "region", "town", "state", "companies", "employers"] {
            XCTAssertTrue(ThemeTitler.settingWords.contains(word), word)
            XCTAssertFalse(ThemeTitler.endsWeakly(word), word)
        }
        let permits = title(["county permit renewal takes months", "permit renewal is slow", "the county inspections backlog",
                             "inspections before renewal"]).lowercased()
        XCTAssertFalse(permits.hasSuffix("county") || permits.contains("county &") || permits.contains("county,"), permits)
        let area = title(["no bus in our service area", "service area too big for one crew", "crews cover a huge service area"]).lowercased()
        XCTAssertTrue(area.contains("service area"), area)
    }

    func testATitleNeverEndsOnAWordTheNotesOnlyUseInFrontOfAnother() {
        // "regulatory" always comes before what it describes on this wall: "Recruit VP of
        // regulatory" is cut short.
        let texts = ["recruit a VP of regulatory affairs", "regulatory consultants cost too much", "regulatory filings take months",
                     "no regulatory staff in the region", "hard to recruit a VP"]
        let w = wall(texts)
        XCTAssertTrue(WallVocabulary(w).modifiers.contains("regulatory"))
        XCTAssertFalse(WallVocabulary(w).modifiers.contains("vp"), "a word that also ends phrases is no modifier")
        let t = title(texts).lowercased()
        XCTAssertFalse(t.hasSuffix("regulatory") || t.contains("regulatory &") || t.contains("regulatory,"), t)
    }

    func testATitleNeverEndsOnAWordOnlyEverAnAdjectiveThatTheNotesPutInFrontOfANoun() {
        // "indoor" comes once, in front of "venue": without knowing it is only ever an
        // adjective the titler ends a title on it ("Weddings & indoor").
        let texts = ["weddings book out two years ahead", "weddings want lodging for 150 guests", "barn weddings are booming",
                     "indoor venue for winter"]
        let lexicon = TitleLexicon(["indoor", "residential"])
        let w = wall(texts)
        XCTAssertFalse(WallVocabulary(w).modifiers.contains("indoor"), "one use is not enough evidence for any word")
        XCTAssertTrue(WallVocabulary(w, lexicon: lexicon).modifiers.contains("indoor"))
        let space = WallSpace(vectors: w.notes.map(\.vector), texts: texts)
        let without = ThemeTitler.title(for: Array(w.notes.indices), on: w, space: space, avoiding: [])
        XCTAssertTrue(without.lowercased().hasSuffix("indoor"), "the case this rule is for: \(without)")
        let with = ThemeTitler.title(for: Array(w.notes.indices), on: w, space: space, avoiding: [], lexicon: lexicon).lowercased()
        XCTAssertFalse(with.hasSuffix("indoor") || with.contains("indoor &") || with.contains("indoor,"), with)
        // Used as a name ("is this commercial only or residential too"), it may still end one.
        XCTAssertFalse(WallVocabulary(wall(["is this commercial only or residential too", "residential builds"]), lexicon: lexicon)
            .modifiers.contains("residential"), "used last once: a name here")
        // WordNet lists some sectors' names as adjectives only: "Community solar" stays a title.
        XCTAssertFalse(WallVocabulary(wall(["solar panels on every roof", "solar farms need land", "community solar"]),
                                      lexicon: TitleLexicon(["solar"])).modifiers.contains("solar"))
    }

    /// "Machining & alone" (a walk-through's wall): notes end on adverbs ("none of us can take
    /// it alone"), titles must not. WordNet's index files say which adverbs are never nouns.
    func testNoPhraseEndsOnAnAdverbThatIsNeverANoun() {
        let lexicon = self.lexicon([(.adjectiveIndex, ["alone a 1 0 1 0 00001", "overseas a 1 0 1 0 00002"]),
                               (.nounIndex, ["machining n 1 0 1 0 00003", "overseas n 1 0 1 0 00004", "jobs n 1 0 1 0 00005"]),
                               (.adverbIndex, ["alone r 1 0 1 0 00006", "overseas r 1 0 1 0 00007", "together r 1 0 1 0 00008"])])
        XCTAssertTrue(lexicon.isAdverbNeverNoun("alone"))
        XCTAssertTrue(lexicon.isAdverbNeverNoun("together"))
        XCTAssertFalse(lexicon.isAdverbNeverNoun("overseas"), "also a noun")
        XCTAssertFalse(lexicon.isAdverbNeverNoun("machining"))
        let texts = ["big jobs none of us can take alone", "we cant bid machining jobs alone",
                     "joint bid: machining + paint together", "machining work we lose alone"]
        func endings(_ lexicon: TitleLexicon?) -> Set<String> {
            Set(phrases(texts, lexicon: lexicon).compactMap { $0.split(separator: " ").last.map(String.init) })
        }
        XCTAssertTrue(endings(nil).contains("alone"), "the case the rule is for")
        XCTAssertFalse(endings(lexicon).contains("alone"))
        XCTAssertFalse(endings(lexicon).contains("together"))
        XCTAssertTrue(endings(lexicon).contains("machining"))
    }

    /// "Data centers & widens hiring", "Ag-tech & require CMMC" (a walk-through's wall): a
    /// phrase that starts on a verb is a clause, not a name. WordNet's index files say which
    /// words are verbs and nothing else; "-ing" forms and plurals of nouns are not.
    func testNoPhraseStartsOrEndsOnAWordThatIsOnlyAVerb() {
        let lexicon = self.lexicon([(.verbIndex, ["widen v 1 0 1 0 00001", "require v 1 0 1 0 00002", "hire v 1 0 1 0 00003", "retire v 1 0 1 0 00004",
                                             "rid v 1 0 1 0 00005", "ride v 1 0 1 0 00006", "recruit v 1 0 1 0 00007"]),
                               (.nounIndex, ["hire n 1 0 1 0 00008", "hiring n 1 0 1 0 00009", "retiree n 1 0 1 0 00010", "ride n 1 0 1 0 00011",
                                             "data n 1 0 1 0 00012", "center n 1 0 1 0 00013"])])
        for verb in ["widen", "widens", "require", "requires", "retire"] { XCTAssertTrue(lexicon.isOnlyVerb(verb), verb) }
        for word in ["hire", "hires", "hiring", "retirees", "rides", "recruiting", "data", "centers", "cmmc"] {
            XCTAssertFalse(lexicon.isOnlyVerb(word), word)
        }
        let texts = ["remote work widens hiring", "data centers widen hiring for techs", "defense primes require CMMC",
                     "ag-tech firms require CMMC too"]
        func edges(_ lexicon: TitleLexicon?) -> Set<String> {
            Set(phrases(texts, lexicon: lexicon).flatMap { key in [key.split(separator: " ").first, key.split(separator: " ").last].compactMap { $0.map(String.init) } })
        }
        XCTAssertTrue(edges(nil).contains("widens") || edges(nil).contains("require"), "the case the rule is for: \(edges(nil))")
        for verb in ["widens", "widen", "require"] { XCTAssertFalse(edges(lexicon).contains(verb), verb) }
        XCTAssertTrue(edges(lexicon).contains("hiring") && edges(lexicon).contains("cmmc"), "\(edges(lexicon))")
    }

    /// "Dementia care & families desperate" (a walk-through's wall, from "families desperate
    /// for help"): a noun and the describing word after it is no name. WordNet's sense-tagged
    /// counts say which nouns are read mostly as adjectives ("desperate": 4 senses in use as an
    /// adjective, 1 as a noun); a word with no noun entry ("solar") stays a sector's name.
    func testNoPhraseEndsOnANounReadMostlyAsAnAdjective() {
        // "lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offsets…"
        let lexicon = self.lexicon([
            (.adjectiveIndex, ["desperate a 6 2 & ! 6 4 00001", "local a 3 1 & 3 2 00002", "solar a 1 1 & 1 1 00003", "green a 5 1 & 5 1 00004",
                               "potential a 2 1 & 2 2 00012", "working a 5 1 & 5 5 00013", "social a 4 1 & 4 4 00014"]),
            (.nounIndex, ["desperate n 1 1 @ 1 1 00005", "local n 2 1 @ 2 1 00006", "green n 8 1 @ 8 2 00007", "family n 3 1 @ 3 3 00008",
                          "care n 6 1 @ 6 5 00009", "dementia n 1 1 @ 1 1 00010", "community n 2 1 @ 2 2 00011",
                          "potential n 1 1 @ 1 1 00015", "working n 1 1 @ 1 0 00016", "social n 1 1 @ 1 1 00017"])])
        XCTAssertTrue(lexicon.isMostlyAdjective("desperate") && lexicon.isMostlyAdjective("local"))
        // Nor a noun workplaces put last ("Growth potential"), nor an "-ing" form ("Remote working").
        for word in ["green", "solar", "family", "families", "potential", "working"] { XCTAssertFalse(lexicon.isMostlyAdjective(word), word) }
        // Spanish puts the describing word after its noun: "seguridad social" stays a phrase.
        let spanishPhrases = phrases(["la seguridad social de los trabajadores", "necesitamos seguridad social para las familias",
                                      "la seguridad social cuesta mucho para las empresas"], lexicon: lexicon)
        XCTAssertTrue(lexicon.isMostlyAdjective("social") && spanishPhrases.contains("seguridad social"), "\(spanishPhrases)")
        let texts = ["families desperate for help with dementia care", "dementia care for families at home",
                     "community solar for the care homes", "desperate families call us every day"]
        let without = phrases(texts, lexicon: nil), with = phrases(texts, lexicon: lexicon)
        XCTAssertTrue(without.contains("families desperate"), "the case the rule is for: \(without)")
        XCTAssertFalse(with.contains("families desperate"))
        XCTAssertTrue(with.contains("desperate families") && with.contains("community solar"), "\(with)")
    }

    func testNamesTypedInLowerCaseAreWrittenWithTheirCapital() {
        // WordNet's data files: a licence header, then "offset lex_filenum ss_type w_cnt word lex_id …".
        let nouns = "  1 This software and database is being provided\n"
            + "09208496 15 n 01 Asia 0 003 @ 09239740 n 0000 | the largest continent\n"
            + "03005231 06 n 02 china 0 chinaware 0 001 @ 03005 n 0000 | dishware\n08860123 15 n 01 China 0 000 | a country\n"
            + "02787772 06 n 01 bank 0 000 | a financial institution\n08900000 15 n 01 Banks 0 000 | an island\n"
            + "13622000 23 n 01 eV 0 000 | electron volt\n08100000 14 n 01 OSHA 0 000 | an agency\n"
        let lexicon = TitleLexicon(adjectiveIndex: "", otherIndexes: [], dataFiles: [nouns])
        XCTAssertEqual(lexicon.properName("asia"), "Asia")
        XCTAssertEqual(lexicon.properName("osha"), "OSHA")
        XCTAssertNil(lexicon.properName("china"), "also a common word: as typed")
        XCTAssertNil(lexicon.properName("banks"), "the plural of a common word")
        XCTAssertNil(lexicon.properName("ev"), "mixed case (eV): an EV on a wall")
        XCTAssertEqual(lexicon.properlyCased("Vendors, OEMs & asia"), "Vendors, OEMs & Asia")
        XCTAssertEqual(lexicon.properlyCased("Fine china & banks"), "Fine china & banks")
        // A title's first word arrives sentence-cased: an acronym still gets its capitals, a name keeps its one.
        XCTAssertEqual(lexicon.properlyCased("Osha rules & fines"), "OSHA rules & fines")
        XCTAssertEqual(lexicon.properlyCased("Asia freight"), "Asia freight")
        XCTAssertEqual(lexicon.properlyCased("China & banks"), "China & banks", "not a name only: as written")
        // On a wall: the title the titler picks keeps its words, with the names capitalised.
        let texts = ["customers pulling out of asia", "asia freight takes 16 weeks", "reshoring from asia"]
        let w = wall(texts)
        let t = ThemeTitler.title(for: Array(w.notes.indices), on: w, space: WallSpace(vectors: w.notes.map(\.vector), texts: texts),
                                  avoiding: [], lexicon: lexicon)
        XCTAssertTrue(t.contains("Asia") && !t.contains("asia"), t)
    }

    func testACommonWordCapitalisedOnlyAtTheStartOfANoteIsWrittenInLowerCase() {
        // Nobody typed "truck" or "shuttle" in lower case on this wall; WordNet writes them only
        // in lower case, so their capital is the sentence's: "Rail crossing & truck drivers".
        let nouns = "  1 This software and database is being provided\n"
            + "04490091 06 n 01 truck 0 000 | an automotive vehicle\n04187547 06 n 01 shuttle 0 000 | a bus\n"
            + "08900001 15 n 01 Brownsville 0 000 | a city\n09300001 15 n 01 Highlands 0 000 | a region\n"
            + "09300002 09 n 01 highland 0 000 | elevated land\n01300003 05 n 01 eagle 0 000 | a bird\n"
        let lexicon = TitleLexicon(adjectiveIndex: "", otherIndexes: [], dataFiles: [nouns])
        XCTAssertTrue(lexicon.isCommonWord("truck") && lexicon.isCommonWord("trucks") && lexicon.isCommonWord("shuttle"))
        XCTAssertFalse(lexicon.isCommonWord("brownsville"), "a name")
        XCTAssertTrue(lexicon.isCommonWord("highland") && lexicon.isCommonWord("eagles"))
        XCTAssertFalse(lexicon.isCommonWord("highlands"), "a plural WordNet also writes as a name keeps its capital")
        XCTAssertEqual(lexicon.commonWordCount, 4)
        let texts = ["Truck drivers with a CDL are scarce", "Trucks wait hours at the rail crossing", "Shuttle for second shift workers",
                     "Brownsville needs a bus line", "Eagle Pass bridge delays", "Highlands clinics need a shuttle"]
        let w = wall(texts)
        let (_, surfaces) = try! XCTUnwrap(ThemeTitler.candidates(for: Array(w.notes.indices), on: w, space: WallSpace(w.notes),
                                                                  vocabulary: WallVocabulary(w, lexicon: lexicon)))
        XCTAssertEqual(surfaces["truck drivers"].map(ThemeTitler.surface), "truck drivers")
        XCTAssertEqual(surfaces["trucks"].map(ThemeTitler.surface), "trucks")
        XCTAssertEqual(surfaces["shuttle"].map(ThemeTitler.surface), "shuttle")
        XCTAssertEqual(surfaces["brownsville"].map(ThemeTitler.surface), "Brownsville", "a name keeps its capital")
        XCTAssertEqual(surfaces["eagle pass"].map(ThemeTitler.surface), "Eagle Pass", "a name of two words, the first a common one")
        XCTAssertEqual(surfaces["highlands clinics"].map(ThemeTitler.surface), "Highlands clinics")
        // Without the lexicon, a word only ever typed with a capital keeps it (it may be a name).
        let (_, asTyped) = try! XCTUnwrap(ThemeTitler.candidates(for: Array(w.notes.indices), on: w, space: WallSpace(w.notes),
                                                                 vocabulary: WallVocabulary(w)))
        XCTAssertEqual(asTyped["truck drivers"].map(ThemeTitler.surface), "Truck drivers")
    }

    func testTheLexiconKeepsOnlyAdjectivesThatAreNeverAnythingElse() {
        // The shape of WordNet's index files: a licence header indented by two spaces, then a
        // lemma and its data per line.
        let adj = "  1 This software and database is being provided\nindoor a 1 0 1 0 00000001\nelectric a 3 0 3 0 00000002\n"
            + "clean a 20 0 20 0 00000003\nhigh_level a 1 0 1 0 00000004\n"
        let noun = "  1 licence\nelectric n 1 0 1 0 00000005\n", verb = "clean v 5 0 5 0 00000006\n"
        let lexicon = TitleLexicon(adjectiveIndex: adj, otherIndexes: [noun, verb])
        XCTAssertTrue(lexicon.isOnlyAdjective("indoor"))
        XCTAssertFalse(lexicon.isOnlyAdjective("electric"), "also a noun")
        XCTAssertFalse(lexicon.isOnlyAdjective("clean"), "also a verb")
        XCTAssertFalse(lexicon.isOnlyAdjective("high_level"), "several words")
        XCTAssertFalse(lexicon.isOnlyAdjective("1"), "the licence header is no lemma")
        XCTAssertEqual(lexicon.adjectiveCount, 1)
    }

    func testATitleNeverEndsOnOrIsAVerbTheNotesUse() {
        // "hire" is used as a verb on this wall ("hard to hire", "we hire"): not a title's last word.
        let texts = ["hard to hire welders for second shift", "we hire and they leave in a month", "can't hire fast enough",
                     "second shift pay is too low", "nobody wants second shift"]
        let w = wall(texts)
        XCTAssertTrue(WallVocabulary(w).verbs.contains("hire"))
        XCTAssertFalse(WallVocabulary(w).verbs.contains("shift"), "a noun after a determiner is no verb")
        let t = title(texts).lowercased()
        XCTAssertNotEqual(t.split(separator: " ").last, "hire", t)
        XCTAssertFalse(t.hasPrefix("hire &"), t)
        // A plural subject and its verb are no title: "Trucks wait".
        let trucks = title(["Trucks wait hours at the rail crossing", "trucks wait for the train every morning", "truck drivers are scarce"])
        XCTAssertFalse(trucks.lowercased().hasSuffix("wait") || trucks.lowercased().contains("wait &"), trucks)
        // "Jobs exist" (a walk-through's title, from "Teachers dont know these jobs exist").
        let jobs = title(["Teachers dont know these jobs exist", "kids dont know these jobs exist here", "career days for wind tech jobs"])
        XCTAssertFalse(jobs.lowercased().hasSuffix("exist") || jobs.lowercased().contains("exist &"), jobs)
        // "access to capital": "to" after a noun starts no verb.
        XCTAssertFalse(WallVocabulary(wall(["access to capital is thin", "access to capital for startups"])).verbs.contains("capital"))
    }

    func testPhrasesAlreadyEmbeddedAreNotEmbeddedAgain() {
        final class Counting: PhraseEmbedding, @unchecked Sendable {
            var embedded: [String] = []
            func embed(_ phrases: [String]) -> [[Float]] { embedded += phrases; return phrases.map(ConceptEmbedding.housingAndChildcare.vector) }
        }
        let model = Counting()
        let cache = CachedPhraseEmbedding(model, capacity: 3)
        let first = cache.embed(["housing", "childcare", "housing"])
        XCTAssertEqual(model.embedded, ["housing", "childcare"])
        let second = cache.embed(["childcare", "rent"])
        XCTAssertEqual(model.embedded, ["housing", "childcare", "rent"])
        XCTAssertEqual(first[1], second[0])
        XCTAssertEqual(second[1], ConceptEmbedding.housingAndChildcare.vector("rent"))
        _ = cache.embed(["daycare", "kids"])   // past its capacity it starts afresh
        _ = cache.embed(["housing"])
        XCTAssertEqual(model.embedded.last, "housing")
    }
    func testATitleNeverRunsAcrossPunctuation() {
        // "diapers, cleaning" recurs but is no phrase; each note's own phrases are.
        let t = title(["we buy diapers, cleaning supplies alone", "diapers, cleaning and food cost us too much",
                       "bulk diapers, cleaning supplies for every center"]).lowercased()
        XCTAssertFalse(t.contains("diapers cleaning"), t)
        XCTAssertEqual(ThemeLabeler.wordsAndBreaks("insurance, none (yet)").map(\.breakBefore), [false, true, true])
        // Dashes between words end a phrase too; a hyphen inside a word does not.
        XCTAssertEqual(ThemeLabeler.wordsAndBreaks("weddings - barns — venues – e-bikes = money").map(\.breakBefore),
                       [false, true, true, true, true])
        let dashed = title(["destination weddings - barns are booked", "weddings - barns and lakefront venues",
                            "more weddings - barns and tents"]).lowercased()
        XCTAssertFalse(dashed.contains("weddings barns"), dashed)
        // A plus that ends a word is part of its name ("Sec+" is no fragment "Sec"); a plus
        // between two words still separates them.
        XCTAssertEqual(ThemeLabeler.wordsAndBreaks("Sec+ / CySA+ bootcamps, C++ devs").map(\.surface), ["Sec+", "CySA+", "bootcamps", "C++", "devs"])
        XCTAssertEqual(ThemeLabeler.wordsAndBreaks("welders+electricians").map(\.surface), ["welders", "electricians"])
        XCTAssertEqual(ThemeLabeler.wordsAndBreaks("welders+electricians").map(\.breakBefore), [false, true])
    }
    func testTwoThemesNeverKeepTheSameTitle() {
        // A proposal's new theme was titled when proposed; meanwhile another theme got the
        // same title. Any retitling pass gives the later one a title of its own.
        var w = wall(["housing for workers", "rent is too high", "no apartments near the plant",
                      "childcare for night shift", "daycare closes too early", "childcare costs"])
        w.themes = [WallTheme(id: "A", label: "Housing & rent"), WallTheme(id: "B", label: "Housing & rent")]
        for i in 0..<3 { w.notes[i].theme = "A" }
        for i in 3..<6 { w.notes[i].theme = "B" }
        let changes = MeetingGrouping().retitle(w, themes: [])
        XCTAssertEqual(changes.count, 1, "\(changes)")
        guard case let .relabel(theme, label)? = changes.first else { return XCTFail("\(changes)") }
        XCTAssertEqual(theme, "B")
        XCTAssertNotEqual(ThemeTitler.normalizedKey(label), ThemeTitler.normalizedKey("Housing & rent"), label)
    }
}
