internal import CCurl
import Foundation

/// A small HTTPS client over libcurl: one easy handle per request on a thread of its own (off Swift's cooperative
/// pool, like ``ProcessRunner``), certificates verified, proxies from the environment (libcurl reads `https_proxy`,
/// `http_proxy`, `no_proxy`), connect and total timeouts, and one retry with backoff on 429 and 5xx.
///
/// A secret (the API key) is passed separately so it goes only into its header, and is cut out of every message.
public struct HTTPClient: Sendable {
    public var connectTimeoutSeconds: Int
    public var totalTimeoutSeconds: Int
    /// The pause before the one retry.
    public var retryDelaySeconds: Double
    /// The largest answer read; longer ones are cut off as an error.
    public static let maximumResponseBytes = 4 << 20

    public init(connectTimeoutSeconds: Int = 10, totalTimeoutSeconds: Int = 60, retryDelaySeconds: Double = 1) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.totalTimeoutSeconds = totalTimeoutSeconds
        self.retryDelaySeconds = retryDelaySeconds
    }

    public struct Response: Sendable {
        public var status: Int
        public var body: Data
    }

    /// libcurl's global state, set up once per process before the first handle.
    private static let globalInit: Bool = kagent_curl_global_init() == CURLE_OK

    /// POSTs a JSON body; returns the 2xx/4xx response, retrying once on 429 and 5xx.
    /// - Parameter bearer: the API key, sent only as `Authorization: Bearer …`.
    /// - Throws: ``HTTPError`` for transport failures, 401/403, 404, and 429/5xx after the retry.
    public func postJSON(url: String, body: Data, bearer: String?) async throws(HTTPError) -> Response {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw .invalidURL(Self.shown(url)) }
        do {
            return try await attempt(url: url, body: body, bearer: bearer)
        } catch  where error.retryable {
            try? await Task.sleep(nanoseconds: UInt64(retryDelaySeconds * 1_000_000_000))
            return try await attempt(url: url, body: body, bearer: bearer)
        }
    }

    private func attempt(url: String, body: Data, bearer: String?) async throws(HTTPError) -> Response {
        let shown = Self.shown(url)
        // Ctrl-C or a cancelled task stops the request at once, not at its time-out.
        let stop = StopSignal()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<Response, HTTPError>, Never>) in
                let thread = Thread {
                    continuation.resume(returning: perform(url: url, body: body, bearer: bearer, stop: stop))
                }
                thread.start()
            }
        } onCancel: {
            stop.request()
        }
        let response = try outcome.get()
        let detail = Self.redact(String(decoding: response.body.prefix(2_000), as: UTF8.self), secret: bearer)
        switch response.status {
        case 200..<300: return response
        case 401, 403: throw .unauthorized(url: shown, status: response.status)
        case 404: throw .notFound(url: shown)
        case 429: throw .rateLimited(url: shown)
        case 500..<600: throw .serverError(url: shown, status: response.status, detail: detail)
        default: return response
        }
    }

    /// Collects the answer's bytes; libcurl calls ``write`` with it as context.
    private final class Sink {
        var data = Data()
        var overflow = false
    }

    /// One blocking request with its own easy handle (handles are never shared between threads).
    private func perform(url: String, body: Data, bearer: String?, stop: StopSignal) -> Result<Response, HTTPError> {
        let shown = Self.shown(url)
        guard Self.globalInit, let handle = curl_easy_init() else {
            return .failure(.transport(url: shown, detail: "libcurl could not be initialised"))
        }
        defer { curl_easy_cleanup(handle) }
        var headers: UnsafeMutablePointer<curl_slist>?
        for header in ["Content-Type: application/json", "Accept: application/json"]
            + (bearer.map { ["Authorization: Bearer \($0)"] } ?? [])
        {
            headers = curl_slist_append(headers, header)
        }
        defer { curl_slist_free_all(headers) }
        let sink = Sink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let stopContext = Unmanaged.passUnretained(stop).toOpaque()
        let bytes = [UInt8](body)
        let code: CURLcode = withExtendedLifetime((sink, stop)) {
            bytes.withUnsafeBufferPointer { buffer in
                kagent_curl_set_string(handle, CURLOPT_URL, url)
                kagent_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
                kagent_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
                kagent_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
                kagent_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
                kagent_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
                kagent_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutSeconds * 1000)
                kagent_curl_set_long(handle, CURLOPT_TIMEOUT_MS, totalTimeoutSeconds * 1000)
                kagent_curl_set_long(handle, CURLOPT_POST, 1)
                kagent_curl_set_pointer(
                    handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                kagent_curl_set_large(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(buffer.count))
                kagent_curl_set_slist(handle, CURLOPT_HTTPHEADER, headers)
                kagent_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
                kagent_curl_set_progress_callback(
                    handle,
                    { context, _, _, _, _ in
                        guard let context else { return 0 }
                        return Unmanaged<StopSignal>.fromOpaque(context).takeUnretainedValue().isRequested ? 1 : 0
                    }, stopContext)
                kagent_curl_set_write_callback(handle) { data, size, count, context in
                    guard let data, let context else { return 0 }
                    let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
                    let length = size * count
                    if sink.data.count + length > HTTPClient.maximumResponseBytes {
                        sink.overflow = true
                        return 0
                    }
                    sink.data.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
                    return length
                }
                return curl_easy_perform(handle)
            }
        }
        guard code == CURLE_OK else {
            if sink.overflow {
                return .failure(.transport(url: shown, detail: "the answer is larger than 4 MB"))
            }
            let detail = String(cString: curl_easy_strerror(code))
            switch code {
            case CURLE_ABORTED_BY_CALLBACK:
                return .failure(.stopped(url: shown))
            case CURLE_OPERATION_TIMEDOUT:
                return .failure(.timedOut(url: shown, seconds: totalTimeoutSeconds))
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
                return .failure(.unreachable(url: shown, detail: detail))
            case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
                CURLE_SSL_CACERT_BADFILE:
                return .failure(.tls(url: shown, detail: detail))
            default:
                return .failure(.transport(url: shown, detail: detail))
            }
        }
        var status = 0
        kagent_curl_response_code(handle, &status)
        return .success(Response(status: status, body: sink.data))
    }

    /// A URL as messages show it: without user information (`user:password@`) or a query, which may hold credentials.
    public static func shown(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var rest = String(url[scheme.upperBound...])
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = String(rest[..<query]) }
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        if let at = rest[..<hostEnd].lastIndex(of: "@") { rest = String(rest[rest.index(after: at)...]) }
        return String(url[..<scheme.upperBound]) + rest
    }

    /// The text with every occurrence of the secret replaced, for messages that quote a server's answer.
    public static func redact(_ text: String, secret: String?) -> String {
        guard let secret, secret.count >= 4 else { return text }
        return text.replacingOccurrences(of: secret, with: "(hidden)")
    }
}
