/// Splits a request into words: white space separates, quotes group, trailing punctuation goes.
///
/// `scale "backend" to 3.` becomes `scale`, `backend` (quoted), `to`, `3`.
public enum RequestTokenizer {
    static let trailingPunctuation: Set<Character> = [",", ".", "!", "?", ";", ":"]

    public static func tokens(of request: String) -> [RequestToken] {
        var tokens: [RequestToken] = []
        var current = ""
        var quote: Character?
        var currentQuoted = false

        func flush() {
            defer {
                current = ""
                currentQuoted = false
            }
            if currentQuoted {
                tokens.append(RequestToken(text: current, quoted: true))
                return
            }
            var word = Substring(current)
            // A word that is only "." or ".." is a folder ("docker build ."), not punctuation.
            if current == "." || current == ".." {
                tokens.append(RequestToken(text: current))
                return
            }
            while let last = word.last, trailingPunctuation.contains(last) { word = word.dropLast() }
            // "(in srvthreds)" and friends: brackets around words are not part of them.
            while let first = word.first, first == "(" || first == "[" { word = word.dropFirst() }
            while let last = word.last, last == ")" || last == "]" { word = word.dropLast() }
            if !word.isEmpty { tokens.append(RequestToken(text: String(word))) }
        }

        for character in request {
            if let open = quote {
                if character == open {
                    quote = nil
                    currentQuoted = true
                    flush()
                } else {
                    current.append(character)
                }
            } else if character == "\"" || character == "“" || character == "”" {
                if !current.isEmpty { flush() }
                quote = character == "“" ? "”" : "\""
            } else if character == "'" && current.isEmpty {
                quote = "'"
            } else if character.isWhitespace {
                flush()
            } else {
                current.append(character)
            }
        }
        if quote != nil {
            // An unclosed quote keeps its words as typed, quoted.
            currentQuoted = !current.isEmpty
        }
        flush()
        return tokens
    }
}
