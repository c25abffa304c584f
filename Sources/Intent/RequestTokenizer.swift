/// Splits a request into words: white space separates, quotes group, trailing punctuation goes.
///
/// `scale "backend" to 3.` becomes `scale`, `backend` (quoted), `to`, `3`. Quotes are `"…"`, `“…”`, `'…'` (at the
/// start of a word) and markdown's backticks (`` `shop` ``, a run of them counting as one). A word that ends
/// with `.`, `?` or `!`, or the last word of a line, ends a sentence (``RequestToken/endsSentence``).
public enum RequestTokenizer {
    static let trailingPunctuation: Set<Character> = [",", ".", "!", "?", ";", ":"]
    static let sentenceEnds: Set<Character> = [".", "!", "?"]

    public static func tokens(of request: String) -> [RequestToken] {
        var tokens: [RequestToken] = []
        var current = ""
        var quote: Character?
        var currentQuoted = false
        var currentCode = false

        func flush() {
            defer {
                current = ""
                currentQuoted = false
                currentCode = false
            }
            if currentQuoted {
                var token = RequestToken(text: current, quoted: true)
                token.code = currentCode
                tokens.append(token)
                return
            }
            var word = Substring(current)
            // A word that is only "." or ".." is a folder ("docker build ."), not punctuation.
            if current == "." || current == ".." {
                tokens.append(RequestToken(text: current))
                return
            }
            var ends = false
            while let last = word.last, trailingPunctuation.contains(last) {
                ends = ends || sentenceEnds.contains(last)
                word = word.dropLast()
            }
            // Punctuation after a quoted word ("restart 'api'.") ends that word's sentence.
            if word.isEmpty, ends, !tokens.isEmpty { tokens[tokens.count - 1].endsSentence = true }
            // "(in srvthreds)" and friends: brackets around words are not part of them.
            while let first = word.first, first == "(" || first == "[" { word = word.dropFirst() }
            while let last = word.last, last == ")" || last == "]" { word = word.dropLast() }
            if !word.isEmpty { tokens.append(RequestToken(text: String(word), endsSentence: ends)) }
        }

        func endLine() {
            flush()
            if !tokens.isEmpty { tokens[tokens.count - 1].endsSentence = true }
        }

        var previous: Character = " "

        for character in request {
            defer { previous = character }
            if let open = quote {
                if character == open {
                    // A run of backticks closes once (```shop```).
                    if open == "`" && previous == "`" && current.isEmpty { continue }
                    quote = nil
                    currentQuoted = true
                    currentCode = open == "`"
                    flush()
                } else if open == "`" && character == "`" {
                    continue
                } else {
                    current.append(character)
                }
            } else if character == "`" {
                if previous == "`" { continue }
                if !current.isEmpty { flush() }
                quote = "`"
            } else if character == "\"" || character == "“" || character == "”" {
                if !current.isEmpty { flush() }
                quote = character == "“" ? "”" : "\""
            } else if character == "'" && current.isEmpty {
                quote = "'"
            } else if character.isNewline {
                endLine()
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
