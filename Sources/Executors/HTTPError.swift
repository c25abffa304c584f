import Foundation

/// Why an HTTP request (to a language model) failed. Messages name the URL, never the API key.
public enum HTTPError: Error, Sendable, Equatable, LocalizedError {
    case invalidURL(String)
    case unreachable(url: String, detail: String)
    case timedOut(url: String, seconds: Int)
    case tls(url: String, detail: String)
    case unauthorized(url: String, status: Int)
    case notFound(url: String)
    case rateLimited(url: String)
    case serverError(url: String, status: Int, detail: String)
    case rejected(url: String, status: Int, detail: String)
    case transport(url: String, detail: String)
    /// Ctrl-C, or the MCP request that waited for it was cancelled.
    case stopped(url: String)

    public var errorDescription: String? {
        switch self {
        case .invalidURL(let url):
            return "'\(url)' is not an http:// or https:// URL; set --llm-url or KAGENT_LLM_URL to the API's base URL"
        case .unreachable(let url, let detail):
            return "cannot reach the model at \(url) (\(detail)); is the server running and the URL right?"
        case .timedOut(let url, let seconds):
            return "the model at \(url) did not answer within \(seconds) s; try again, or raise KAGENT_LLM_TIMEOUT"
        case .tls(let url, let detail):
            return "the TLS connection to \(url) failed (\(detail)); kagent always verifies certificates"
        case .unauthorized(let url, let status):
            return "the model at \(url) refused the API key (HTTP \(status)); check KAGENT_LLM_API_KEY "
                + "(or OPENAI_API_KEY)"
        case .notFound(let url):
            return "the model API has no \(url) (HTTP 404); check --llm-url (it usually ends in /v1) and the model name"
        case .rateLimited(let url):
            return "the model at \(url) is rate-limiting requests (HTTP 429), also after a retry; wait and try again"
        case .serverError(let url, let status, let detail):
            return "the model at \(url) failed with HTTP \(status), also after a retry\(Self.tail(detail))"
        case .rejected(let url, let status, let detail):
            return "the model at \(url) rejected the request with HTTP \(status)\(Self.tail(detail))"
        case .transport(let url, let detail):
            return "the request to \(url) failed: \(detail)"
        case .stopped(let url):
            return "the request to the model at \(url) was stopped before it answered; nothing was planned"
        }
    }

    /// Whether a second attempt may succeed (429 and 5xx).
    var retryable: Bool {
        switch self {
        case .rateLimited, .serverError: return true
        default: return false
        }
    }

    static func tail(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return "" }
        return ": " + (trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed)
    }
}
