/// Every pattern of the catalogue in the order the rules are tried, each with the quick tests of
/// ``RulePattern/canStart(_:)`` and ``RulePattern/mayMatch(_:)`` in word ids (``Vocabulary``): a request's words
/// rule out most patterns with a few bit tests, without hashing a word or copying a rule.
struct PatternFilter: Sendable {
    /// One pattern: where it is, and ranges into ``firstIDs`` and ``groups``.
    struct Entry: Sendable {
        /// The rule's place in ``RuleCatalog/orderedRules``, and the pattern's in the rule.
        let rule: Int
        let pattern: Int
        let fallback: Bool
        /// The words a match can start with; nil when it can start with a slot.
        let first: Range<Int>?
        /// The pattern's required words, each a group of alternatives of which one must be there.
        let required: Range<Int>
        /// How many words the request may have (``RulePattern/wordCounts``).
        let wordCounts: ClosedRange<Int>
        /// The words inside groups it needs as well (``WordRequirement``); nil when those above are all.
        let requirement: WordRequirement?
    }

    let entries: [Entry]
    private let firstIDs: [Int]
    private let groups: [Range<Int>]
    private let groupIDs: [Int]
    /// The entries each word can start, one bit per entry, ``wordsPerSet`` UInt64 per word id one after another;
    /// and those that can start with a slot.
    private let startedBy: [UInt64]
    private let startingWithSlot: [UInt64]
    private let wordsPerSet: Int

    /// Read back from the compiled catalogue (``archive(to:)``): the entries and their words as built, the bit sets
    /// made again from them.
    private init(entries: [Entry], firstIDs: [Int], groups: [Range<Int>], groupIDs: [Int], vocabularySize: Int) {
        self.entries = entries
        self.firstIDs = firstIDs
        self.groups = groups
        self.groupIDs = groupIDs
        let words = (entries.count + 63) / 64
        var startedBy = [UInt64](repeating: 0, count: words * vocabularySize)
        var startingWithSlot = [UInt64](repeating: 0, count: words)
        for (number, entry) in entries.enumerated() {
            guard let first = entry.first else {
                startingWithSlot[number >> 6] |= 1 << UInt64(number & 63)
                continue
            }
            for id in firstIDs[first] { startedBy[id * words + (number >> 6)] |= 1 << UInt64(number & 63) }
        }
        self.startedBy = startedBy
        self.startingWithSlot = startingWithSlot
        self.wordsPerSet = words
    }

    init(rules: [IntentRule], vocabulary: Vocabulary) {
        var entries: [Entry] = []
        var firstIDs: [Int] = []
        var groups: [Range<Int>] = []
        var groupIDs: [Int] = []
        // Every pattern word is in the vocabulary, which is made of them.
        func ids(_ words: some Sequence<String>) -> [Int] { words.compactMap { vocabulary.ids[$0] } }
        for (ruleIndex, rule) in rules.enumerated() {
            for (patternIndex, pattern) in rule.patterns.enumerated() {
                var first: Range<Int>?
                if let words = pattern.firstWords {
                    let start = firstIDs.count
                    firstIDs += ids(words)
                    first = start..<firstIDs.count
                }
                let start = groups.count
                for words in pattern.requiredWords {
                    let groupStart = groupIDs.count
                    groupIDs += ids(words)
                    groups.append(groupStart..<groupIDs.count)
                }
                let counts = pattern.wordCounts
                // The top-level words are in `required`: the formula is kept only for what groups need.
                let grouped = pattern.nodes.filter { if case .group = $0 { return true } else { return false } }
                entries.append(
                    Entry(
                        rule: ruleIndex, pattern: patternIndex, fallback: rule.fallback, first: first,
                        required: start..<groups.count, wordCounts: counts.least...(counts.most ?? Int.max),
                        requirement: WordRequirement.of(grouped) { vocabulary.ids[$0] }))
            }
        }
        self.init(
            entries: entries, firstIDs: firstIDs, groups: groups, groupIDs: groupIDs,
            vocabularySize: vocabulary.words.count)
    }

    /// The entries that can match a request with these words, in entry order: those its first word can start (see
    /// ``admits(_:_:)``), and those that start with a slot. For a request without words, every entry.
    func candidates(_ index: WordIndex) -> [Int] {
        guard !index.literals.isEmpty else { return Array(entries.indices) }
        var bits = startingWithSlot
        for match in index.literals[0] {
            for word in bits.indices { bits[word] |= startedBy[match.id * wordsPerSet + word] }
        }
        var numbers: [Int] = []
        for (word, var rest) in bits.enumerated() {
            while rest != 0 {
                numbers.append(word << 6 | rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return numbers
    }

    /// Whether the pattern can match the request's words: as many words as it can span, `canStart` and `mayMatch`
    /// of the pattern, answered alike, and the words its groups need (``WordRequirement``).
    func admits(_ entry: Entry, _ index: WordIndex) -> Bool {
        guard entry.wordCounts.contains(index.literals.count) else { return false }
        if let first = entry.first, !index.literals.isEmpty {
            guard firstIDs[first].contains(where: index.first.contains) else { return false }
        }
        for group in groups[entry.required] where !groupIDs[group].contains(where: index.present.contains) {
            return false
        }
        return entry.requirement?.isMet(by: index.present) ?? true
    }

    // MARK: - The compiled catalogue

    /// Writes what ``unarchive(_:vocabularySize:)`` reads back: building it walks every pattern's nodes.
    func archive(to writer: inout ArchiveWriter) {
        writer.write(entries) { writer, entry in
            writer.write(entry.rule)
            writer.write(entry.pattern)
            writer.write(entry.fallback)
            writer.write(entry.first?.lowerBound ?? -1)
            writer.write(entry.first?.upperBound ?? -1)
            writer.write(entry.required.lowerBound)
            writer.write(entry.required.upperBound)
            writer.write(entry.wordCounts.lowerBound)
            writer.write(entry.wordCounts.upperBound == Int.max ? -1 : entry.wordCounts.upperBound)
            writer.write(entry.requirement != nil)
            if let requirement = entry.requirement { requirement.archive(to: &writer) }
        }
        writer.write(firstIDs) { $0.write($1) }
        writer.write(groups) { writer, group in
            writer.write(group.lowerBound)
            writer.write(group.upperBound)
        }
        writer.write(groupIDs) { $0.write($1) }
    }

    /// The filter ``archive(to:)`` wrote, for a vocabulary of `vocabularySize` words; damage when a range does not fit.
    static func unarchive(_ reader: inout ArchiveReader, vocabularySize: Int) throws(ArchiveReader.Damage) -> PatternFilter {
        func range(_ reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> Range<Int> {
            let lower = try reader.int(), upper = try reader.int()
            guard lower >= 0, lower <= upper else { throw ArchiveReader.Damage() }
            return lower..<upper
        }
        let entries = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> Entry in
            let rule = try reader.int(), pattern = try reader.int(), fallback = try reader.bool()
            let firstLower = try reader.int(), firstUpper = try reader.int()
            var first: Range<Int>?
            if firstLower >= 0 {
                guard firstLower <= firstUpper else { throw ArchiveReader.Damage() }
                first = firstLower..<firstUpper
            }
            let required = try range(&reader)
            let least = try reader.int(), most = try reader.int()
            guard least >= 0, most == -1 || most >= least else { throw ArchiveReader.Damage() }
            let requirement = try reader.bool() ? try WordRequirement.unarchive(&reader) : nil
            return Entry(
                rule: rule, pattern: pattern, fallback: fallback, first: first, required: required,
                wordCounts: least...(most == -1 ? Int.max : most), requirement: requirement)
        }
        let firstIDs = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in try reader.int() }
        let groups = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in try range(&reader) }
        let groupIDs = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in try reader.int() }
        let ids = firstIDs + groupIDs
        guard ids.allSatisfy({ (0..<vocabularySize).contains($0) }), groups.allSatisfy({ $0.upperBound <= groupIDs.count }),
            entries.allSatisfy({ ($0.first?.upperBound ?? 0) <= firstIDs.count && $0.required.upperBound <= groups.count })
        else { throw ArchiveReader.Damage() }
        return PatternFilter(
            entries: entries, firstIDs: firstIDs, groups: groups, groupIDs: groupIDs, vocabularySize: vocabularySize)
    }
}
