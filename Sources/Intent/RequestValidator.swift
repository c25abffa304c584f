/// Checks a request before any rule reads it: not empty, not huge, no control characters, no shell syntax.
public enum RequestValidator {
    /// The longest request kagent reads. Real requests are a line; this leaves room for pasted commands.
    public static let maximumLength = 2_000

    /// Sequences that only make sense to a shell. Inside quotes they are text and allowed.
    static let shellSyntax = ["$(", "&&", "||", "${", ";", "|", "&", "`", ">", "<"]

    public static func validate(_ request: String) throws(IntentError) {
        let count = request.count
        if count > maximumLength { throw .requestTooLong(characters: count, limit: maximumLength) }
        if request.allSatisfy(\.isWhitespace) { throw .emptyRequest }
        if request.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\t" }) {
            throw .controlCharacters
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
            } else if character == "\"" || (character == "'" && previous.isWhitespace) {
                quote = character
                outside.append(" ")
            } else {
                outside.append(character)
            }
            previous = character
        }
        return shellSyntax.first { outside.contains($0) }
    }
}
