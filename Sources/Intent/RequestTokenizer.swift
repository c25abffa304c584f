/// Splits a request into words: white space separates, quotes group, trailing punctuation goes.
///
/// `scale "backend" to 3.` becomes `scale`, `backend` (quoted), `to`, `3`. Quotes are `"…"`, `“…”`, `'…'` (at the
/// start of a word) and markdown's backticks (`` `shop` ``, a run of them counting as one). A word that ends
/// with `.`, `?` or `!`, or the last word of a line, ends a sentence (``RequestToken/endsSentence``).
public enum RequestTokenizer {
    // Lists, not sets: most words end in none of these, and comparing a few characters costs less than hashing one.
    static let trailingPunctuation: [Character] = [",", ".", "!", "?", ";", ":"]
    static let sentenceEnds: [Character] = [".", "!", "?"]

    public static func tokens(of request: String) -> [RequestToken] {
        unwrappingLiterals(rawTokens(of: request))
    }

    /// Whether the words before a "=" are a pair's key: a letter or "_" first, then letters, digits, "_", "-", ".".
    static func isPairKey(_ key: Substring) -> Bool {
        guard let first = key.first, first.isLetter || first == "_" else { return false }
        return key.allSatisfy { $0.isLetter || $0.isNumber || "_-.".contains($0) }
    }

    /// What chat quoting wraps that is not a name: a whole command in markdown code (`` `kubectl get pods -n
    /// shop` ``) is that command's words, and a quoted `KEY=VALUE` (`` `LOG_LEVEL=debug` ``, 'tier=api') is the
    /// pair, as if typed bare.
    static func unwrappingLiterals(_ tokens: [RequestToken]) -> [RequestToken] {
        guard tokens.contains(where: \.quoted) else { return tokens }
        var result: [RequestToken] = []
        for token in tokens {
            guard token.quoted else {
                result.append(token)
                continue
            }
            // "NODE_ENV='production'", `MODE="prod mode"`: a key with "=" and its quoted value are one pair.
            if let key = result.last, !key.quoted, key.text.hasSuffix("="), isPairKey(key.text.dropLast()) {
                var pair = RequestToken(text: key.text + token.text, endsSentence: token.endsSentence)
                pair.endsClause = token.endsClause
                result[result.count - 1] = pair
                continue
            }
            let words = token.text.split(whereSeparator: \.isWhitespace)
            if token.code, words.count > 1, let tool = words.first?.lowercased(),
                ["kubectl", "helm", "docker"].contains(tool)
            {
                var inner = rawTokens(of: token.text).map { word -> RequestToken in
                    var word = word
                    word.endsSentence = false
                    return word
                }
                if !inner.isEmpty { inner[inner.count - 1].endsSentence = token.endsSentence }
                result += inner
                continue
            }
            // A quoted option ("--replicas=100") stays a quoted word.
            if words.count == 1, let equals = token.text.firstIndex(of: "="), isPairKey(token.text[..<equals]) {
                var pair = RequestToken(text: token.text, endsSentence: token.endsSentence)
                pair.code = false
                result.append(pair)
                continue
            }
            result.append(token)
        }
        return result
    }

    /// Numbers said as words before a unit ("one gigabyte", "a gig").
    static let amountWords: [String: String] = [
        "a": "1", "an": "1", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
        "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "sixteen": "16",
    ]

    /// Words for whole CPUs, said after a number ("two cores"): the number is written as digits before them.
    static let cpuWords: Set<String> = ["cpu", "cpus", "core", "cores", "vcpu", "vcpus"]

    /// Half of one unit of memory, in the unit below it ("half a gig" is `512Mi`).
    static let halfUnits: [String: String] = ["Gi": "512Mi", "Ti": "512Gi", "Mi": "512Ki"]

    /// Words that say what a number measures, and the unit Kubernetes writes it in: "1 gigabyte" is `1Gi`,
    /// "500 millicores" `500m`.
    static let unitWords: [String: String] = [
        "gigabyte": "Gi", "gigabytes": "Gi", "gig": "Gi", "gigs": "Gi", "gb": "Gi", "gib": "Gi", "gi": "Gi",
        "megabyte": "Mi", "megabytes": "Mi", "meg": "Mi", "megs": "Mi", "mb": "Mi", "mib": "Mi", "mi": "Mi",
        "kilobyte": "Ki", "kilobytes": "Ki", "kb": "Ki", "kib": "Ki", "terabyte": "Ti", "terabytes": "Ti", "tb": "Ti",
        "millicores": "m", "millicore": "m", "millicpu": "m", "millicpus": "m",
    ]

    /// Images everyone knows by name, from Docker Hub's official images: said before a version ("nginx 1.25"), the
    /// two words are one image.
    static let wellKnownImages: Set<String> = [
        "nginx", "redis", "postgres", "mongo", "mongodb", "rabbitmq", "mysql", "mariadb", "memcached", "httpd", "node",
        "python", "golang", "busybox", "alpine", "ubuntu", "debian", "traefik", "haproxy", "elasticsearch", "kibana",
        "grafana", "prometheus", "envoy", "caddy", "tomcat", "openjdk", "eclipse-temurin", "php", "ruby", "rust",
    ]

    /// "1.25", "7.2.4", "v1.8": a version with at least one dot.
    static func isVersion(_ word: String) -> Bool {
        let digits = word.hasPrefix("v") ? word.dropFirst() : Substring(word)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// What people write apart that a slot reads as one value: a number and its unit ("1 gigabyte" → `1Gi`),
    /// and an environment variable set "to" a value ("set LOG_LEVEL to debug" → `LOG_LEVEL=debug`, for names
    /// written as variables are: capitals with an underscore).
    public static func joiningValues(_ tokens: [RequestToken]) -> [RequestToken] {
        var result: [RequestToken] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if index + 1 < tokens.count, !token.quoted, !tokens[index + 1].quoted,
                let amount = token.text.allSatisfy({ $0.isNumber || $0 == "." }) && token.text.first?.isNumber == true
                    ? token.text : amountWords[token.norm],
                let unit = unitWords[tokens[index + 1].norm]
            {
                result.append(RequestToken(text: amount + unit, endsSentence: tokens[index + 1].endsSentence))
                index += 2
                continue
            }
            // "half a gig": half of one unit of memory.
            if index + 2 < tokens.count, !token.quoted, token.norm == "half", ["a", "an"].contains(tokens[index + 1].norm),
                !tokens[index + 2].quoted, let unit = unitWords[tokens[index + 2].norm], let half = halfUnits[unit]
            {
                result.append(RequestToken(text: half, endsSentence: tokens[index + 2].endsSentence))
                index += 3
                continue
            }
            // "two cores": a number said as a word before whole CPUs.
            if index + 1 < tokens.count, !token.quoted, !["a", "an"].contains(token.norm), let amount = amountWords[token.norm],
                !tokens[index + 1].quoted, cpuWords.contains(tokens[index + 1].norm)
            {
                result.append(RequestToken(text: amount))
                index += 1
                continue
            }
            if index + 2 < tokens.count, !token.quoted, tokens[index + 1].norm == "to", !tokens[index + 1].quoted,
                token.text.contains("_"), token.text.allSatisfy({ ($0.isUppercase && $0.isASCII) || $0.isNumber || $0 == "_" }),
                token.text.first?.isLetter == true, !tokens[index + 2].text.contains("=")
            {
                let value = tokens[index + 2]
                result.append(RequestToken(text: token.text + "=" + value.text, endsSentence: value.endsSentence))
                index += 3
                continue
            }
            // "nginx 1.23", "redis 7.2": a well-known image and a version, said apart, are that image's tag.
            if index + 1 < tokens.count, !token.quoted, !tokens[index + 1].quoted,
                wellKnownImages.contains(token.norm), isVersion(tokens[index + 1].norm)
            {
                var joined = RequestToken(text: token.norm + ":" + tokens[index + 1].norm,
                    endsSentence: tokens[index + 1].endsSentence)
                joined.endsClause = tokens[index + 1].endsClause
                result.append(joined)
                index += 2
                continue
            }
            // "2-8", "1-5": a range of counts, read as "from 2 to 8" (not a field of cron's text: "* * * 1-5").
            let afterCronField = result.last.map { $0.norm == "*" || $0.norm.hasPrefix("*/") } ?? false
            if !token.quoted, !afterCronField, let dash = token.norm.firstIndex(of: "-"),
                let low = Int(token.norm[..<dash]), let high = Int(token.norm[token.norm.index(after: dash)...]),
                token.norm.count <= 7, low < high
            {
                var last = RequestToken(text: String(high), endsSentence: token.endsSentence)
                last.endsClause = token.endsClause
                result += [RequestToken(text: "from"), RequestToken(text: String(low)), RequestToken(text: "to"), last]
                index += 1
                continue
            }
            // "localhost:3000", "127.0.0.1:8080": a local port.
            if !token.quoted, let colon = token.norm.lastIndex(of: ":"),
                ["localhost", "127.0.0.1"].contains(token.norm[..<colon]),
                let port = Int(token.norm[token.norm.index(after: colon)...]), (1...65_535).contains(port)
            {
                result.append(RequestToken(text: "localhost"))
                result.append(RequestToken(text: String(port), endsSentence: token.endsSentence))
                index += 1
                continue
            }
            result.append(token)
            index += 1
        }
        return result
    }

    static func rawTokens(of request: String) -> [RequestToken] {
        if let tokens = asciiTokens(of: request) { return tokens }
        var tokens: [RequestToken] = []
        var current = ""
        var quote: Character?
        var currentQuoted = false
        var currentCode = false
        // Whether the word being read follows a closing quote with no space between ("'api'."): its "." ends the
        // sentence and is no folder.
        var afterQuote = false

        func flush() {
            finish(current, quoted: currentQuoted, code: currentCode, afterQuote: afterQuote, into: &tokens)
            current = ""
            currentQuoted = false
            currentCode = false
            afterQuote = false
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
                    afterQuote = true
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
            } else if character == "'" && (current.isEmpty || current.last == "=") {
                // `--schedule='0 * * * *'`: after an option's "=" a quote opens its value.
                if !current.isEmpty { flush() }
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

    /// Adds the word just read: quoted as it is; otherwise without trailing punctuation (noting whether it ended a
    /// sentence) and surrounding brackets.
    private static func finish(
        _ current: String, quoted: Bool, code: Bool = false, afterQuote: Bool = false, into tokens: inout [RequestToken]
    ) {
        if quoted {
            var token = RequestToken(text: current, quoted: true)
            token.code = code
            tokens.append(token)
            return
        }
        var word = Substring(current)
        // "before I touch anything - which context am I on?": a dash standing alone ends a clause, as a comma does.
        // (`-f -` keeps its dash: after an option it is standard input.)
        if !afterQuote, ["-", "–", "—"].contains(current), tokens.last.map({ $0.quoted || !$0.text.hasPrefix("-") }) ?? true {
            if !tokens.isEmpty, !tokens[tokens.count - 1].endsSentence { tokens[tokens.count - 1].endsClause = true }
            return
        }
        // A word that is only "." or ".." is a folder ("docker build ."), not punctuation.
        if !afterQuote, current == "." || current == ".." {
            tokens.append(RequestToken(text: current))
            return
        }
        var ends = false
        var clause = false
        while let last = word.last, trailingPunctuation.contains(last) {
            ends = ends || sentenceEnds.contains(last)
            clause = clause || last == "," || last == ":"
            word = word.dropLast()
        }
        // Punctuation after a quoted word ("restart 'api'.") ends that word's sentence.
        if word.isEmpty, ends, !tokens.isEmpty { tokens[tokens.count - 1].endsSentence = true }
        // "(in srvthreds)" and friends: brackets around words are not part of them.
        while let first = word.first, first == "(" || first == "[" { word = word.dropFirst() }
        while let last = word.last, last == ")" || last == "]" { word = word.dropLast() }
        if !word.isEmpty {
            var token = RequestToken(text: String(word), endsSentence: ends)
            token.endsClause = clause && !ends
            tokens.append(token)
        }
    }

    // MARK: - Plain ASCII

    /// Which ASCII bytes are line ends and white space, asked of `Character` itself so the two readings agree.
    private static let asciiNewlines = (0..<128).map { Character(Unicode.Scalar(UInt8($0))).isNewline }
    private static let asciiWhitespace = (0..<128).map { Character(Unicode.Scalar(UInt8($0))).isWhitespace }

    /// ``tokens(of:)`` for plain ASCII without a carriage return, where every byte is one `Character` ("\r\n" is
    /// one `Character` of two bytes): the same reading, byte by byte, without Unicode's grapheme rules. nil for any
    /// other text.
    private static func asciiTokens(of request: String) -> [RequestToken]? {
        guard request.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else { return nil }
        let backtick = UInt8(ascii: "`"), doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
        var tokens: [RequestToken] = []
        var current: [UInt8] = []
        var quote: UInt8?
        var currentQuoted = false
        var currentCode = false
        var afterQuote = false
        var previous = UInt8(ascii: " ")

        func flush() {
            finish(
                String(decoding: current, as: UTF8.self), quoted: currentQuoted, code: currentCode,
                afterQuote: afterQuote, into: &tokens)
            current.removeAll(keepingCapacity: true)
            currentQuoted = false
            currentCode = false
            afterQuote = false
        }

        for byte in request.utf8 {
            defer { previous = byte }
            if let open = quote {
                if byte == open {
                    if open == backtick && previous == backtick && current.isEmpty { continue }
                    quote = nil
                    currentQuoted = true
                    currentCode = open == backtick
                    flush()
                    afterQuote = true
                } else if open == backtick && byte == backtick {
                    continue
                } else {
                    current.append(byte)
                }
            } else if byte == backtick {
                if previous == backtick { continue }
                if !current.isEmpty { flush() }
                quote = backtick
            } else if byte == doubleQuote {
                if !current.isEmpty { flush() }
                quote = doubleQuote
            } else if byte == singleQuote && (current.isEmpty || current.last == UInt8(ascii: "=")) {
                // `--schedule='0 * * * *'`: after an option's "=" a quote opens its value.
                if !current.isEmpty { flush() }
                quote = singleQuote
            } else if asciiNewlines[Int(byte)] {
                flush()
                if !tokens.isEmpty { tokens[tokens.count - 1].endsSentence = true }
            } else if asciiWhitespace[Int(byte)] {
                flush()
            } else {
                current.append(byte)
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
