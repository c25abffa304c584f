internal import CCurl

/// The libcurl kagent is linked with (kagent's HTTP goes through it; the model client builds on this).
public enum CurlLibrary {
    /// libcurl's own version line, for `kagent version`.
    public static var version: String {
        String(cString: kagent_curl_version())
    }
}
