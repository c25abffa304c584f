/// The value of one slot of an intent: a word or a whole number.
public enum SlotValue: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral
{
    case text(String)
    case number(Int)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
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
        }
    }
}
