import ConveneMail
import ConveneClustering
import ConveneCore
import ConveneEmbedding
import ConveneStore
import FoundationEssentials
import Glibc

/// Starts everything `convene serve` runs: the event log and its writer thread, the hub
/// with every meeting rebuilt from the log, and the web server on the calling thread.
@MainActor
public enum Server {
    /// Runs until SIGINT or SIGTERM. `announce` prints a meeting's URLs.
    public static func serve(config: ServerConfig, embedder: SentenceEmbedder?, smtp: SMTPSettings?,
                             announce: @escaping (MeetingState) -> Void) throws {
        // Files the server makes are its own: the event log holds keys and resume tokens.
        umask(0o077)
        try DataDirectory.prepare(config.dataDirectory)
        try DataDirectory.lock(config.dataDirectory)
        DataDirectory.restrict(config.dataDirectory)
        DataDirectory.recordPublicURL(config.dataDirectory, config.publicURL)
        let log = try EventLog(path: DataDirectory.databasePath(config.dataDirectory))
        let files = try StaticFiles(directory: config.staticDirectory)

        let started = monotonicSeconds()
        let inbox = Inbox()
        let writer = GroupCommitWriter(log: log, knownMeetingIndex: try log.lastMeetingIndex(),
                                       maxBatch: config.commitBatchLimit) { inbox.post(.storage($0)) }
        // Spanish notes reach the English model through Apertium's translation (ModelReading).
        let translator = embedder == nil ? nil : SpanishTranslator()
        if embedder != nil {
            Log.notice(translator == nil
                ? "Apertium (Debian package apertium-eng-spa) is not installed: Spanish notes are grouped as typed, which groups them worse."
                : "Spanish notes are grouped through Apertium's English translation (the wall shows them as typed).")
        }
        if let lexicon = TitleWords.lexicon {
            Log.notice("Theme titles know \(lexicon.adjectiveCount) English words that are only adjectives, \(lexicon.properNameCount) names written with a capital and \(lexicon.commonWordCount) words only ever written in lower case (WordNet).")
        } else {
            Log.notice("WordNet's word lists (Debian package wordnet-base) were not found or are unreadable: theme titles may end on a describing word (\"Power plant & residential\").")
        }
        let worker = embedder.map { EmbeddingWorker(embedder: $0, translator: translator, inbox: inbox) }
        worker?.start()
        let mailer = smtp.map { MailWorker(settings: $0, inbox: inbox) }
        mailer?.start()
        let organizerKey = try DataDirectory.organizerKey(config.dataDirectory, warn: { Log.warning($0) })
        // One cache of title phrases for the clustering thread and the loop (a split's title).
        let phrases = embedder.map { model in CachedPhraseEmbedding(PhraseEmbedder { model.embed($0) }) }
        let clustering = ClusteringWorker(inbox: inbox, phrases: phrases)
        clustering.start()
        let hub = MeetingHub(writer: writer, inbox: inbox, embedding: worker, mail: mailer, clustering: clustering,
                             organizerKey: organizerKey)
        hub.allowInsecureKeys = config.allowInsecureKeys
        hub.titlePhrases = phrases
        if config.tlsCertificate == nil && !config.allowInsecureKeys {
            Log.notice("Plain HTTP: the console and the organizer page work on this computer only (keys never cross the network in clear). "
                + "Use --tls-cert/--tls-key for HTTPS, or --allow-insecure-keys on a network you trust.")
        }
        var events = 0
        for (_, id) in try log.meetings(after: 0) {
            let meetingEvents = try log.events(of: id)
            events += meetingEvents.count
            hub.load(meetingEvents)
        }
        Log.notice("Rebuilt \(hub.allMeetings.count) meeting(s) from \(events) event(s) in \(Int((monotonicSeconds() - started) * 1000)) ms.")
        hub.onNewMeeting = announce

        let web = WebServer(config: config, files: files, hub: hub, inbox: inbox)
        try web.start()
        writer.start()
        Signals.install(inbox)
        for meeting in hub.allMeetings { announce(meeting) }
        if config.printKeys {
            say("Start or open meetings:  \(config.publicURL)/meetings.html#organizer=\(organizerKey)   (keep this link secret: it opens every console)")
        } else {
            say("Start or open meetings:  \(config.publicURL)/meetings.html#organizer=KEY, where KEY is in \(config.dataDirectory)/organizer.key (not printed: standard output is not a terminal and may be kept in a log; --print-keys prints it)")
        }
        if hub.allMeetings.isEmpty {
            say("No meetings yet. Start one from the link above, or: convene meeting create --title … --industry … --region … --data \(config.dataDirectory)")
        }
        say("Convene is serving on port \(config.port). Press Ctrl-C to stop.")
        web.run()
        // libuv, stopping, set SIGINT/SIGTERM back to their defaults: a second Ctrl-C must
        // not kill the server while the writer commits its last events.
        Signals.ignoreAgain()
        writer.stop()
        Log.notice("Stopped.")
    }
}
