/// The shared vocabulary of the rules: filler phrases, number words and resource kinds.
///
/// Loaded from `rules/lexicon.yaml`, so the words kagent understands live beside the rules that use them.
public struct Lexicon: Sendable, Decodable {
    /// Phrases that carry no meaning for an operation ("please", "can you"), dropped before matching.
    public var fillers: [String]
    /// Number words ("three" → 3).
    public var numbers: [String: Int]
    /// Canonical kind → every word that names it (plural, abbreviation, kubectl's short name).
    public var kinds: [String: [String]]
    /// Kinds that have replicas and can be scaled.
    public var workloads: [String]

    /// Filler phrases as token sequences, longest first so "i would like to" wins over "i".
    public private(set) var fillerPhrases: [[String]] = []
    /// The filler phrases by their first word, longest first.
    public private(set) var fillersByFirstWord: [String: [[String]]] = [:]
    private var kindByWord: [String: String] = [:]

    enum CodingKeys: String, CodingKey { case fillers, numbers, kinds, workloads }

    public init(fillers: [String], numbers: [String: Int], kinds: [String: [String]], workloads: [String]) {
        self.fillers = fillers
        self.numbers = numbers
        self.kinds = kinds
        self.workloads = workloads
        index()
    }

    /// No words at all: the lexicon of an empty catalogue.
    public static let empty = Lexicon(fillers: [], numbers: [:], kinds: [:], workloads: [])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fillers = try container.decode([String].self, forKey: .fillers)
        numbers = try container.decode([String: Int].self, forKey: .numbers)
        kinds = try container.decode([String: [String]].self, forKey: .kinds)
        workloads = try container.decode([String].self, forKey: .workloads)
        index()
    }

    private mutating func index() {
        fillerPhrases = fillers.map { $0.lowercased().split(separator: " ").map(String.init) }
            .sorted { $0.count > $1.count }
        for phrase in fillerPhrases {
            if let first = phrase.first { fillersByFirstWord[first, default: []].append(phrase) }
        }
        for (kind, words) in kinds {
            kindByWord[kind] = kind
            for word in words { kindByWord[word.lowercased()] = kind }
        }
    }

    /// The canonical kind a word names, allowing one typo in words of five letters or more.
    public func kind(named word: String) -> (kind: String, typos: Int)? {
        let word = word.lowercased()
        if let kind = kindByWord[word] { return (kind, 0) }
        guard word.count >= 5 else { return nil }
        for (candidate, kind) in kindByWord where candidate.count >= 5 && EditDistance.isWithinOne(word, candidate) {
            return (kind, 1)
        }
        return nil
    }

    /// The number a word means: digits ("3") or a number word ("three").
    public func number(from word: String) -> Int? {
        if let value = Int(word), value >= 0, word.count <= 6 { return value }
        return numbers[word.lowercased()]
    }
}
