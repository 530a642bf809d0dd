import ConveneClustering
@testable import ConveneEmbedding
import Foundation
import XCTest

/// Spanish notes read through Apertium's translation (real Apertium, real model): a Spanish
/// note lands with the English notes that say the same thing.
final class SpanishReadingTests: XCTestCase {
    private func translator() throws -> SpanishTranslator {
        guard let translator = SpanishTranslator() else {
            if ProcessInfo.processInfo.environment["CONVENE_REQUIRE_MODEL"] == "1" {
                XCTFail("Apertium's Spanish → English is missing; scripts/setup.sh installs apertium-eng-spa")
            }
            throw XCTSkip("apertium-eng-spa not installed (scripts/setup.sh)")
        }
        return translator
    }

    private func embedder() throws -> SentenceEmbedder {
        guard FileManager.default.fileExists(atPath: ParityTests.modelDirectory + "/model.safetensors") else {
            if ProcessInfo.processInfo.environment["CONVENE_REQUIRE_MODEL"] == "1" { XCTFail("model missing; scripts/fetch-model.sh") }
            throw XCTSkip("model not fetched (scripts/fetch-model.sh)")
        }
        return try SentenceEmbedder(modelDirectory: ParityTests.modelDirectory)
    }

    func testTranslatesEachTextInOrder() throws {
        let english = try XCTUnwrap(try translator().english([
            "necesitamos más soldadores", "vivienda para los trabajadores\nde temporada", "", "el agua",
        ]))
        XCTAssertEqual(english.count, 4, "one line back per text, a line break inside a text included")
        XCTAssertTrue(english[0].lowercased().contains("more"), english[0])
        XCTAssertTrue(english[1].lowercased().contains("workers"), english[1])
        XCTAssertTrue(english[3].lowercased().contains("water"), english[3])
    }

    func testWordsTypedWithoutTheirAccentsAreRead() throws {
        // As phones type them: no accents, no ñ.
        let english = try XCTUnwrap(try translator().english([
            "guarderia para los ninos en temporada alta", "despues del huracan todos quieren techos nuevos",
        ])).map { $0.lowercased() }
        XCTAssertTrue(english[0].contains("nursery") || english[0].contains("childcare"), english[0])
        XCTAssertTrue(english[0].contains("children") || english[0].contains("boys"), english[0])
        XCTAssertTrue(english[1].contains("after") && english[1].contains("hurricane"), english[1])
        XCTAssertFalse(english.joined().contains("*"), "Apertium's marks are taken out")
    }

    /// Apertium's dictionary knows "equipo" as a squad, "capacitación" as enabling, "permisos" as
    /// permissions: the workplace's senses are put in their place (a walk-through's "Share squad
    /// of bottled among distilleries" was filed under farm tours).
    func testTheWorkplacesSensesOfWordsApertiumKnowsOtherwise() throws {
        let english = try XCTUnwrap(try translator().english([
            "Compartir equipo de embotellado entre destilerías", "Capacitación de seguridad alimentaria en español",
            "los permisos del condado tardan demasiado", "falta mano de obra", "seguro médico para los empleados",
            "Muchos jóvenes buscan trabajo estable con beneficios",
        ])).map { $0.lowercased() }
        XCTAssertTrue(english[0].contains("equipment") && !english[0].contains("squad"), english[0])
        XCTAssertTrue(english[1].contains("training") && english[1].contains("food safety"), english[1])
        XCTAssertTrue(english[2].contains("permits"), english[2])
        XCTAssertTrue(english[3].contains("labour") && !english[3].contains("sure"), "each text alone, though Apertium reorders words across a line break: \(english[3])")
        XCTAssertTrue(english[4].contains("health insurance"), english[4])
        XCTAssertTrue(english[5].contains("benefits") && !english[5].contains("profit"), "a walk-through's console read “profits”: \(english[5])")
    }

    func testWorkplaceFixesMatchWholeWordsAndKeepACapital() {
        XCTAssertEqual(ApertiumWorkplaceEnglish.corrected("Enabling of alimentary security in Spanish!!"), "Training of food safety in Spanish!!")
        XCTAssertEqual(ApertiumWorkplaceEnglish.corrected("The permissions of the county"), "The permits of the county")
        XCTAssertEqual(ApertiumWorkplaceEnglish.corrected("Lacking hand of work, hand-of-work, handsome"), "Lacking labour, hand-of-work, handsome")
        XCTAssertEqual(ApertiumWorkplaceEnglish.corrected("squadron and squads"), "squadron and equipment", "whole words only")
        XCTAssertEqual(ApertiumWorkplaceEnglish.corrected(""), "")
    }

    func testAccentRestorationHelpers() {
        XCTAssertEqual(SpanishTranslator.unknownWords(in: "We need *mecanicos for the *Huracan, 3*4"), ["mecanicos", "huracan"])
        XCTAssertTrue(SpanishTranslator.accentedSpellings("despues").contains("después"))
        XCTAssertTrue(SpanishTranslator.accentedSpellings("ninos").contains("niños"))
        XCTAssertEqual(SpanishTranslator.accentedSpellings("está"), [], "already accented")
        XCTAssertEqual(SpanishTranslator.accentedSpellings(String(repeating: "a", count: 40)), [], "no long word is tried")
        XCTAssertEqual(SpanishTranslator.respelled("Despues del huracan, despues.", ["despues": "después", "huracan": "huracán"]),
                       "Después del huracán, después.")
        XCTAssertEqual(SpanishTranslator.withoutMarks("*guarderia For the #boys, 3*4 and @maria's e-mail a*b"),
                       "guarderia For the boys, 3*4 and maria's e-mail a*b")
    }

    func testHostileTextStillComesBackOnePerLine() throws {
        // Apertium's own markup characters and a long run of them must not shift the lines.
        let texts = ["^hola$ [los] {trabajadores} <b>\\ / @ #", String(repeating: "[", count: 280), "nul\u{0}y\r\u{85}\u{2028}fin", "agua \u{FFFF} agua",
                     "los permisos de la ciudad"]
        let english = try XCTUnwrap(try translator().english(texts))
        XCTAssertEqual(english.count, 5)
        XCTAssertTrue(english[3].lowercased().contains("water"), "Apertium stops reading at U+FFFF: \(english[3])")
        XCTAssertTrue(english[4].lowercased().contains("city"), english[4])
    }

    /// Three English themes and, for each, a Spanish note that says the same in other words:
    /// it joins that theme, not the other Spanish notes.
    func testASpanishNoteJoinsTheEnglishNotesThatSayTheSame() throws {
        let model = try embedder(), translator = try translator()
        let themes = [
            ["welders and pipefitters are impossible to hire", "we can't find certified electricians anywhere"],
            ["rent in town is too high for new hires", "nowhere affordable for young workers to live"],
            ["city permits take months to approve", "inspections and licences slow every new project"],
        ]
        let spanish = [
            "necesitamos más soldadores y electricistas certificados",
            "no hay vivienda accesible para los trabajadores nuevos",
            "los permisos de la ciudad tardan meses en aprobarse",
        ]
        let centres = themes.map { notes in
            model.embed(notes).reduce([Float](repeating: 0, count: SentenceEmbedder.dimensions)) { zip($0, $1).map { $0 + $1 } }
        }
        func closest(_ v: [Float]) -> Int { centres.indices.max { cosine(v, centres[$0]) < cosine(v, centres[$1]) }! }
        let read = ModelReading.texts(spanish, translate: { translator.english($0) })
        XCTAssertNotEqual(read, spanish, "the Spanish notes are read in English")
        let vectors = model.embed(read)
        for (i, vector) in vectors.enumerated() {
            XCTAssertEqual(closest(vector), i, "\(spanish[i]) → \(read[i])")
            // Read as typed, each of these notes is nearer the other Spanish notes (cosine
            // 0.44–0.48) than its own theme (0.16–0.28): a wall would group them by language.
            for j in vectors.indices where j != i {
                XCTAssertGreaterThan(cosine(vector, centres[i]), cosine(vector, vectors[j]),
                                     "\(spanish[i]) is nearer \(spanish[j]) than the English notes that say the same")
            }
        }
    }
}
