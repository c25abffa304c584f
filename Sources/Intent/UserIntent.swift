/// What the user asked for, in kagent's own terms: an action and its slots.
///
/// Encodes as one flat JSON object, `{"action": "scale", "name": "backend", "replicas": 3}`:
/// this is the `intent` of the JSON contract and the only thing a language model may produce.
public struct UserIntent: Sendable, Hashable, Codable {
    public var action: String
    public var slots: [String: SlotValue]
    /// Where the intent came from (a rule id, or the model); not part of the JSON form.
    public var source: Source
    /// Words of the request that may each be the name, when it said several and no more ("pull its logs, the engine
    /// threw something around lunch": engine, lunch). The planner takes the one that names an object of the cluster,
    /// and no other; `name` holds the first. Empty when the request said one name. Not part of the JSON form.
    public var nameCandidates: [String] = []

    public enum Source: Sendable, Hashable {
        case rule(id: String)
        case model(name: String)
        case unspecified
    }

    public init(action: String, slots: [String: SlotValue] = [:], source: Source = .unspecified) {
        self.action = action
        self.slots = slots
        self.source = source
    }

    public subscript(slot: String) -> SlotValue? {
        get { slots[slot] }
        set { slots[slot] = newValue }
    }

    public func text(_ slot: String) -> String? { slots[slot]?.text ?? slots[slot].map(\.description) }
    public func number(_ slot: String) -> Int? { slots[slot]?.number }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var action: String?
        var slots: [String: SlotValue] = [:]
        for key in container.allKeys {
            if key.stringValue == "action" {
                action = try container.decode(String.self, forKey: key)
            } else {
                slots[key.stringValue] = try container.decode(SlotValue.self, forKey: key)
            }
        }
        guard let action else {
            throw DecodingError.keyNotFound(
                Key(stringValue: "action"),
                .init(codingPath: decoder.codingPath, debugDescription: "an intent needs an \"action\""))
        }
        self.init(action: action, slots: slots)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(action, forKey: Key(stringValue: "action"))
        for (name, value) in slots {
            try container.encode(value, forKey: Key(stringValue: name))
        }
    }

    /// Equality of what was asked, ignoring where it came from.
    public func sameRequest(as other: UserIntent) -> Bool {
        action == other.action && slots == other.slots
    }
}
