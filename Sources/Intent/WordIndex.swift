/// What each word of one request can stand for, worked out once per request and shared by every pattern:
/// the pattern words it matches (exactly, or with one typo), and the resource kind it names.
///
/// Without it, every pattern compared every word against its literals with an edit distance: a few hundred
/// patterns made that the bulk of parsing.
struct WordIndex {
    /// Per word of the request: the pattern words it stands for, each with its typos (0 or 1). A few at most, each
    /// once: a look along the list beats hashing.
    let literals: [[(word: String, id: Int, typos: Int)]]
    /// Every pattern word some word of the request can stand for, by its ``Vocabulary`` id.
    let present: WordSet
    /// The pattern words the first word of the request can stand for, by id.
    let first: WordSet
    /// Per word of the request: the kind it names, if any.
    let kinds: [(kind: String, typos: Int)?]
    private let vocabulary: Vocabulary

    /// - Parameter lookups: what the request's words stood for in its other readings, shared.
    init(tokens: [RequestToken], vocabulary: Vocabulary, lexicon: Lexicon, lookups: WordLookups = WordLookups()) {
        var literals: [[(word: String, id: Int, typos: Int)]] = []
        var present = WordSet(count: vocabulary.words.count)
        var first = WordSet(count: vocabulary.words.count)
        var kinds: [(kind: String, typos: Int)?] = []
        for token in tokens {
            guard !token.quoted else {
                literals.append([])
                kinds.append(nil)
                continue
            }
            let row = lookups.row(for: token.norm, vocabulary: vocabulary, lexicon: lexicon)
            for match in row.matches {
                present.insert(match.id)
                if literals.isEmpty { first.insert(match.id) }
            }
            literals.append(row.matches)
            kinds.append(row.kind)
        }
        self.literals = literals
        self.present = present
        self.first = first
        self.kinds = kinds
        self.vocabulary = vocabulary
    }

    /// Whether some word of the request stands for this pattern word.
    func isPresent(_ word: String) -> Bool {
        vocabulary.ids[word].map(present.contains) ?? false
    }

    /// The fewest typos with which the word at `position` stands for one of `words`, or nil.
    func typos(at position: Int, for words: [String]) -> Int? {
        var best: Int?
        for word in words {
            if let typos = typos(at: position, for: word), typos < (best ?? 2) { best = typos }
        }
        return best
    }

    /// The typos with which the word at `position` stands for `word`, or nil.
    func typos(at position: Int, for word: String) -> Int? {
        literals[position].first { $0.word == word }?.typos
    }
}

/// Every literal word of every pattern, each with a number (its id, for ``WordSet``), and those of four bytes or
/// more by length, for typo lookups.
struct Vocabulary: Sendable {
    /// The words, in id order.
    let words: [String]
    let ids: [String: Int]
    /// The ids of the words of four bytes or more, by their length in bytes.
    private let byLength: [Int: [Int]]
    /// The same words, for the typo lookup of plain ASCII words; nil when a word is not plain ASCII.
    private let near: NearWords?

    init(patterns: [RulePattern]) {
        var all: [String] = []
        for pattern in patterns { pattern.collectLiteralWords(into: &all) }
        // Each word once (by String equality, as in a Set), numbered in sorted order.
        var seen: Set<String> = []
        self.init(words: all.filter { seen.insert($0).inserted }.sorted())
    }

    /// The vocabulary of these words, each once, in id order (``words``, as the compiled catalogue keeps them).
    init(words: [String]) {
        var ids: [String: Int] = [:]
        for (id, word) in words.enumerated() { ids[word] = id }
        self.words = words
        var byLength: [Int: [Int]] = [:]
        for (id, word) in words.enumerated() where word.utf8.count >= 4 {
            byLength[word.utf8.count, default: []].append(id)
        }
        self.ids = ids
        self.byLength = byLength
        // Bytes compare as Strings do only when both sides are ASCII (Unicode's canonical equivalence makes
        // "\u{212A}" == "K"): a vocabulary with other words always takes the String path.
        let long = self.words.enumerated().filter { $0.element.utf8.count >= 4 }
        self.near =
            long.allSatisfy({ $0.element.utf8.allSatisfy { $0 < 0x80 } })
            ? NearWords(long.map { (number: $0.offset, word: $0.element) }) : nil
    }

    /// Calls `body` with the id of every word `word` stands for and its typos, each word once: the same word (0),
    /// and, for a word of four bytes or more, every other word within one edit (1,
    /// ``EditDistance/isWithinOne(_:_:)``).
    func forEachMatch(of word: String, _ body: (_ id: Int, _ typos: Int) -> Void) {
        if let id = ids[word] { body(id, 0) }
        let length = word.utf8.count
        guard length >= 4 else { return }
        var word = word
        let done: Bool = word.withUTF8 { typed in
            guard let near, typed.allSatisfy({ $0 < 0x80 }) else { return false }
            near.forEach(near: typed) { id, candidate in
                if !candidate.elementsEqual(typed) { body(id, 1) }
            }
            return true
        }
        if done { return }
        for candidateLength in (length - 1)...(length + 1) {
            for id in byLength[candidateLength] ?? [] where words[id] != word {
                if EditDistance.isWithinOne(word, words[id]) { body(id, 1) }
            }
        }
    }
}

/// A set of ``Vocabulary`` ids, one bit each.
struct WordSet {
    private var bits: [UInt64]

    init(count: Int) {
        bits = Array(repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ id: Int) {
        bits[id >> 6] |= 1 << UInt64(id & 63)
    }

    func contains(_ id: Int) -> Bool {
        bits[id >> 6] & (1 << UInt64(id & 63)) != 0
    }
}
