/// What each word of one request can stand for, worked out once per request and shared by every pattern:
/// the pattern words it matches (exactly, or with one typo), and the resource kind it names.
///
/// Without it, every pattern compared every word against its literals with an edit distance: a few hundred
/// patterns made that the bulk of parsing.
struct WordIndex {
    /// Per word of the request: pattern word → typos (0 or 1).
    let literals: [[String: Int]]
    /// Every pattern word some word of the request can stand for.
    let present: Set<String>
    /// Per word of the request: the kind it names, if any.
    let kinds: [(kind: String, typos: Int)?]

    init(tokens: [RequestToken], vocabulary: Vocabulary, lexicon: Lexicon) {
        var literals: [[String: Int]] = []
        var present: Set<String> = []
        var kinds: [(kind: String, typos: Int)?] = []
        for token in tokens {
            var matches: [String: Int] = [:]
            if !token.quoted {
                let word = token.norm
                if vocabulary.words.contains(word) { matches[word] = 0 }
                let length = word.utf8.count
                if length >= 4 {
                    for candidateLength in (length - 1)...(length + 1) {
                        for candidate in vocabulary.byLength[candidateLength] ?? [] where candidate != word {
                            if EditDistance.isWithinOne(word, candidate) { matches[candidate] = 1 }
                        }
                    }
                }
                present.formUnion(matches.keys)
                kinds.append(lexicon.kind(named: word))
            } else {
                kinds.append(nil)
            }
            literals.append(matches)
        }
        self.literals = literals
        self.present = present
        self.kinds = kinds
    }

    /// The fewest typos with which the word at `position` stands for one of `words`, or nil.
    func typos(at position: Int, for words: [String]) -> Int? {
        var best: Int?
        for word in words {
            if let typos = literals[position][word], typos < (best ?? 2) { best = typos }
        }
        return best
    }
}

/// Every literal word of every pattern, and those of four letters or more by length (for typo lookups).
struct Vocabulary: Sendable {
    let words: Set<String>
    let byLength: [Int: [String]]

    init(patterns: [RulePattern]) {
        var words: Set<String> = []
        for pattern in patterns { words.formUnion(pattern.literalWords) }
        self.words = words
        var byLength: [Int: [String]] = [:]
        for word in words where word.utf8.count >= 4 { byLength[word.utf8.count, default: []].append(word) }
        self.byLength = byLength
    }
}
