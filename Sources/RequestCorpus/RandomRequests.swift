import Intent

/// Seeded random requests for fuzzing the parser and planner: random characters (printable, control,
/// unicode look-alikes, shell syntax) and salads of real words. The same seed gives the same requests.
public struct RandomRequests: Sendable {
    var state: UInt64
    let words: [String]

    public init(seed: UInt64, catalog: RuleCatalog) {
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
        var vocabulary: Set<String> = ["-n", "--namespace", "kubectl", "helm", "docker", "'", "\"", "--", "="]
        for rule in catalog.rules {
            for example in rule.matchExamples { vocabulary.formUnion(example.words) }
        }
        words = vocabulary.sorted()
    }

    /// The kinds of input the fuzzer makes.
    public enum Generator: String, Sendable, CaseIterable {
        case characters = "random characters"
        case wordSalad = "word salads"
    }

    /// One input of the given kind.
    public mutating func request(from generator: Generator) -> String {
        switch generator {
        case .characters: characters()
        case .wordSalad: wordSalad()
        }
    }

    /// xorshift64*: small, fast and good enough to spread inputs.
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    static let alphabet: [Character] = Array(
        "abcdefghijklmnopqrstuvwxyz0123456789 -_./:=%;|&$`'\"<>(){}[]\\*?!#~,\t\n\u{0}\u{1B}\u{7F}"
            + "аеорсхАЕОРСХ\u{200B}\u{202E}\u{FEFF}ｓｃａｌｅ😀")

    /// Random characters: anything a hostile or broken input might hold.
    public mutating func characters() -> String {
        let length = below(80)
        return String((0..<length).map { _ in Self.alphabet[below(Self.alphabet.count)] })
    }

    /// Real words in random order, sometimes with a random character word among them.
    public mutating func wordSalad() -> String {
        let count = 1 + below(8)
        return (0..<count).map { _ in below(6) == 0 ? characters() : words[below(words.count)] }
            .joined(separator: " ")
    }
}
