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
    /// Phrases that mean the whole cluster ("in all namespaces", "everywhere", "cluster-wide"), taken out of a
    /// request like a namespace clause; kubectl's `-A` and `--all-namespaces` are read in code beside `-n`.
    public var everyNamespace: [String]
    /// Shorthand people type, and the word each stands for ("desc" → describe, "img" → image), read as that word
    /// wherever it is not quoted.
    public var shorthand: [String: String]
    /// Words of a frame and the other words that mean the same in every frame ("increase" → raise, bump, boost):
    /// a frame that reads the first reads the others too. Used when the rules are compiled.
    public var synonyms: [String: [String]]

    /// Filler phrases as token sequences, longest first so "i would like to" wins over "i".
    public private(set) var fillerPhrases: [[String]] = []
    /// The filler phrases by their first word, longest first.
    public private(set) var fillersByFirstWord: [String: [[String]]] = [:]
    private var kindByWord: [String: String] = [:]
    /// The words of ``kindByWord`` of five characters or more, in its order: those a typo can stand for.
    private var typoKinds: [(word: String, kind: String)] = []
    /// The same words by length and letters, numbered by their place in ``typoKinds``.
    private var nearKinds = NearWords([])

    /// The words the rules' frames read as what to do (``RequestFrame/ownWords``: "start", "compose", "logs"),
    /// set by the catalogue: never a name in a list of names.
    public internal(set) var actionWords: Set<String> = []

    /// The whole-cluster phrases as token sequences, longest first.
    public private(set) var everyNamespacePhrases: [[String]] = []
    /// The same phrases by their first word, longest first.
    private(set) var everyNamespaceByFirstWord: [String: [[String]]] = [:]

    enum CodingKeys: String, CodingKey {
        case fillers, numbers, kinds, workloads
        case everyNamespace = "every_namespace"
        case shorthand, synonyms
    }

    public init(
        fillers: [String], numbers: [String: Int], kinds: [String: [String]], workloads: [String],
        everyNamespace: [String] = [], shorthand: [String: String] = [:], synonyms: [String: [String]] = [:]
    ) {
        self.fillers = fillers
        self.numbers = numbers
        self.kinds = kinds
        self.workloads = workloads
        self.everyNamespace = everyNamespace
        self.shorthand = shorthand
        self.synonyms = synonyms
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
        everyNamespace = try container.decodeIfPresent([String].self, forKey: .everyNamespace) ?? []
        shorthand = try container.decodeIfPresent([String: String].self, forKey: .shorthand) ?? [:]
        synonyms = try container.decodeIfPresent([String: [String]].self, forKey: .synonyms) ?? [:]
        index()
    }

    /// A frame's cues and needs with the synonyms of each single word added beside it (``synonyms``).
    func withSynonyms(cues: [String], needs: [String]) -> (cues: [String], needs: [String]) {
        guard !synonyms.isEmpty else { return (cues, needs) }
        var allCues = cues
        for cue in cues { allCues += (synonyms[cue.lowercased()] ?? []).filter { !allCues.contains($0) } }
        let allNeeds = needs.map { group in
            var words = group.split(separator: "|").map(String.init)
            for word in words { words += (synonyms[word.lowercased()] ?? []).filter { !words.contains($0) } }
            return words.joined(separator: "|")
        }
        return (allCues, allNeeds)
    }

    private mutating func index() {
        fillerPhrases = fillers.map { $0.lowercased().split(separator: " ").map(String.init) }
            .sorted { $0.count > $1.count }
        for phrase in fillerPhrases {
            if let first = phrase.first { fillersByFirstWord[first, default: []].append(phrase) }
        }
        everyNamespacePhrases = everyNamespace.map { $0.lowercased().split(separator: " ").map(String.init) }
            .sorted { $0.count > $1.count }
        for (kind, words) in kinds {
            kindByWord[kind] = kind
            for word in words { kindByWord[word.lowercased()] = kind }
        }
        typoKinds = kindByWord.compactMap { $0.key.count >= 5 ? (word: $0.key, kind: $0.value) : nil }
        nearKinds = NearWords(typoKinds.enumerated().map { (number: $0.offset, word: $0.element.word) })
        for phrase in everyNamespacePhrases {
            if let first = phrase.first { everyNamespaceByFirstWord[first, default: []].append(phrase) }
        }
    }

    /// The canonical kind a word names, allowing one typo in words of five letters or more.
    /// A possessive names the kind too: "the frontend service's port".
    public func kind(named word: String) -> (kind: String, typos: Int)? {
        let word = Self.droppingPossessive(word.lowercased())
        if let kind = kindByWord[word] { return (kind, 0) }
        guard word.utf8.count >= 5, word.count >= 5 else { return nil }
        // The first of ``typoKinds`` within one edit. Comparing bytes misses only a word that is one of them by
        // Unicode's canonical equivalence, which ``kindByWord`` answered above.
        var first: Int?
        var bytes = word
        bytes.withUTF8 { typed in
            nearKinds.forEach(near: typed) { number, _ in first = min(first ?? number, number) }
        }
        return first.map { (typoKinds[$0].kind, 1) }
    }

    /// "service's" → "service", "backend’s" → "backend"; any other word as it is.
    public static func droppingPossessive(_ word: String) -> String {
        // Both end in the letter s, and only a word whose last byte is an s can end in that letter.
        guard word.utf8.last == UInt8(ascii: "s") else { return word }
        for suffix in ["'s", "’s"] where word.hasSuffix(suffix) && word.count > suffix.count + 1 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// The words with each unquoted shorthand read as the word it stands for ("desc" → "describe"); the text
    /// as typed stays.
    public func expandingShorthand(_ tokens: [RequestToken]) -> [RequestToken] {
        var tokens = tokens
        // "get rid of the srvthreds namespace": one verb of three words, never "get" with a thing named "rid".
        var index = 0
        while index + 2 < tokens.count {
            let words = tokens[index...(index + 2)]
            if words.allSatisfy({ !$0.quoted && !$0.code }), ["get", "got", "getting"].contains(words[index].norm),
                words[index + 1].norm == "rid", words[index + 2].norm == "of"
            {
                var verb = tokens[index]
                verb.norm = "remove"
                verb.text = words.map(\.text).joined(separator: " ")
                verb.endsClause = tokens[index + 2].endsClause
                verb.endsSentence = tokens[index + 2].endsSentence
                tokens.replaceSubrange(index...(index + 2), with: [verb])
            }
            index += 1
        }
        guard !shorthand.isEmpty else { return tokens }
        return tokens.map { token in
            guard !token.quoted, !token.code, let word = shorthand[token.norm] else { return token }
            var expanded = token
            expanded.norm = word
            return expanded
        }
    }

    /// The number a word means: digits ("3") or a number word ("three").
    public func number(from word: String) -> Int? {
        if let value = Int(word), value >= 0, word.count <= 6 { return value }
        return numbers[word.lowercased()]
    }
}
