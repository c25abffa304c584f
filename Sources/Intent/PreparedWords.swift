/// A request's words made ready once for every frame that reads them (``FrameFilter/prepare(_:)``): `--opt=value`
/// split into the option and its value, and which of the frames' words (in ``FrameFilter``'s numbers) each word can
/// be. A frame then claims its phrases by comparing numbers, where it once compared, stemmed and spelled strings
/// for every phrase at every position, frame after frame.
struct PreparedWords: Sendable {
    /// The words as frames read them.
    let tokens: [RequestToken]
    /// Per word: the frame word it is as written, or ``FramePhrases/none``. A quoted word is none.
    let exact: [Int]
    /// Per word: the frame word a quoted word is (a command word in quotes, "`docker`"), or none; one-word
    /// phrases only, and never by a typo.
    let quotedExact: [Int]
    /// Per word: the frame words it is in one-word phrases, exact or not: its possessive ("the cluster's") and the
    /// verbs of its -ing form ("restarting").
    let single: [[Int]]
    /// Per word: the frame words it is in one-word phrases by a typo's leniency: another form of the same verb
    /// ("installed" for "install").
    let singleFuzzy: [[Int]]
    /// Per word: the frame words it is within one typo (``RequestFrame`` reads one typo in a word of five letters
    /// or more, in a word of letters only).
    let fuzzy: [[Int]]

    /// Every unquoted word as written (``RequestToken/norm``): a phrase with a word not among them is not said.
    let said: Set<String>

    /// Whether every word of `phrase` but `_` is among `said` (``RequestToken/spell(_:_:)`` can then find it).
    static func mayBeSaid(_ phrase: [String], _ said: Set<String>) -> Bool {
        phrase.allSatisfy { $0 == "_" || said.contains($0) }
    }

    /// Whether the word at `index` is the phrase word `word` (a number, or ``FramePhrases/any``), as
    /// ``RequestFrame`` reads phrases: `single` for a one-word phrase, `fuzzy` on the second, lenient pass.
    func fits(_ index: Int, _ word: Int, single oneWord: Bool, fuzzy lenient: Bool) -> Bool {
        // "take _ back": `_` stands for any one word, left for the slots.
        if word == FramePhrases.any { return !tokens[index].quoted }
        if tokens[index].quoted { return !lenient && oneWord && quotedExact[index] == word }
        if exact[index] == word { return true }
        if oneWord && single[index].contains(word) { return true }
        guard lenient else { return false }
        return oneWord && singleFuzzy[index].contains(word) || fuzzy[index].contains(word)
    }
}

/// A frame's phrases in ``FrameFilter``'s word numbers, in the order ``RequestFrame`` claims them.
struct FramePhrases: Sendable {
    /// A word the frames do not use.
    static let none = -1
    /// `_` in a phrase: any one word.
    static let any = -2

    /// Per group the frame needs, its phrases, the longest first.
    let needs: [[[Int]]]
    /// The cues, the longest first, each with its place in ``RequestFrame/cues``.
    let cues: [[Int]]
    /// Per slot (in ``RequestFrame/slots`` order), the phrases that say its flag, the longest first.
    let flags: [[[Int]]]
}
