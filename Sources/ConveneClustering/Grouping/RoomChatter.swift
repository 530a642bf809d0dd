import ConveneLanguage

/// Notes that say nothing about the industry: greetings, thanks, praise for the room, "+1".
/// A facilitator parks them; the engine leaves them in Unsorted instead of filing
/// "thanks for organizing this" under a strategy area (before, 7 of the 25 notes the
/// facilitators of the 14 meeting walls park landed in themes this way).
///
/// A note is chatter when every word it carries beyond the common small words is one of
/// the room's social words below — no word of any industry. The list is the language of a
/// room, not of one wall: on the meeting walls it catches none of the 411 notes the
/// facilitators sort; on the 35,803 notes of the public sets, 84, all greetings, thanks and
/// yes/no replies to a chat assistant (`clinc`). A greeting with who it comes from ("hello
/// from the solar guys") is small talk too: on the public sets, the 14 shared walls and the
/// six held-out ones (36,418 notes), that rule and "cheers", "whoever", "brought" catch the
/// three such notes of the held-out walls and no other note. "See", "meet" and a few more words of
/// praise (a walk-through's "thanks for organizing this, great to see everyone in one room!"
/// was filed in a theme) add four notes of the public sets, all "nice to see you".
public enum RoomChatter {
    static let socialWords: Set<String> = [
        // Thanks and praise.
        "thanks", "thank", "thx", "ty", "appreciate", "appreciated", "great", "good", "nice", "glad", "happy", "excited",
        "exciting", "love", "loved", "awesome", "amazing", "cool", "fun", "welcome", "wonderful", "fantastic", "pleasure",
        "kudos", "thrilled",
        // Greetings.
        "hello", "hi", "hey", "morning", "afternoon", "evening", "everyone", "everybody", "folks", "today", "y'all", "yall",
        "see", "seeing", "meet", "coming", "came", "attending", "joining",   // "thx everyone for coming" (a walk-through's, filed under an area)
        // The meeting itself.
        "meeting", "meetings", "session", "turnout", "room", "organizing", "organized", "organizer", "organizers",
        "hosting", "host", "hosted", "coffee", "donuts", "snacks", "finally", "far", "together", "be",
        "cheers", "whoever", "brought", "bringing", "greetings", "howdy", "saludos",
        "btw",
        "invite", "invited", "invitation", "inviting", "invitación", "invitacion",
        // Agreement.
        "agree", "agreed", "ditto", "same", "exactly", "yes", "yeah", "yep", "ok", "okay", "lol", "haha",
        // The same in Spanish (two of the walls are a fifth in Spanish).
        "gracias", "hola", "buenos", "buenas", "días", "dias", "tardes", "bien", "buena", "bueno", "excelente", "genial", "gusto",
        "todos", "todas", "reunión", "reunion", "café", "cafe", "acuerdo", "sí", "si", "claro", "jaja",
        "organizar", "organizado", "organizada", "organizadores", "evento", "juntos", "aquí", "aqui", "verlos", "verlas",
        "encantado", "encantada", "felicidades", "felicitaciones", "bienvenidos", "bienvenidas",
    ]

    /// The room's food: small talk only beside a social word and with no need in it ("who's
    /// bringing lunch lol" was filed under an area and named in its title on a walk-through's
    /// wall; "need breakfast for the night shift's kids" and a bakery's "Cookies & snacks" are
    /// notes). None of the 36,418 notes of the public sets and the walls is made of these and
    /// the social words alone; "dinner" and "password" were left out: the public sets use them
    /// so ("what can i make for dinner").
    static let foodWords: Set<String> = ["lunch", "lunches", "breakfast", "pizza", "bagels", "cookies", "doughnuts", "snack",
                                         "almuerzo", "desayuno"]
    static let foodAmongSocialWords: Set<String> = ["coffee", "donuts", "snacks", "café", "cafe"]
    /// Words that make food a need, not small talk.
    static let needWords: Set<String> = ["need", "needs", "needed", "want", "wants", "more", "no", "not", "free", "healthy",
                                         "necesitamos", "necesita", "necesitan", "falta", "faltan", "más", "mas"]

    /// Words that open a greeting.
    static let greetings: Set<String> = ["hi", "hello", "hey", "morning", "afternoon", "evening", "greetings", "howdy",
                                         "hola", "saludos", "días", "dias", "tardes"]
    /// Most words a greeting's "from …" may carry: who is greeting ("the nursing home crew").
    static let introductionWords = 5
    /// Words that make what follows "from" a sentence, not a name: phones leave out the
    /// punctuation, and "hello from HR we need welders" is a note.
    static let clauseWords: Set<String> = [
        "we", "i", "they", "you", "our", "need", "needs", "needed", "want", "wants", "wanted", "is", "are", "was", "were",
        "no", "not", "nobody", "cant", "can't", "cannot", "can", "have", "has", "had", "hiring", "looking", "lost", "short",
        "necesitamos", "necesita", "necesitan", "tenemos", "hay", "falta", "faltan", "buscamos", "queremos", "es", "son",
        "está", "esta", "están", "estan", "nadie",
    ]

    /// True for small talk: social words only (or no word at all: "+1", "👍"), or a greeting
    /// and who it comes from ("hello from the solar guys ☀️", "good morning from the nursing
    /// home crew!"). A second sentence, or more than a few words after "from", is no longer
    /// an introduction ("hi from Acme, we need welders"). `plusOne`: the note opens with "+1"
    /// (the plus is no part of a word).
    static func isChatter(keys: [String], breakBefore: [Bool], plusOne: Bool = false) -> Bool {
        isSmallTalk(keys: keys) || isIntroduction(keys: keys, breakBefore: breakBefore)
            || isEcho(keys: keys, breakBefore: breakBefore, plusOne: plusOne) || isFoodTalk(keys: keys)
    }

    /// Social words and the room's food, with at least one of each and no need (`foodWords`).
    static func isFoodTalk(keys: [String]) -> Bool {
        let food = keys.filter(foodWords.contains)
        let rest = keys.filter { !foodWords.contains($0) }
        // (The social word is no food itself: "coffee", "snacks" and "donuts" are social words.)
        return !food.isEmpty && !keys.contains(where: needWords.contains) && isSmallTalk(keys: rest)
            && rest.contains { key in
                let word = key.hasSuffix("'s") ? String(key.dropLast(2)) : key
                return socialWords.contains(word) && !foodAmongSocialWords.contains(word)
            }
    }

    /// Words that open agreement with another note, and pairs of words ("same" alone opens
    /// "same-day delivery", "second" "second chance hiring": they open agreement only as
    /// "same as", "second that").
    static let agreementOpeners: Set<String> = ["ditto", "agree", "agreed", "seconded", "x2", "apoyo"]
    static let agreementOpenerPairs: Set<[String]> = [["me", "too"], ["i", "agree"], ["i", "second"], ["totally", "agree"],
                                                      ["also", "agree"], ["same", "as"], ["same", "here"], ["second", "that"],
                                                      ["second", "this"], ["second", "the"], ["echo", "that"], ["echo", "the"],
                                                      ["echoing", "the"], ["lo", "mismo"], ["de", "acuerdo"], ["igual", "que"]]
    /// Words that point back at another note.
    static let pointers: Set<String> = ["above", "comment", "comments", "said", "point", "earlier", "previous", "re", "mentioned",
                                        "arriba", "comentario", "dijo", "anterior"]

    /// A vote for another note, in one breath: it opens by agreeing and points back at what
    /// it agrees with ("+1 to the hospital comment", "same as above re wages", "agree with
    /// Maria's point"). A walk-through's two such notes were filed in themes; a facilitator
    /// parks them. One that goes on to say something ("agree with the comment above, we also
    /// need welders") is a note; so are "second chance hiring for people with previous
    /// convictions" and "+10 years experience". On the 14 shared walls, held-out set 1 and the
    /// public sets (36,418 notes) the rule catches two, both "i agree with the truth of what
    /// you just said".
    static func isEcho(keys: [String], breakBefore: [Bool], plusOne: Bool) -> Bool {
        guard let first = keys.first, !breakBefore.contains(true) else { return false }
        let opens = plusOne || agreementOpeners.contains(first) || agreementOpenerPairs.contains(Array(keys.prefix(2)))
        return opens && (keys.dropFirst().contains(where: pointers.contains) || isVoteForATopic(keys: keys, plusOne: plusOne))
    }

    /// Words that open what a "+1" votes for.
    static let voteWords: Set<String> = ["to", "for", "on", "a", "al", "para", "por"]
    /// Most words a vote names its topic with (more is an idea of its own: "+1 for CDL training
    /// at the high school").
    static let voteTopicWords = 3

    /// "+1 to the crew directory", "+1 for childcare": a vote for what another note said, in a
    /// few words, not a note of its own (a walk-through's was drawn out of Unsorted into the
    /// column the facilitator named "Crew and talent pipeline"). The topic is no sentence ("+1
    /// to that, we need welders too" is a note: the break; "+1 for housing we cant hire" too:
    /// a clause word). None of the 36,418 notes of the public sets and the walls opens so.
    static func isVoteForATopic(keys: [String], plusOne: Bool) -> Bool {
        // (The "1" of "+1" is the first key.)
        guard plusOne, keys.count >= 3, keys[0] == "1", voteWords.contains(keys[1]) else { return false }
        let topic = keys.dropFirst(2).filter {
            !(EnglishWords.stopWords.contains($0) || Language.spanishFunctionWords.contains($0)) || clauseWords.contains($0)
        }
        return !topic.isEmpty && topic.count <= voteTopicWords && !topic.contains(where: clauseWords.contains)
    }

    static func isIntroduction(keys: [String], breakBefore: [Bool]) -> Bool {
        guard let from = keys.firstIndex(where: { $0 == "from" || $0 == "desde" }), from >= 1,
              keys[..<from].contains(where: greetings.contains), isSmallTalk(keys: Array(keys[..<from])) else { return false }
        let rest = (from + 1)..<keys.count
        return !rest.isEmpty && rest.count <= introductionWords && !rest.contains { breakBefore[$0] || clauseWords.contains(keys[$0]) }
    }

    /// True for a note of social words only (or of no word at all: "+1", "👍").
    static func isSmallTalk(keys: [String]) -> Bool {
        keys.allSatisfy { key in
            let word = key.hasSuffix("'s") ? String(key.dropLast(2)) : key
            return EnglishWords.stopWords.contains(word) || Language.spanishFunctionWords.contains(word)
                || socialWords.contains(word) || word.allSatisfy(\.isNumber)
        }
    }
}
