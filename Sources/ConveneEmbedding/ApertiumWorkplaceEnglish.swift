/// Apertium's English for the Spanish of the workplace, put right where its dictionary only
/// knows another sense. Its Spanish → English data translates "capacitación" (training) as
/// "enabling", "permisos" (permits) as "permissions", "equipo" (equipment) as "squad", "mano
/// de obra" (labour) as "hand of work", "seguridad alimentaria" (food safety) as "alimentary
/// security" and "seguro médico" (health insurance) as "sure doctor": a walk-through's console
/// read "Compartir equipo de embotellado entre destilerías" as "Share squad of bottled among
/// distilleries", and the grouping filed it under farm tours. The model reads the English, so
/// these readings decide where a Spanish note goes, and the console offers them as the note's
/// English for the summary.
///
/// Each entry is an English phrase Apertium writes for a Spanish word or phrase of the
/// workplace, and what that Spanish means there. The phrases come from Apertium's own
/// dictionary (its bilingual entries and what it writes for them), not from any meeting's
/// notes; they are whole words, matched without regard to case, and a phrase begun with a
/// capital keeps it.
enum ApertiumWorkplaceEnglish {
    static let fixes: [(apertium: [String], meant: String)] = [
        (["hand", "of", "work"], "labour"),
        (["alimentary", "security"], "food safety"),
        (["alimentary", "safety"], "food safety"),
        (["taken", "care", "childish"], "childcare"),
        (["care", "childish"], "childcare"),
        (["sure", "medical"], "health insurance"),
        (["sure", "doctor"], "health insurance"),
        (["sure", "of", "health"], "health insurance"),
        (["professional", "formation"], "vocational training"),
        (["technical", "enabling"], "technical training"),
        (["formation"], "training"),
        (["enabling"], "training"),
        (["permissions"], "permits"),
        (["permission"], "permit"),
        (["squads"], "equipment"),
        (["squad"], "equipment"),
        (["rotation", "of", "personnel"], "staff turnover"),
        (["vacant", "places"], "job openings"),
        (["financiamiento"], "financing"),
        // "beneficios" is the job's benefits in a room of employers ("trabajo estable con
        // beneficios"), which Apertium reads as profits; it writes "profit" for nothing else
        // ("ganancias" are gains, "lucro" lucre). A business note's "margen de beneficio" reads
        // "margin of benefit" then: a room of employers says benefits far more often.
        (["profits"], "benefits"),
        (["profit"], "benefit"),
    ]

    /// `line` with each phrase Apertium misread written as the workplace means it.
    static func corrected(_ line: String) -> String {
        // Words and what lies between them, in order: phrases are matched word by word.
        var tokens: [(text: String, isWord: Bool)] = []
        for c in line {
            let letter = c.isLetter || c == "-"
            if let last = tokens.last, last.isWord == letter { tokens[tokens.count - 1].text.append(c) } else { tokens.append((String(c), letter)) }
        }
        var out = "", i = 0
        while i < tokens.count {
            guard tokens[i].isWord, let (length, meant) = match(at: i, in: tokens) else {
                out += tokens[i].text
                i += 1
                continue
            }
            out += tokens[i].text.first?.isUppercase == true ? meant.prefix(1).uppercased() + meant.dropFirst() : meant
            i += length
        }
        return out
    }

    /// The longest fix whose words start at token `i` (separated by spaces only): how many
    /// tokens it covers, and its English.
    private static func match(at i: Int, in tokens: [(text: String, isWord: Bool)]) -> (Int, String)? {
        var best: (Int, String)?
        for fix in fixes {
            var t = i, ok = true
            for (k, word) in fix.apertium.enumerated() {
                if k > 0 {
                    guard t < tokens.count, !tokens[t].isWord, tokens[t].text == " " else { ok = false; break }
                    t += 1
                }
                guard t < tokens.count, tokens[t].isWord, tokens[t].text.lowercased() == word else { ok = false; break }
                t += 1
            }
            if ok, t - i > (best?.0 ?? 0) { best = (t - i, fix.meant) }
        }
        return best
    }
}
