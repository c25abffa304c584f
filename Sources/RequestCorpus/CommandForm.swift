import Intent

/// A kubectl or docker command in one form, so that two ways of writing the same argv compare equal: short flags
/// as long ones, `--flag value` as `--flag=value`, a kind's alias or plural as its singular (the lexicon's kinds),
/// `KIND NAME` as `KIND/NAME`, and flags in any order. Only for comparing labels with plans: kagent runs the argv it
/// shows.
struct CommandForm: Equatable {
    var words: [String]
    var flags: Set<String>

    /// Flags that take the next word as their value when written without `=`.
    private static let valued: Set<String> = [
        "namespace", "output", "container", "selector", "tail", "since", "sort-by", "replicas", "image", "port",
        "target-port", "type", "name", "field-selector", "context", "timeout", "to-revision", "revision", "format",
        "filter", "tag", "file", "values", "cpu-percent", "min", "max",
    ]
    private static let short: [String: String] = [
        "n": "namespace", "o": "output", "c": "container", "l": "selector", "A": "all-namespaces", "t": "tag",
    ]
    /// kubectl verbs whose `KIND NAME` is one object.
    private static let objectVerbs: Set<String> = ["get", "describe", "logs", "delete", "edit", "exec", "port-forward"]

    /// nil for a command of several lines (a manifest), or one that is not kubectl's or docker's.
    init?(_ command: String, lexicon: Lexicon) {
        guard !command.contains("\n"), let argv = Self.split(command), let tool = argv.first,
            ["kubectl", "docker"].contains(tool)
        else { return nil }
        var words: [String] = []
        var flags: Set<String> = []
        var index = 1
        var literal = false
        let logs = argv.count > 1 && argv[1] == "logs"
        while index < argv.count {
            let word = argv[index]
            index += 1
            if literal || word == "--" {
                literal = true
                words.append(word)
                continue
            }
            if word.hasPrefix("-"), word.count > 1 {
                var name: String
                var value: String?
                if word.hasPrefix("--") {
                    let body = word.dropFirst(2)
                    if let equals = body.firstIndex(of: "=") {
                        name = String(body[..<equals])
                        value = String(body[body.index(after: equals)...])
                    } else {
                        name = String(body)
                    }
                } else {
                    let letter = String(word.dropFirst())
                    name = logs && letter == "f" ? "follow" : Self.short[letter] ?? letter
                }
                if value == nil, Self.valued.contains(name), index < argv.count {
                    value = argv[index]
                    index += 1
                }
                if name == "output", let shown = value, shown == "yml" { value = "yaml" }
                flags.insert(value.map { "--\(name)=\($0)" } ?? "--\(name)")
                continue
            }
            words.append(tool == "kubectl" ? Self.kind(word, lexicon: lexicon) : word)
        }
        // `get service x` is `get service/x`.
        if tool == "kubectl", words.count == 3, Self.objectVerbs.contains(words[0]),
            lexicon.kind(named: words[1])?.typos == 0
        {
            words = [words[0], "\(words[1])/\(words[2])"]
        }
        self.words = [tool] + words
        self.flags = flags
    }

    /// A kind's word (alone, or before `/NAME`) as the lexicon's canonical kind; any other word as it is.
    private static func kind(_ word: String, lexicon: Lexicon) -> String {
        func canonical(_ word: String) -> String {
            lexicon.kind(named: word).flatMap { $0.typos == 0 ? $0.kind : nil } ?? word
        }
        if let slash = word.firstIndex(of: "/") {
            return canonical(String(word[..<slash])) + word[slash...]
        }
        return canonical(word)
    }

    /// The words of a command as shown (single quotes with `'\''` inside); nil when its quoting is not closed.
    static func split(_ command: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        var escaped = false
        for character in command {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted {
                if character == "'" { quoted = false } else { current.append(character) }
            } else if character == "'" {
                quoted = true
                inWord = true
            } else if character == "\\" {
                inWord = true
                escaped = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard !quoted else { return nil }
        if inWord { words.append(current) }
        return words
    }
}
