/// Helm values whose values are secret (`--set db.passwd=…` in a request). They never go on a command line: the
/// executor writes them to a private values file (mode 0600, in a folder of its own with mode 0700) just before
/// the command starts, puts that file's path in place of ``argument``, and removes both after the step.
///
/// Shown, encoded and logged only as ``argument``: `--values=<private file with 1 secret value>`.
public struct PrivateValues: Sendable, Hashable, CustomStringConvertible {
    /// `KEY=VALUE` pairs; a key's dots nest (`db.passwd` is `db:` → `passwd:`). Never printed.
    public let pairs: [String]

    /// Why pairs cannot go into one values file.
    public enum Problem: Error, Sendable, Equatable {
        /// A key is both a value and a map of values (`db=x` and `db.passwd=y`), or is empty somewhere (`a..b`).
        case conflicting(key: String)
    }

    /// - Throws: ``Problem`` when the keys do not make one map.
    public init(pairs: [String]) throws(Problem) {
        self.pairs = pairs
        _ = try tree()
    }

    /// What stands for the file, in argv and wherever a plan is shown.
    public var placeholder: String {
        "<private file with \(pairs.count) secret value\(pairs.count == 1 ? "" : "s")>"
    }

    /// The argv word that stands for the file until the step runs.
    public var argument: String { "--values=" + placeholder }

    public var description: String { placeholder }

    /// Whether a word stands for a private values file.
    public static func isPlaceholder(_ word: String) -> Bool {
        word.hasPrefix("--values=<private file with ") && word.hasSuffix(">")
    }

    /// argv with the file's real path in place of ``argument``.
    public func substituting(path: String, in argv: [String]) -> [String] {
        argv.map { $0 == argument ? "--values=" + path : $0 }
    }

    /// The values file: nested maps from the dotted keys, every key and value a double-quoted YAML string (like
    /// helm's `--set-string`: a password of digits stays a string).
    public func yaml() -> String {
        // The keys were checked when the value was made.
        guard let tree = try? tree() else { return "{}\n" }
        return Self.lines(of: tree, indent: "").joined(separator: "\n") + "\n"
    }

    // MARK: - The tree

    indirect enum Node {
        case value(String)
        case map([(String, Node)])
    }

    /// The pairs as one map, keys in the order first said; a later value for the same key wins (as with --set).
    func tree() throws(Problem) -> [(String, Node)] {
        var root: [(String, Node)] = []
        for pair in pairs {
            let equals = pair.firstIndex(of: "=") ?? pair.endIndex
            let key = String(pair[..<equals])
            let value = equals < pair.endIndex ? String(pair[pair.index(after: equals)...]) : ""
            let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.contains(where: \.isEmpty) else { throw .conflicting(key: key) }
            try Self.insert(value, at: path[...], into: &root, key: key)
        }
        return root
    }

    static func insert(
        _ value: String, at path: ArraySlice<String>, into map: inout [(String, Node)], key: String
    ) throws(Problem) {
        guard let first = path.first else { return }
        let index = map.firstIndex { $0.0 == first }
        if path.count == 1 {
            if let index {
                guard case .value = map[index].1 else { throw .conflicting(key: key) }
                map[index].1 = .value(value)
            } else {
                map.append((first, .value(value)))
            }
            return
        }
        var inner: [(String, Node)] = []
        if let index {
            guard case .map(let existing) = map[index].1 else { throw .conflicting(key: key) }
            inner = existing
        }
        try insert(value, at: path.dropFirst(), into: &inner, key: key)
        if let index { map[index].1 = .map(inner) } else { map.append((first, .map(inner))) }
    }

    static func lines(of map: [(String, Node)], indent: String) -> [String] {
        map.flatMap { key, node -> [String] in
            switch node {
            case .value(let value): return ["\(indent)\(quoted(key)): \(quoted(value))"]
            case .map(let inner): return ["\(indent)\(quoted(key)):"] + lines(of: inner, indent: indent + "  ")
            }
        }
    }

    /// A YAML double-quoted scalar: backslash, quote and control characters escaped, the rest as is.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
