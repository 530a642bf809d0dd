import CSQLite
import ConveneCore
import ConveneJSON

/// A storage failure, keeping SQLite's extended result code so that a full disk, a busy
/// database and a damaged file each get their own sentence (after GRDB's errors).
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable { case diskFull, busy, corrupt, readOnly, io, other }

    public var description: String
    /// SQLite's extended result code, when SQLite reported the failure.
    public var code: Int32?

    public init(_ description: String, code: Int32? = nil) { self.description = description; self.code = code }

    public var kind: Kind {
        switch (code ?? 0) & 0xff {
        case SQLITE_FULL: return .diskFull
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .corrupt
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN: return .readOnly
        case SQLITE_IOERR: return .io
        default: return .other
        }
    }

    /// What the people in the room are told (the operator's log gets `description`).
    public var sentence: String {
        switch kind {
        case .diskFull: return "The server's disk is full, so your change was not saved. Please tell the facilitator."
        case .busy: return "The server was busy saving; your change was not made. Please try again."
        case .corrupt: return "The server's meeting file is damaged, so your change was not saved. Please tell the facilitator."
        case .readOnly: return "The server cannot write its meeting file, so your change was not saved. Please tell the facilitator."
        case .io, .other: return "Your change could not be saved, so it was not made. Please try again."
        }
    }
}

/// One row of the event log, already serialized.
public struct EventRow: Sendable {
    public var meeting: String
    public var seq: Int64
    public var body: [UInt8]
    /// Set on a meeting's first event so the `meetings` index can find it by join code.
    public var newMeetingCode: String?

    public init(meeting: String, seq: Int64, body: [UInt8], newMeetingCode: String? = nil) {
        self.meeting = meeting; self.seq = seq; self.body = body; self.newMeetingCode = newMeetingCode
    }

    public init(_ stored: StoredEvent) {
        var code: String?
        if case let .meetingCreated(info, _) = stored.event { code = info.joinCode }
        self.init(meeting: stored.meeting, seq: stored.seq, body: JSONCodec.serialize(stored.storageJSON()), newMeetingCode: code)
    }
}

/// The append-only event log in one SQLite file (WAL, synchronous=FULL: a commit that
/// returned is on disk). Not thread-safe: one thread uses an instance at a time.
public final class EventLog: @unchecked Sendable {
    private var db: OpaquePointer?
    public let path: String

    public init(path: String) throws {
        self.path = path
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            let msg = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(rc)"
            let code = handle.map { sqlite3_extended_errcode($0) } ?? rc
            sqlite3_close(handle)
            throw StorageError("Cannot open the database \(path): \(msg). Check that the data directory exists and is writable.", code: code)
        }
        db = handle
        sqlite3_busy_timeout(handle, 5000)
        do {
            try exec("PRAGMA journal_mode=WAL")
            try exec("PRAGMA synchronous=FULL")
            try exec("""
                CREATE TABLE IF NOT EXISTS events (
                    meeting TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (meeting, seq)) WITHOUT ROWID
                """)
            try exec("""
                CREATE TABLE IF NOT EXISTS meetings (
                    n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE)
                """)
        } catch {
            sqlite3_close(handle)
            db = nil
            let code = (error as? StorageError)?.code
            let hint = StorageError("", code: code).kind == .corrupt ? "Is it a Convene database? Restore it from a backup." : "Is the data directory writable?"
            throw StorageError("Cannot use the database \(path): \(error). \(hint)", code: code)
        }
    }

    deinit { sqlite3_close(db) }

    private func errorMessage() -> String { String(cString: sqlite3_errmsg(db)) }

    /// The last error of this connection, with its extended result code.
    private func lastError(_ context: String? = nil) -> StorageError {
        let message = errorMessage()
        return StorageError(context.map { "\($0): \(message)" } ?? message, code: sqlite3_extended_errcode(db))
    }

    private func exec(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &err) != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? errorMessage()
            sqlite3_free(err)
            throw StorageError(msg, code: sqlite3_extended_errcode(db))
        }
    }

    private func prepare(_ sql: String) throws -> OpaquePointer {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw lastError() }
        return stmt
    }

    private func bind(_ stmt: OpaquePointer, _ index: Int32, _ bytes: [UInt8]) {
        // An empty array may have no storage; bind a real empty string, never NULL.
        let bytes = bytes.isEmpty ? [0] : bytes + [0]
        bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) {
                _ = convene_sqlite3_bind_text_transient(stmt, index, $0.baseAddress!, Int32($0.count - 1))
            }
        }
    }

    /// Appends rows in one transaction: all of them are durable when this returns, or none.
    public func append(_ rows: [EventRow]) throws {
        guard !rows.isEmpty else { return }
        try exec("BEGIN IMMEDIATE")
        do {
            let insert = try prepare("INSERT INTO events (meeting, seq, body) VALUES (?, ?, ?)")
            defer { sqlite3_finalize(insert) }
            let index = try prepare("INSERT INTO meetings (id, code) VALUES (?, ?)")
            defer { sqlite3_finalize(index) }
            for row in rows {
                sqlite3_reset(insert)
                bind(insert, 1, Array(row.meeting.utf8))
                sqlite3_bind_int64(insert, 2, row.seq)
                bind(insert, 3, row.body)
                guard sqlite3_step(insert) == SQLITE_DONE else { throw lastError() }
                if let code = row.newMeetingCode {
                    sqlite3_reset(index)
                    bind(index, 1, Array(row.meeting.utf8))
                    bind(index, 2, Array(code.utf8))
                    guard sqlite3_step(index) == SQLITE_DONE else { throw lastError() }
                }
            }
            try exec("COMMIT")
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
    }

    /// Meetings registered after index `n`, oldest first: (index, meeting id).
    public func meetings(after n: Int64) throws -> [(Int64, String)] {
        let stmt = try prepare("SELECT n, id FROM meetings WHERE n > ? ORDER BY n")
        defer { sqlite3_finalize(stmt) }
        sqlite3_bind_int64(stmt, 1, n)
        var result: [(Int64, String)] = []
        while sqlite3_step(stmt) == SQLITE_ROW {
            result.append((sqlite3_column_int64(stmt, 0), String(cString: sqlite3_column_text(stmt, 1))))
        }
        return result
    }

    func scalar(_ sql: String, _ argument: String?) throws -> Int64 {
        let stmt = try prepare(sql)
        defer { sqlite3_finalize(stmt) }
        if let argument { bind(stmt, 1, Array(argument.utf8)) }
        guard sqlite3_step(stmt) == SQLITE_ROW else { throw lastError() }
        return sqlite3_column_int64(stmt, 0)
    }

    public func isJoinCodeTaken(_ code: String) throws -> Bool {
        let stmt = try prepare("SELECT 1 FROM meetings WHERE code = ?")
        defer { sqlite3_finalize(stmt) }
        bind(stmt, 1, Array(code.utf8))
        return sqlite3_step(stmt) == SQLITE_ROW
    }

    /// Every event of one meeting, in order, decoded.
    public func events(of meeting: String) throws -> [StoredEvent] {
        let stmt = try prepare("SELECT seq, body FROM events WHERE meeting = ? ORDER BY seq")
        defer { sqlite3_finalize(stmt) }
        bind(stmt, 1, Array(meeting.utf8))
        var result: [StoredEvent] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw lastError() }
            let seq = sqlite3_column_int64(stmt, 0)
            let len = Int(sqlite3_column_bytes(stmt, 1))
            let body = UnsafeRawBufferPointer(start: sqlite3_column_text(stmt, 1), count: len)
            do {
                let json = try JSONCodec.parse(body, strict: false)
                result.append(try StoredEvent(meeting: meeting, seq: seq, storage: json))
            } catch {
                throw StorageError("The event log is damaged at meeting \(meeting), event \(seq): \(error)")
            }
            guard seq == Int64(result.count) else {
                throw StorageError("The event log of meeting \(meeting) has a gap before event \(seq).")
            }
        }
        return result
    }
}

extension EventLog {
    /// Highest sequence number stored for a meeting (0 if none).
    public func lastSeq(of meeting: String) throws -> Int64 {
        try scalar("SELECT COALESCE(MAX(seq), 0) FROM events WHERE meeting = ?", meeting)
    }

    /// Highest meeting index in the `meetings` table (0 if none).
    public func lastMeetingIndex() throws -> Int64 {
        try scalar("SELECT COALESCE(MAX(n), 0) FROM meetings", nil)
    }
}
