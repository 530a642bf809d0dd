/// The facilitator sends the summary: to people on the recipient list only (participants who
/// consented, nominees with an e-mail), never twice to the same address.
extension MeetingState {
    func decideSendSummary(to requested: [String], appendix: Bool) throws(CommandError) -> Decision {
        var d = Decision()
        let allowed = Dictionary(summaryRecipients().map { ($0.email.lowercased(), $0.email) }, uniquingKeysWith: { a, _ in a })
        // Someone whose message is still on its way is not sent another.
        let sending = Set(mailings.flatMap { m in m.outcomes.filter { $0.value == .pending }.map { $0.key.lowercased() } })
        var chosen: [String] = []
        for e in requested {
            guard let email = allowed[e.lowercased()] else {
                throw CommandError(.invalid, "\(e) is not on the recipient list (participants who consented, and nominees with an e-mail).")
            }
            if !deliveredEmails.contains(email.lowercased()) && !sending.contains(email.lowercased()) && !chosen.contains(email) {
                chosen.append(email)
            }
        }
        guard !chosen.isEmpty else { throw CommandError(.conflict, "Everyone selected has already received the summary.") }
        let id = "mail\(seq + 1)"
        d.events = [.summarySendStarted(send: id, recipients: chosen, appendix: appendix)]
        d.reply = [("send", .string(id)), ("recipients", .array(chosen.map { .string($0) }))]
        return d
    }
}
