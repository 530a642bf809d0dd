/// English words that say nothing of a note's subject: they never start or end a title, never
/// count as a note's word for the lexical blend or small talk, and tell English from Spanish.
public enum EnglishWords {
    public static let stopWords: Set<String> = [
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "between", "both", "but", "by", "can", "cannot", "could", "did", "do",
        "does", "doing", "don't", "down", "during", "each", "few", "for", "from", "further", "get", "got", "had",
        "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
        "its", "it's", "just", "let", "lot", "lots", "me", "more", "most", "much", "must", "my", "need", "needs", "no", "nor", "not", "now",
        "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "really", "same", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "want", "was", "we", "were",
        "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
        "can't", "won't", "isn't", "aren't", "there's", "we're", "we've", "they're", "etc", "like", "make", "many",
        "new", "one", "two", "way", "ways", "better", "good", "great", "big", "people", "thing", "things", "way",
    ]
}
