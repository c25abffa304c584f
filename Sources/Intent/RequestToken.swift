/// One word of a request, as typed and in the lower-cased form the rules match against.
public struct RequestToken: Sendable, Hashable, CustomStringConvertible {
    /// The word as the user typed it, without surrounding quotes or trailing punctuation.
    public var text: String
    /// The lower-cased form used for matching.
    public var norm: String
    /// Whether the user wrote the word in quotes; quoted words are never fillers and never keywords.
    public var quoted: Bool
    /// Whether a sentence ends after this word: it ended with `.`, `?` or `!`, or a line ended after it.
    public var endsSentence: Bool
    /// Whether a clause ends after this word: it ended with "," (or ":"): "the api is down, can you fix it?".
    public var endsClause = false
    /// Whether the word was written as markdown code (`` `ls /data` ``): a command line as typed, whose words are
    /// a command's arguments when one is run (never a shell's: kagent runs none).
    public var code = false
    /// Whether the word was said to be a name ("a pvc called notes"), when "called" itself was taken out: never a
    /// typo of another word.
    public var named = false
    /// Whether an article or a possessive ("the", "my", "our") stood right before the word, taken out as a filler:
    /// "send the shoppers to …" says a thing, where a bare word may be a verb.
    public var determined = false

    public init(text: String, quoted: Bool = false, endsSentence: Bool = false) {
        self.text = text
        self.norm = text.lowercased()
        self.quoted = quoted
        self.endsSentence = endsSentence
    }

    public var description: String { quoted ? "\"\(text)\"" : text }

    /// The arguments these words are for a command to run: as typed, with a markdown code word split at white
    /// space ("run `redis-cli ping` in cache" runs `redis-cli` with `ping`); words in quotes stay one argument.
    static func arguments(_ words: ArraySlice<RequestToken>) -> [String] {
        words.flatMap { word in
            word.code ? word.text.split(whereSeparator: \.isWhitespace).map(String.init) : [word.text]
        }
    }

    /// Whether these words are the phrase, word for word (lower-cased, unquoted): fillers, reasons, anchors.
    /// Whether the words are the phrase; `_` in a phrase stands for any one word ("call the _": "call the rule").
    static func spell(_ words: ArraySlice<RequestToken>, _ phrase: [String]) -> Bool {
        words.count == phrase.count && zip(words, phrase).allSatisfy { !$0.quoted && ($0.norm == $1 || $1 == "_") }
    }
}
