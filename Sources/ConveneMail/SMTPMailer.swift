import CCurl
import FoundationEssentials

/// How to reach the mail server (flags and environment of `convene serve`/`send-summary`).
public struct SMTPSettings: Sendable {
    /// smtp://host:port or smtps://host:port
    public var url: String
    public var username: String?
    public var password: String?
    /// Insist on STARTTLS for smtp:// URLs.
    public var requireStartTLS = false
    public var timeoutSeconds = 30
    public var from: String
    /// nil: each meeting's partnership (`SummaryMail.senderName`).
    public var fromName: String?
    public var replyTo: String?

    public init(url: String, from: String) { self.url = url; self.from = from }
}

/// Sends one message to one recipient through libcurl's SMTP. Blocking: call it from the
/// mail thread, never from the service loop.
public enum SMTPMailer {
    /// A sentence the facilitator can act on, with what libcurl and the mail server said.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// libcurl's result code (`CURLcode`), when libcurl reported the failure.
        public var curlCode: UInt32?
        /// The SMTP reply code, when the server answered (e.g. 550).
        public var smtpCode: Int?
    }

    static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public static func send(_ message: String, to recipient: String, settings: SMTPSettings) throws(Failure) {
        _ = globalInit
        guard let curl = curl_easy_init() else { throw Failure(description: "Could not start the mail client.") }
        defer { curl_easy_cleanup(curl) }
        let upload = CurlUpload(Array(message.utf8))
        let box = Unmanaged.passRetained(upload)
        defer { box.release() }
        let recipients: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }

        _ = convene_curl_set_string(curl, CURLOPT_URL, settings.url)
        _ = convene_curl_set_string(curl, CURLOPT_MAIL_FROM, "<\(settings.from)>")
        _ = convene_curl_set_slist(curl, CURLOPT_MAIL_RCPT, recipients)
        if let user = settings.username { _ = convene_curl_set_string(curl, CURLOPT_USERNAME, user) }
        if let password = settings.password { _ = convene_curl_set_string(curl, CURLOPT_PASSWORD, password) }
        if settings.requireStartTLS { _ = convene_curl_set_long(curl, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        _ = convene_curl_set_long(curl, CURLOPT_TIMEOUT, settings.timeoutSeconds)
        _ = convene_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, min(settings.timeoutSeconds, 15))
        _ = convene_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = convene_curl_set_long(curl, CURLOPT_UPLOAD, 1)
        _ = convene_curl_set_read_function(curl, conveneCurlRead)
        _ = convene_curl_set_pointer(curl, CURLOPT_READDATA, box.toOpaque())

        let code = curl_easy_perform(curl)
        guard code != CURLE_OK else { return }
        let smtp = convene_curl_response_code(curl)
        throw Failure(description: describe(code, smtp: smtp, settings: settings, recipient: recipient),
                      curlCode: code.rawValue, smtpCode: smtp > 0 ? smtp : nil)
    }

    /// A sentence the facilitator can act on.
    static func describe(_ code: CURLcode, smtp: Int, settings: SMTPSettings, recipient: String) -> String {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            return "The mail server \(settings.url) could not be reached."
        case CURLE_LOGIN_DENIED:
            return "The mail server refused the user name or password."
        case CURLE_OPERATION_TIMEDOUT:
            return "The mail server did not answer in time."
        case CURLE_USE_SSL_FAILED, CURLE_SSL_CONNECT_ERROR:
            return "A secure (TLS) connection to the mail server could not be made."
        default:
            if (500...599).contains(smtp) { return "The mail server refused \(recipient) (\(smtp))." }
            if (400...499).contains(smtp) { return "The mail server could not take the message for \(recipient) now (\(smtp)); try again later." }
            return "Sending failed: " + String(cString: curl_easy_strerror(code)) + (smtp > 0 ? " (\(smtp))" : "") + "."
        }
    }
}

/// The message being uploaded, read piece by piece by libcurl's callback.
private final class CurlUpload {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawPointer, max: Int) -> Int {
        let n = min(max, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}

private func conveneCurlRead(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let user else { return 0 }
    return Unmanaged<CurlUpload>.fromOpaque(user).takeUnretainedValue().read(into: UnsafeMutableRawPointer(buffer), max: size * count)
}
