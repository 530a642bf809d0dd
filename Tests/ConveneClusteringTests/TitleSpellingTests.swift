@testable import ConveneClustering
import XCTest

/// How a title spells the notes' words: a typo never reaches the projected title (a
/// walk-through's wall showed "Small busines lending" to the room), and an acronym keeps its
/// capitals (another showed "Cna, nurses & TFCC" and "Nursing instructors & tfcc").
final class TitleSpellingTests: XCTestCase {
    /// WordNet's data files' shape: "offset lex_filenum ss_type w_cnt word lex_id … | gloss".
    static let nouns = "  1 This software and database is being provided\n"
        + "08061042 14 n 01 business 0 000 | a commercial enterprise\n"
        + "13413294 21 n 01 loan 0 000 | the temporary provision of money\n"
        + "13398953 21 n 01 capital 0 000 | wealth in the form of money\n"
        + "00091234 04 n 01 hike 0 000 | a long walk\n"
        + "01200000 04 n 01 building 0 000 | a structure\n"
        + "07200000 04 n 01 owner 0 000 | someone who owns\n"
        + "08900001 15 n 01 Brownsville 0 000 | a city\n14500000 26 n 01 cold 0 000 | low temperature\n"
        + "01300000 04 n 01 march 0 000 | a walk\n07300000 04 n 01 March 0 000 | a month\n"
    static let verbs = "  1 This software and database is being provided\n"
        + "02300001 40 v 01 hire 0 000 | engage for wages\n02300002 40 v 01 lend 0 000 | give temporarily\n"
        + "02300003 40 v 01 build 0 000 | make by combining materials\n02300004 40 v 01 match 0 000 | be equal\n"
    static let exceptions = "built build\nheld hold\n"
    let lexicon = TitleLexicon(adjectiveIndex: "  1 header\nsmall a 1 1 & 1 0 00001\n", otherIndexes: [],
                               dataFiles: [nouns, verbs, "  1 header\n00001 00 a 01 small 0 000 | little\n"], exceptionFiles: [exceptions])

    func wall(_ texts: [String]) -> Wall {
        Wall(notes: texts.enumerated().map { i, t in
            var v = [Float](repeating: 0.1, count: 8); v[i % 8] = 1
            return WallNote(id: "n\(i)", vector: Vectors.normalized(v), text: t)
        })
    }

    func testTheLexiconKnowsWordsAndTheirRegularForms() {
        for word in ["business", "businesses", "loans", "hiring", "hired", "lending", "building", "built", "held", "owners", "march", "smaller"] {
            XCTAssertTrue(lexicon.isKnownWord(word), word)
        }
        for typo in ["busines", "bussiness", "lonas", "hirring", "capitol"] { XCTAssertFalse(lexicon.isKnownWord(typo), typo) }
    }

    func testOneEditApart() {
        func apart(_ a: String, _ b: String) -> Bool { WallSpellings.oneEditApart(Array(a.utf8), Array(b.utf8)) }
        XCTAssertTrue(apart("busines", "business"), "a letter missing")
        XCTAssertTrue(apart("bussiness", "business"), "a letter extra")
        XCTAssertTrue(apart("capitol", "capital"), "a letter wrong")
        XCTAssertTrue(apart("lonas", "loans"), "two letters swapped")
        XCTAssertTrue(apart("loans", "loan"))
        XCTAssertFalse(apart("business", "business"))
        XCTAssertFalse(apart("bsuniess", "business"), "two edits")
        XCTAssertFalse(apart("hiring", "hiking-"))
    }

    func testATypoIsSpeltAsTheWallSpellsTheWord() {
        let texts = ["Busines loans are impossible to get for small firms", "small business owners need capital",
                     "Lending to small business dried up", "no bank will loan to a new business"]
        let w = wall(texts)
        let spellings = WallSpellings(w, lexicon: lexicon)
        XCTAssertEqual(spellings.corrections, ["busines": "business"])
        let title = ThemeTitler.title(for: Array(w.notes.indices), on: w, space: WallSpace(w.notes), avoiding: [], lexicon: lexicon)
        XCTAssertFalse(ThemeLabeler.words(title).contains { $0.key == "busines" }, title)
        let (_, surfaces) = try! XCTUnwrap(ThemeTitler.candidates(for: [0], on: w, space: WallSpace(w.notes),
                                                                  vocabulary: WallVocabulary(w, lexicon: lexicon)))
        XCTAssertNil(surfaces["busines"])
        XCTAssertEqual(surfaces["business loans"].map(ThemeTitler.surface), "business loans",
                       "the first note's phrase, spelt right (its capital only began the note)")
        // The misspelt note counts for the word spelt right: it is covered by "business".
        XCTAssertTrue(WallVocabulary(w, lexicon: lexicon).notes(covering: "business").contains(0))
    }

    func testWordsThatAreNotTyposStayAsTyped() {
        // Known words and their forms, a word nobody spells right, a name, a small word one
        // letter from a known one ("could", "cold"): none is "corrected".
        let texts = ["hiring is slow", "hiking trails bring visitors", "hiking and biking", "we built a new plant",
                     "build more housing", "build it here", "recuiting takes months", "Brownsvile is growing",
                     "Brownsville has land", "the march on city hall", "match funds from the state", "match the grant",
                     "cold storage", "we could share a cold room", "it could work",
                     // A consonant for another makes another word more often than a typo.
                     "esports arenas", "exports to Mexico", "exports grow", "upfit shops", "unfit roads", "unfit bridges"]
        let spellings = WallSpellings(wall(texts), lexicon: lexicon)
        XCTAssertEqual(spellings.corrections, [:], "\(spellings.corrections)")
    }

    func testATitleWithAWordOneConsonantAwayNoLongerFits() {
        // "Exports" over a column of "esports" notes is wrong, not a spelling of theirs.
        let w = wall(["esports arenas downtown", "esports teams travel", "busines owners"])
        XCTAssertFalse(MeetingGrouping.titleStillFits("Exports & arenas", members: [0, 1], on: w))
        XCTAssertTrue(MeetingGrouping.titleStillFits("Business owners", members: [2], on: w), "a spelling of its note's word fits")
    }

    /// "Small utilities & operaters retireing" was projected: one shouted note's typos, which no
    /// other note spells right (so nothing corrects them). A word WordNet does not know that
    /// only one note types is no title's; jargon two notes use, an acronym and a name stay.
    func testALoneUnknownWordIsNoTitlesWord() {
        let nouns = Self.nouns + "10300000 18 n 01 operator 0 000 | someone who operates\n"
            + "08300000 14 n 01 utility 0 000 | a public service\n10400000 18 n 01 kid 0 000 | a child\n"
        let verbs = Self.verbs + "02400000 40 v 01 retire 0 000 | stop working\n02400001 40 v 01 replace 0 000 | put in place of\n"
        let lexicon = TitleLexicon(adjectiveIndex: "  1 header\nsmall a 1 1 & 1 0 00001\n", otherIndexes: [],
                                   dataFiles: [nouns, verbs, "  1 header\n00001 00 a 01 small 0 000 | little\n"])
        let texts = ["OPERATERS RETIREING AND NO ONE TO REPLACE THEM", "small utilities cant find operators",
                     "drayage costs are up for small utilities", "drayage to the plant", "SCADA upgrades at Cedarville",
                     "kids dont know utilities hire"]
        let w = wall(texts)
        let vocabulary = WallVocabulary(w, lexicon: lexicon)
        XCTAssertEqual(vocabulary.loneUnknownWords, ["operaters", "retireing"], "not drayage (two notes), SCADA (an acronym), Cedarville (a name)")
        let (_, surfaces) = try! XCTUnwrap(ThemeTitler.candidates(for: Array(w.notes.indices), on: w, space: WallSpace(w.notes),
                                                                  vocabulary: vocabulary))
        XCTAssertFalse(surfaces.keys.contains { $0.contains("operaters") || $0.contains("retireing") }, "\(surfaces.keys.sorted())")
        XCTAssertTrue(surfaces.keys.contains("drayage") && surfaces.keys.contains("small utilities"), "\(surfaces.keys.sorted())")
        // Without WordNet every word would look unknown: nothing is left out.
        XCTAssertEqual(WallVocabulary(w, lexicon: nil).loneUnknownWords, [])
    }

    func testWithoutTheLexiconOrOnASpanishWallNothingIsCorrected() {
        let english = wall(["Small busines loans", "small business owners", "small business lending"])
        XCTAssertEqual(WallSpellings(english, lexicon: nil).corrections, [:])
        let spanish = wall(["necesitamos viviendas para los trabajadores", "vivienda para los trabajadores del campo",
                            "los trabajadores no tienen transporte", "guarderia para los hijos de los trabajadores"])
        XCTAssertEqual(WallSpellings(spanish, lexicon: lexicon).corrections, [:])
    }

    func testAnAcronymSomeoneTypedInCapitalsKeepsThemInATitle() {
        let nouns = Self.nouns + "03500000 06 n 01 rent 0 000 | a payment for housing\n"
        let lexicon = TitleLexicon(adjectiveIndex: "", otherIndexes: [], dataFiles: [nouns])
        let texts = ["cna classes are full", "need more cna and rn grads", "CNA pay is too low at nursing homes",
                     "NURSES AND CNAS KEEP QUITTING AT TFCC", "TFCC nursing program waitlist", "RENT is the issue for new cnas", "WE NEED NIGHT SHIFT AIDES NOW"]
        let w = wall(texts)
        let vocabulary = WallVocabulary(w, lexicon: lexicon)
        XCTAssertEqual(vocabulary.acronyms["cna"], "CNA")
        XCTAssertEqual(vocabulary.acronyms["tfcc"], "TFCC")
        XCTAssertNil(vocabulary.acronyms["rent"], "a known word in capitals is emphasis")
        XCTAssertNil(vocabulary.acronyms["nurses"], "a shouted note's words are no acronyms")
        XCTAssertNil(vocabulary.acronyms["aides"], "nor those of a note typed in capitals")
        XCTAssertEqual(vocabulary.acronym("cnas"), "CNAs", "the plural of an acronym")
        let (_, surfaces) = try! XCTUnwrap(ThemeTitler.candidates(for: Array(w.notes.indices), on: w, space: WallSpace(w.notes),
                                                                  vocabulary: vocabulary))
        XCTAssertEqual(surfaces["cna classes"].map(ThemeTitler.surface), "CNA classes", "typed in lower case, written as an acronym")
        XCTAssertEqual(surfaces["tfcc"].map(ThemeTitler.surface), "TFCC", "also where a shouted note has it")
        XCTAssertEqual(surfaces["cnas"].map(ThemeTitler.surface), "CNAs")
        // A word the lexicon knows, in capitals in one note, is emphasis: "need a JOB that pays".
        let emphasis = WallVocabulary(wall(["need a JOB that pays", "job fairs in the spring", "Is the job board free?"]),
                                      lexicon: TitleLexicon(adjectiveIndex: "", otherIndexes: [],
                                                            dataFiles: [Self.nouns + "08000000 04 n 01 job 0 000 | work\n"]))
        XCTAssertEqual(emphasis.acronyms, [:])
        // One note's "CDL" is an acronym even though WordNet knows "cd" (only a plural's "s" is dropped).
        let cdl = WallVocabulary(wall(["need CDL drivers", "cdl school is full", "drivers retire"]),
                                 lexicon: TitleLexicon(adjectiveIndex: "", otherIndexes: [],
                                                       dataFiles: [Self.nouns + "03000000 06 n 01 cd 0 000 | a compact disc\n"]))
        XCTAssertEqual(cdl.acronyms, ["cdl": "CDL"])
        let title = ThemeTitler.title(for: Array(w.notes.indices), on: w, space: WallSpace(w.notes), avoiding: [], lexicon: lexicon)
        for word in ["Cna", "cna", "Tfcc", "tfcc"] { XCTAssertFalse(title.split(separator: " ").contains { $0.hasPrefix(word) }, title) }
    }
}
