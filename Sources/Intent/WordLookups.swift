/// What each distinct word of one request stands for (``WordIndex``), worked out the first time a reading of the
/// request needs it and kept for the others: one request is read several times (whole, in parts, with less in it,
/// for the literal-command pass-through), mostly with the same words.
///
/// A class, so that every reading of one parse shares it; it lives only as long as that parse, in one thread.
final class WordLookups {
    /// One word's pattern words, with their ids and typos, and the kind it names.
    struct Row {
        let matches: [(word: String, id: Int, typos: Int)]
        let kind: (kind: String, typos: Int)?
    }

    private var rows: [String: Row] = [:]

    /// The row of an unquoted word, by its lower-cased form.
    func row(for word: String, vocabulary: Vocabulary, lexicon: Lexicon) -> Row {
        if let row = rows[word] { return row }
        var matches: [(word: String, id: Int, typos: Int)] = []
        vocabulary.forEachMatch(of: word) { id, typos in matches.append((vocabulary.words[id], id, typos)) }
        let row = Row(matches: matches, kind: lexicon.kind(named: word))
        rows[word] = row
        return row
    }
}
