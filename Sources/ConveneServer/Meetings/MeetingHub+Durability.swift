import ConveneClustering
import ConveneCore
import ConveneJSON
import ConveneMail
import ConveneStemmer
import ConveneStore

/// Durability and publication: the writer thread reports what is on disk; only then are
/// senders acknowledged and screens sent the events.
extension MeetingHub {
    func handle(_ report: GroupCommitWriter.Report) {
        switch report {
        case .committed(let rows):
            var touched: [String: Int64] = [:]
            for row in rows { touched[row.meeting] = max(touched[row.meeting] ?? 0, row.seq) }
            for row in rows where creating[row.meeting] != nil { finishCreation(row.meeting, failure: nil) }
            for (meetingId, upTo) in touched {
                guard let live = meetings[meetingId] else { continue }
                live.storageFailures = 0
                publish(live, upTo: upTo)
            }
        case .failed(let rows, let error):
            for row in rows where creating[row.meeting] != nil { finishCreation(row.meeting, failure: error.sentence) }
            for meetingId in Set(rows.map(\.meeting)) {
                guard let live = meetings[meetingId], !live.recovering else { continue }
                live.storageFailures += 1
                Log.error("Could not save events of meeting \(meetingId): \(error) (SQLite code \(error.code.map(String.init) ?? "none"))")
                live.recovering = true
                // The sentence says what happened: a full disk is not a busy database.
                let failure = CommandError(.storageFailed, error.sentence)
                for wait in live.waitingAcks {
                    live.connections[wait.connection]?.send(failureMessage(wait.message, failure))
                }
                live.waitingAcks.removeAll()
                writer.barrier(meeting: meetingId)
            }
        case .barrier(let meetingId):
            // Everything this meeting submitted before the failure has been refused or saved:
            // the durable state is exactly `committed`. Start again from it.
            guard let live = meetings[meetingId] else { return }
            live.speculative = live.committed
            live.pending.removeAll()
            live.recovering = false
            for kind in NoteKind.allCases {
                live.wallVersion[kind, default: 0] += 1
                live.awaitingPlacement[kind] = live.committed.visibleNotes(kind: kind).filter(\.awaitsPlace).map(\.id)
                // Not at once: the save that failed may fail again (backing off, see schedulePlacementSoon).
                schedulePlacementSoon(live, kind: kind)
            }
            for conn in live.connections.values {
                if case .participant(let p) = conn.session.actor, live.committed.participants[p] == nil { conn.session.actor = .guest }
            }
        case .discovered(let logs):
            for events in logs where load(events) {
                if let id = events.first?.meeting, let state = meetings[id]?.committed { onNewMeeting?(state) }
            }
        }
    }

    /// Applies durable events to the committed state and sends them out, then releases the
    /// acknowledgements that were waiting for them.
    func publish(_ live: LiveMeeting, upTo seq: Int64) {
        while let next = live.pending.first, next.seq <= seq {
            live.pending.removeFirst()
            live.committed.apply(next)
            let (everyone, console) = LiveMeeting.eventMessages(next, in: live.committed)
            let entry = ReplayEntry(seq: next.seq, everyone: everyone, console: console,
                                    reveals: ReplayWindow.revealedText(next, in: live.committed))
            for conn in live.connections.values { conn.send(entry.message(for: conn.session.audience)) }
            live.replay.append(entry)
            switch next.event {
            case let .notePosted(id, _, text, _, _), let .noteEdited(id, text):
                requestVector(meeting: live.id, note: id, text: text, writer: live.committed.notes[id].flatMap(live.committed.writerLanguage))
            case let .themeCreated(id, _, label, true), let .themeRenamed(id, label, true):
                requestLabelVector(meeting: live.id, theme: id, label: label)
            case let .noteHidden(id, false):
                // A note shown again that never had a place waits for one like a new note.
                if let vector = live.vectors[id] { embedded(meeting: live.id, note: id, vector: vector, reading: live.readings[id]) }
                else if let note = live.committed.notes[id] {
                    requestVector(meeting: live.id, note: id, text: note.text, writer: live.committed.writerLanguage(of: note))
                }
            case let .summarySendStarted(send, _, _):
                if let m = live.committed.mailings.first(where: { $0.id == send }) { queueMail(m, live: live) }
            default: break
            }
        }
        let durable = live.committed.seq
        var still: [(seq: Int64, connection: UInt64, message: [UInt8])] = []
        for wait in live.waitingAcks {
            if wait.seq <= durable {
                live.connections[wait.connection]?.send(wait.message)
            } else {
                still.append(wait)
            }
        }
        live.waitingAcks = still
    }

    /// Turns a pending acknowledgement into an error for the same request.
    func failureMessage(_ ack: [UInt8], _ error: CommandError) -> [UInt8] {
        let req = (try? JSONCodec.parse(ack)).flatMap { ClientMessageDecoder.requestId(of: $0) }
        return ServerMessages.error(error, req: req)
    }
}
