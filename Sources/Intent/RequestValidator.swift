/// Checks a request before any rule reads it: not empty, not huge, no control characters (a line break and a
/// tab are text: chat messages have several lines), no shell syntax outside quotes. Backticks quote, as in
/// markdown (`` `shop` ``); an unpaired one is shell syntax.
public enum RequestValidator {
    /// The longest request kagent reads. Real requests are a line; this leaves room for pasted commands.
    public static let maximumLength = 2_000

    /// Sequences that only make sense to a shell. Inside quotes they are text and allowed.
    static let shellSyntax = ["$(", "&&", "||", "${", ";", "|", "&", "`", ">", "<"]
    /// The bytes of ``shellSyntax``: an ASCII request without any of them has none of it. (Outside ASCII the
    /// search is by Unicode's canonical equivalence, where U+037E, the Greek question mark, is ";".)
    static let shellBytes = Set("$&|;`<>".utf8)

    public static func validate(_ request: String) throws(IntentError) {
        let count = request.count
        if count > maximumLength { throw .requestTooLong(characters: count, limit: maximumLength) }
        if request.allSatisfy(\.isWhitespace) { throw .emptyRequest }
        // Plain ASCII, the usual request, is checked byte by byte: the same answers, without Unicode tables.
        if request.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(request.utf8)
            for (offset, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x7f {
                let lineEnd = byte == 0x0a || (byte == 0x0d && offset + 1 < bytes.count && bytes[offset + 1] == 0x0a)
                if byte != 0x09 && !lineEnd { throw .controlCharacters }
            }
            // Without any of the bytes shell syntax is made of, there is none.
            guard bytes.contains(where: Self.shellBytes.contains) else { return }
            if let syntax = unquotedShellSyntax(in: request) { throw .shellSyntax(syntax) }
            return
        }
        let scalars = Array(request.unicodeScalars)
        for (offset, scalar) in scalars.enumerated() where scalar.properties.generalCategory == .control {
            // A line ends with "\n", or "\r\n" when pasted from Windows.
            let lineEnd = scalar == "\n" || (scalar == "\r" && offset + 1 < scalars.count && scalars[offset + 1] == "\n")
            if scalar != "\t" && !lineEnd { throw .controlCharacters }
        }
        if let syntax = unquotedShellSyntax(in: request) { throw .shellSyntax(syntax) }
    }

    static func unquotedShellSyntax(in request: String) -> String? {
        var outside = ""
        var quote: Character?
        var previous: Character = " "
        for character in request {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "`" || (character == "'" && previous.isWhitespace) {
                quote = character
                outside.append(" ")
            } else {
                outside.append(character)
            }
            previous = character
        }
        // An unpaired backtick is a shell's command substitution, not markdown.
        if quote == "`" { return "`" }
        return shellSyntax.first { outside.contains($0) }
    }
}
