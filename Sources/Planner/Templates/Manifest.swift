/// A Kubernetes object as kagent writes it from a template: an ordered tree that prints as YAML.
///
/// Keys keep the order they are written in (apiVersion, kind, metadata, spec), so the manifest shown in a plan
/// reads like one written by hand, and the same request always prints the same text.
public indirect enum Manifest: Sendable, Hashable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([Manifest])
    case map([Entry])

    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: Manifest
    }

    /// The value at a key of a map; nil for other values or a missing key.
    public subscript(key: String) -> Manifest? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// A map without the entries whose values are nil (optional fields left out).
    public static func fields(_ pairs: [(String, Manifest?)]) -> Manifest {
        .map(pairs.compactMap { key, value in value.map { Entry(key: key, value: $0) } })
    }

    /// The manifest as YAML, ending with a newline.
    public var yaml: String { lines(indent: 0).joined(separator: "\n") + "\n" }

    /// Several objects as one YAML stream.
    public static func yaml(_ objects: [Manifest]) -> String {
        objects.map(\.yaml).joined(separator: "---\n")
    }

    private var isScalar: Bool {
        switch self {
        case .string, .int, .bool: true
        case .list(let items): items.isEmpty
        case .map(let entries): entries.isEmpty
        }
    }

    private var scalarText: String {
        switch self {
        case .string(let text): Self.quoted(text)
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .list: "[]"
        case .map: "{}"
        }
    }

    private func lines(indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let entries) where !entries.isEmpty:
            return entries.flatMap { entry -> [String] in
                let key = Self.quoted(entry.key)
                if entry.value.isScalar { return ["\(pad)\(key): \(entry.value.scalarText)"] }
                // kubectl's style: a list's items at the key's own indent, a map's entries two spaces in.
                if case .list = entry.value { return ["\(pad)\(key):"] + entry.value.lines(indent: indent) }
                return ["\(pad)\(key):"] + entry.value.lines(indent: indent + 2)
            }
        case .list(let items) where !items.isEmpty:
            return items.flatMap { item -> [String] in
                if item.isScalar { return ["\(pad)- \(item.scalarText)"] }
                let inner = item.lines(indent: indent + 2)
                guard let first = inner.first else { return [] }
                return ["\(pad)- " + first.dropFirst(indent + 2)] + inner.dropFirst()
            }
        default:
            return [pad + scalarText]
        }
    }

    /// A string as a YAML scalar: plain when YAML reads it back as the same string, double-quoted otherwise
    /// ("*/5 * * * *", "true", "8080", "", "a: b").
    static func quoted(_ text: String) -> String {
        let lower = text.lowercased()
        let special = Set("-?:,[]{}#&*!|>'\"%@`")
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        let plain =
            !text.isEmpty && !reserved.contains(lower) && Double(text) == nil && Int(text) == nil
            && !(text.first.map { special.contains($0) || $0 == " " } ?? true) && text.last != " "
            && !text.contains(": ") && !text.contains(" #") && !text.hasSuffix(":")
            && text.allSatisfy { $0 != "\n" && $0 != "\t" && $0 != "\"" && $0 != "\\" }
            && !text.hasPrefix("0x") && !text.hasPrefix("0o")
        if plain { return text }
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}

extension Manifest: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Manifest...) { self = .list(elements) }
    /// Keeps the order written: `["apiVersion": "v1", "kind": "ServiceAccount"]`.
    public init(dictionaryLiteral elements: (String, Manifest)...) {
        self = .map(elements.map { Entry(key: $0.0, value: $0.1) })
    }
}

extension Manifest {
    /// JSON as a manifest: keys in the order kubectl prints them (sorted, as Go writes a map's keys), those of
    /// `first` ahead of the others in that order; nulls left out (an unset field), and a number that is not a whole
    /// number refused (no object kagent copies or creates holds one).
    static func json(_ value: JSONValue, first: [String] = [], refused: (String) -> PlannerError) throws(PlannerError)
        -> Manifest?
    {
        switch value {
        case .null: return nil
        case .bool(let flag): return .bool(flag)
        case .string(let text): return .string(text)
        case .number(let number):
            guard number == number.rounded(), let whole = Int(exactly: number) else {
                throw refused("a number that is not a whole number")
            }
            return .int(whole)
        case .array(let items):
            var list: [Manifest] = []
            for item in items {
                if let converted = try json(item, first: first, refused: refused) { list.append(converted) }
            }
            return .list(list)
        case .object(let fields):
            let keys = fields.keys.sorted { a, b in
                let (x, y) = (first.firstIndex(of: a) ?? first.count, first.firstIndex(of: b) ?? first.count)
                return x != y ? x < y : a < b
            }
            var entries: [Manifest.Entry] = []
            for key in keys {
                guard let field = fields[key] else { continue }
                if let converted = try json(field, first: first, refused: refused) {
                    entries.append(.init(key: key, value: converted))
                }
            }
            return .map(entries)
        }
    }
}
