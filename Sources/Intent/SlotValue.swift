/// The value of one slot of an intent: a word or a whole number.
public enum SlotValue: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral
{
    case text(String)
    case number(Int)
    /// Several words: KEY=VALUE pairs, a command's arguments.
    case list([String])
    /// KEY=VALUE pairs whose values are secret: encoded and printed as KEY=(hidden), never with the values.
    case secret([String])

    /// What a secret value is shown as.
    public static let hidden = "(hidden)"

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let list = try? container.decode([String].self) {
            self = .list(list)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        // A list may hold a secret-looking `KEY=VALUE` (`set: [db.passwd=…]`): its value is not encoded.
        case .list(let list): try container.encode(SecretPolicy.hide(arguments: list))
        case .secret(let pairs): try container.encode(Self.redacted(pairs))
        }
    }

    /// `KEY=(hidden)` for each `KEY=VALUE`.
    public static func redacted(_ pairs: [String]) -> [String] {
        pairs.map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return hidden }
            return pair[..<equals] + "=" + hidden
        }
    }

    public var list: [String]? {
        switch self {
        case .list(let list), .secret(let list): return list
        default: return nil
        }
    }

    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var number: Int? {
        if case .number(let number) = self { return number }
        return nil
    }

    public var description: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return String(number)
        case .list(let list): return list.joined(separator: " ")
        case .secret(let pairs): return Self.redacted(pairs).joined(separator: " ")
        }
    }
}
