@testable import ConveneClustering
import XCTest
import ConveneLanguage

/// Which notes the embedder reads in translation: only Spanish ones, each in its place.
final class ModelReadingTests: XCTestCase {
    let wall = [
        "welders are impossible to find",
        "vivienda para los trabajadores de temporada",
        "rent in town is $1400",
        "los permisos del condado tardan demasiado",
        "¡gracias a todos!",
    ]

    func testOnlySpanishNotesAreTranslatedAndKeepTheirPlace() {
        var asked: [String] = []
        let read = ModelReading.texts(wall) { texts in asked = texts; return texts.map { "EN " + $0 } }
        XCTAssertEqual(asked, [wall[1], wall[3]], "English notes, and a greeting too short to tell, are never sent")
        XCTAssertEqual(read, [wall[0], "EN " + wall[1], wall[2], "EN " + wall[3], wall[4]])
    }

    func testAFailedOrShortTranslationLeavesEveryNoteAsTyped() {
        XCTAssertEqual(ModelReading.texts(wall) { _ in nil }, wall)
        XCTAssertEqual(ModelReading.texts(wall) { texts in Array(texts.dropLast()) }, wall, "a line lost: nothing is trusted")
        XCTAssertEqual(ModelReading.texts(wall, translate: nil), wall)
    }

    func testANoteTheTranslatorCannotTakeDoesNotStopTheOthers() {
        let notes = ["vivienda para los trabajadores", "los permisos del condado \u{FFFF}", "guardería para los niños en temporada"]
        var calls = 0
        let read = ModelReading.texts(notes) { texts in
            calls += 1
            return texts.contains(notes[1]) ? nil : texts.map { "EN " + $0 }
        }
        XCTAssertEqual(read, ["EN " + notes[0], notes[1], "EN " + notes[2]])
        XCTAssertLessThanOrEqual(calls, 5, "halves, not one call a note after another")
    }

    func testABlankTranslationKeepsTheNote() {
        let read = ModelReading.texts(wall) { texts in texts.map { _ in "  " } }
        XCTAssertEqual(read, wall)
    }

    func testNoTranslatorCallWithoutSpanish() {
        var calls = 0
        _ = ModelReading.texts(["welders", "housing for workers"]) { texts in calls += 1; return texts }
        XCTAssertEqual(calls, 0)
    }

    func testAShortSpanishNoteIsSpanishAndAnEnglishOneWithASpanishNameIsNot() {
        // A walk-through: two short Spanish opportunities went untranslated, and their words
        // into English titles ("Productos orgánicos & growing demand").
        for spanish in ["Demanda creciente de productos orgánicos", "Exportar conservas a México y Centroamérica",
                        "Capacitación en inocuidad"] {
            XCTAssertEqual(Language.guess(spanish), .spanish, spanish)
        }
        for english in ["Export to México and Canada", "Café owners need a pipeline of cooks", "Partner with Universidad de Oriente",
                        "Sí, the co-packing idea", "no", "Nutrition education for families", "Más workers needed"] {
            XCTAssertEqual(Language.guess(english), .english, english)
        }
    }

    /// Typed without accents and with few function words, a Spanish note shows no sign of
    /// Spanish: a phone set to Spanish says which language it is in, unless it has English
    /// words in it (a walk-through's EV charging notes were grouped under solar).
    func testAPhoneSetToSpanishTellsANoteWithoutSignsOfSpanish() {
        let plain = "Flotas municipales pasando a vehiculos electricos"
        XCTAssertEqual(Language.guess(plain), .english, "the case the hint is for")
        XCTAssertEqual(Language.guess(plain, writer: .spanish), .spanish)
        XCTAssertEqual(Language.guess("need more welders for the night shift", writer: .spanish), .english, "a Spanish phone may type English")
        XCTAssertEqual(Language.guess("EVSE", writer: .spanish), .english, "one word tells nothing")
        for english in ["Red tape permitting delays", "CNC machinists retiring", "Welding certification programs", "Industrial areas need fiber"] {
            XCTAssertEqual(Language.guess(english, writer: .spanish), .english, "no word shaped as Spanish: \(english)")
        }
        var asked: [String] = []
        let read = ModelReading.texts([plain, "EV charging along I-80"], writers: [.spanish, nil]) { texts in asked = texts; return texts.map { "EN " + $0 } }
        XCTAssertEqual(asked, [plain])
        XCTAssertEqual(read, ["EN " + plain, "EV charging along I-80"])
        XCTAssertEqual(NoteWords(plain, writer: .spanish).language, .spanish)
    }
}
