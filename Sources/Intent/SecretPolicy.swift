/// What kagent treats as secret, in one place: the plan text, the JSON, the audit log, the undo journal, the shell
/// history, the model request, error messages and echoes of the request all ask this type.
///
/// A value is secret when its key looks like one: the key part of `KEY=VALUE` (dotted helm keys such as
/// `db.passwd` too), an option such as `--password=VALUE` or `--token VALUE`, or a literal of `--from-literal`.
/// Keys match case-insensitively, anywhere in the key (`DB_PASSWORD`, `stripeApiKey`). Hidden values are shown
/// as ``SlotValue/hidden``.
public enum SecretPolicy {
    /// Key words that make a key secret, lower-case. A key containing one of them is secret.
    public static let keyWords = [
        "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "api_key", "api-key", "accesskey",
        "access_key", "access-key", "privatekey", "private_key", "private-key", "client-key", "credential",
    ]

    /// Options whose values are secret whatever their key when the words are about a secret
    /// (`kubectl create secret generic db --from-literal=user=bob`), not otherwise (a configmap's literals).
    public static let secretValueOptions = ["--from-literal"]

    /// Whether a key (`db.passwd`, `API_TOKEN`, `--password`) names a secret value.
    public static func isSecretKey(_ key: some StringProtocol) -> Bool {
        let lower = key.lowercased()
        if let found = asciiContains(lower, anyOf: keyWordBytes) { return found }
        return keyWords.contains { lower.contains($0) }
    }

    private static let keyWordBytes = keyWords.map { Array($0.utf8) }

    /// Whether ASCII text contains one of the byte strings; nil for other text. Foundation's search, used
    /// otherwise, compares by Unicode's canonical equivalence; on ASCII text it finds exactly what comparing bytes
    /// finds, at a small part of the cost.
    static func asciiContains(_ text: some StringProtocol, anyOf needles: [[UInt8]]) -> Bool? {
        var text = String(text)
        return text.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return needles.contains { needle in
                guard !needle.isEmpty else { return true }
                guard needle.count <= bytes.count else { return false }
                return (0...(bytes.count - needle.count)).contains { start in
                    bytes[start..<(start + needle.count)].elementsEqual(needle)
                }
            }
        }
    }

    /// Whether the words are about a Kubernetes secret, so that ``secretValueOptions`` carry secret values.
    static func isAboutSecret(_ words: [String]) -> Bool {
        words.contains { word in
            let lower = word.lowercased()
            return lower == "secret" || lower == "secrets" || lower.hasPrefix("secret/")
        }
    }

    // MARK: - Hiding

    /// Free text with every secret value replaced by `(hidden)`: `KEY=VALUE` → `KEY=(hidden)`, `--token x` →
    /// `--token (hidden)`, `password: x` → `password: (hidden)`. Everything else stays as it was, spacing too.
    /// A quoted value (`password='a b'`) is hidden whole.
    public static func hide(in text: String) -> String {
        var output = ""
        var hideNext = false
        let words = words(of: text)
        let literals = isAboutSecret(words.map(\.word))
        for (word, separator) in words {
            if hideNext && isValue(word) {
                output += SlotValue.hidden
                hideNext = false
            } else {
                let shown = hide(word: word, literals: literals)
                output += shown
                // `--password hunter2`, `password: hunter2`: the word after a bare secret key.
                hideNext = shown == word && isBareSecretKey(word)
            }
            output += separator
        }
        return output
    }

    /// One word with its secret value hidden: `db.passwd=x` → `db.passwd=(hidden)`,
    /// `--set=a=1,db.password=x` → `--set=a=1,db.password=(hidden)`, `--from-literal=user=x` →
    /// `--from-literal=user=(hidden)`. A word without one comes back unchanged.
    public static func hide(word: String, literals: Bool = false) -> String {
        // A terminal's colour codes (ESC [ … letter) around a value are kept; the text between them is looked at.
        guard asciiContains(word, anyOf: [[0x1B]]) ?? word.contains("\u{1B}") else {
            return hide(assignment: word[...], literals: literals)
        }
        var output = ""
        var rest = word[...]
        while let escape = rest.firstIndex(of: "\u{1B}") {
            output += hide(assignment: rest[..<escape], literals: literals)
            var end = rest.index(after: escape)
            if end < rest.endIndex, rest[end] == "[" {
                end = rest.index(after: end)
                while end < rest.endIndex, !(rest[end].isLetter) { end = rest.index(after: end) }
                if end < rest.endIndex { end = rest.index(after: end) }
            }
            output += rest[escape..<end]
            rest = rest[end...]
        }
        return output + hide(assignment: rest, literals: literals)
    }

    /// Every word of a command's argv, each with its secret value hidden (`--password x`: the x too).
    public static func hide(arguments: [String]) -> [String] {
        var shown: [String] = []
        var hideNext = false
        let literals = isAboutSecret(arguments)
        for word in arguments {
            if hideNext && isValue(word) {
                shown.append(SlotValue.hidden)
                hideNext = false
                continue
            }
            let hidden = hide(word: word, literals: literals)
            shown.append(hidden)
            hideNext = hidden == word && word.hasPrefix("-") && isBareSecretKey(word)
        }
        return shown
    }

    /// The request with every secret value hidden: the secret-looking ones, and the values of the intents' secret
    /// slots (`create secret db with user=bob`: bob too, though `user` does not look secret).
    public static func hide(request: String, intents: [UserIntent]) -> String {
        var shown = hide(in: request)
        for intent in intents {
            for value in intent.slots.values {
                guard case .secret(let pairs) = value else { continue }
                for pair in pairs {
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    let key = pair[...equals]
                    let secret = pair[pair.index(after: equals)...]
                    guard !secret.isEmpty else { continue }
                    for quote in ["", "\"", "'"] {
                        shown = shown.replacingOccurrences(
                            of: key + quote + secret + quote, with: key + SlotValue.hidden)
                    }
                }
            }
        }
        return shown
    }

    // MARK: - Checks

    /// Whether a command line carries a secret value: kagent never passes those through, since a plan is shown,
    /// logged and kept in the history.
    public static func carriesSecretValue(_ words: [String]) -> Bool {
        hide(arguments: words) != words
    }

    /// Whether a line typed in the shell may go to the history file: not when it mentions anything secret-looking
    /// at all (`create secret db with user=bob` carries a value that is secret by where it goes, not by its key).
    public static func mayRecordInHistory(_ line: String) -> Bool {
        !isSecretKey(line)
    }

    // MARK: - Words

    /// `KEY=VALUE` with the value hidden when the key is secret; else the value looked into again
    /// (`--set=db.passwd=x`: `--set` is not secret, `db.passwd` is).
    static func hide(assignment word: Substring, literals: Bool = false) -> String {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return String(word) }
        let key = word[..<equals]
        let value = word[word.index(after: equals)...]
        // Empty, or hidden already (`db.passwd=(hidden))` stays as it is).
        if value.isEmpty || value.hasPrefix(SlotValue.hidden) { return String(word) }
        if literals && secretValueOptions.contains(key.lowercased()) {
            // `--from-literal=user=bob`: the literal's own key stays.
            guard let inner = value.firstIndex(of: "="), inner != value.startIndex else {
                return word[...equals] + SlotValue.hidden
            }
            return word[...inner] + SlotValue.hidden
        }
        if isSecretKey(key) { return word[...equals] + SlotValue.hidden }
        return word[...equals] + hide(assignment: value, literals: literals)
    }

    /// `--token`, `password:`: a secret key with its value in the next word.
    static func isBareSecretKey(_ word: String) -> Bool {
        guard !(asciiContains(word, anyOf: [[UInt8(ascii: "=")]]) ?? word.contains("=")) else { return false }
        if word.hasPrefix("-") { return isSecretKey(word) }
        return word.hasSuffix(":") && word.count > 1 && isSecretKey(word.dropLast())
    }

    /// Whether a word can be the value of the key before it (not another option).
    static func isValue(_ word: String) -> Bool {
        !word.isEmpty && !word.hasPrefix("-")
    }

    /// The words of a text, each with the white space after it. Quotes keep a value with spaces one word.
    static func words(of text: String) -> [(word: String, separator: String)] {
        var result: [(String, String)] = []
        var word = ""
        var separator = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                word.append(character)
                if character == open { quote = nil }
            } else if character.isWhitespace {
                separator.append(character)
            } else {
                if !separator.isEmpty {
                    result.append((word, separator))
                    word = ""
                    separator = ""
                }
                // A quote opens a value only at the start of a word or after `=`: "don't" opens nothing.
                if character == "\"" || character == "'", word.isEmpty || word.hasSuffix("=") { quote = character }
                word.append(character)
            }
        }
        if !word.isEmpty || !separator.isEmpty { result.append((word, separator)) }
        return result
    }
}
