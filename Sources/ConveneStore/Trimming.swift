extension StringProtocol {
    /// Without the white space (spaces, tabs, line breaks) at either end: what a key, a URL
    /// or a password read from a file means. (FoundationEssentials has no `trimmingCharacters`.)
    public var trimmedOfWhiteSpace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    /// Without the line breaks at either end (a password may begin or end with a space).
    public var trimmedOfLineBreaks: String {
        guard let first = firstIndex(where: { !$0.isNewline }), let last = lastIndex(where: { !$0.isNewline }) else { return "" }
        return String(self[first...last])
    }
}
