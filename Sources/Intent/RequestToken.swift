/// One word of a request, as typed and in the lower-cased form the rules match against.
public struct RequestToken: Sendable, Hashable, CustomStringConvertible {
    /// The word as the user typed it, without surrounding quotes or trailing punctuation.
    public var text: String
    /// The lower-cased form used for matching.
    public var norm: String
    /// Whether the user wrote the word in quotes; quoted words are never fillers and never keywords.
    public var quoted: Bool

    public init(text: String, quoted: Bool = false) {
        self.text = text
        self.norm = text.lowercased()
        self.quoted = quoted
    }

    public var description: String { quoted ? "\"\(text)\"" : text }
}
