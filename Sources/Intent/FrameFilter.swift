/// A quick test of which frames can read a request at all: a frame reads only when each group of words it needs
/// is there and, if it needs none, one of its cues is (``RequestFrame``: exact words, or one typo in a word of
/// five characters or more). Every word of every frame's cues and needs is numbered once, when the catalogue is
/// built; a request's words are looked up once, and each frame is then a few bit tests, where reading it tries
/// every phrase at every position.
///
/// The test is looser than the frame's own, never stricter: a word counts as there when any word of the request,
/// quoted or not, or a piece of it on either side of an `=` (a frame reads `--replicas=5` as `--replicas 5`), is
/// that word, or is within one edit of a word of five characters or more. A frame it lets through is read as before.
struct FrameFilter: Sendable {
    /// A frame's cues and needs, in word numbers.
    private struct Entry: Sendable {
        let cues: [[Int]]
        let needs: [[[Int]]]
    }

    /// Per rule of the catalogue (in ``RuleCatalog/rules`` order): its frame, and the frame's entry.
    let frames: [RequestFrame?]
    private let entries: [Entry?]
    /// The words every frame reads as what to do (``RequestFrame/ownWords``).
    let ownWords: Set<String>
    /// Actions only frames that change nothing read (`questions: true`): a reading of them changes nothing.
    let lookingActions: Set<String>
    /// The one-word phrases changing frames need, and a machine's commands: words that say to change something.
    let changeWords: Set<String>
    private let numbers: [String: Int]
    /// The words of five characters or more, the ones a typo can stand for.
    private let long: NearWords
    /// Each number's word.
    private let spelled: [String]
    /// The words of five characters or more by their ``RequestFrame/verbStem(_:)``.
    private let stems: [String: [Int]]
    /// Per rule: its frame's phrases in numbers.
    let phrases: [FramePhrases?]

    init(rules: [IntentRule]) {
        var numbers: [String: Int] = [:]
        var long: [(number: Int, word: String)] = []
        func number(_ word: String) -> Int {
            if let number = numbers[word] { return number }
            let number = numbers.count
            numbers[word] = number
            if word.count >= 5 { long.append((number, word)) }
            return number
        }
        let frames = rules.map(\.frame)
        self.frames = frames
        // Every phrase a frame claims, in numbers, in the order it claims them: the longest first.
        func numbered(_ phrases: [[String]]) -> [[Int]] {
            phrases.sorted { $0.count > $1.count }.map { phrase in phrase.map { $0 == "_" ? FramePhrases.any : number($0) } }
        }
        phrases = frames.map { frame in
            frame.map { frame in
                FramePhrases(
                    needs: frame.needs.map(numbered), cues: numbered(frame.cues),
                    flags: frame.slots.map { numbered($0.flag) })
            }
        }
        ownWords = frames.reduce(into: Set<String>()) { words, frame in words.formUnion(frame?.ownWords ?? []) }
        entries = frames.map { frame in
            frame.map { frame in
                // A phrase's `_` stands for any word: only its other words need be there.
                Entry(
                    cues: frame.cues.map { $0.filter { $0 != "_" }.map(number) },
                    needs: frame.needs.map { group in group.map { $0.filter { $0 != "_" }.map(number) } })
            }
        }
        self.numbers = numbers
        self.long = NearWords(long)
        var spelled = Array(repeating: "", count: numbers.count)
        for (word, number) in numbers { spelled[number] = word }
        self.spelled = spelled
        var stems: [String: [Int]] = [:]
        for (number, word) in long { stems[String(RequestFrame.verbStem(word)), default: []].append(number) }
        self.stems = stems
        var looking: Set<String> = []
        var changing: Set<String> = []
        var changeWords = RuleCatalog.commandWords
        for (rule, frame) in zip(rules, frames) {
            guard let frame else { continue }
            if frame.answersQuestions {
                looking.insert(rule.action)
            } else {
                changing.insert(rule.action)
                for group in frame.needs { for phrase in group where phrase.count == 1 { changeWords.formUnion(phrase) } }
            }
        }
        lookingActions = looking.subtracting(changing)
        self.changeWords = changeWords
        // The one-word phrases that frames of an action need beside another ("databases" with "start"): never a name
        // in that action's frames ("start the databases on my laptop"), though they may be in others' ("the green
        // checkout").
        var paired: [String: Set<String>] = [:]
        for (rule, frame) in zip(rules, frames) {
            guard let frame, frame.needs.count > 1 else { continue }
            for group in frame.needs { for phrase in group where phrase.count == 1 { paired[rule.action, default: []].formUnion(phrase) } }
        }
        // Every frame's action words with those of its own action, made once per action that has any.
        let actionWords = frames.reduce(into: Set<String>()) { words, frame in words.formUnion(frame?.actionWords ?? []) }
        let withPaired = paired.mapValues { actionWords.union($0) }
        nameExcluded = rules.map { withPaired[$0.action] }
    }

    /// Per rule: the words that are never a name in its frame (every frame's action words, and the words frames of
    /// its action need beside another), when its action has such words; nil when they are the catalogue's own
    /// action words.
    let nameExcluded: [Set<String>?]

    /// The frame words the request's words can be.
    func words(in tokens: [RequestToken]) -> WordSet {
        var found = WordSet(count: numbers.count)
        for token in tokens {
            var pieces = [token.norm]
            if let equals = token.norm.firstIndex(of: "=") {
                pieces += [String(token.norm[..<equals]), String(token.norm[token.norm.index(after: equals)...])]
            }
            // "restarting" may be read as "restart" (``RequestFrame/gerundStems(of:)``).
            pieces += RequestFrame.gerundStems(of: token.norm)
            for var piece in pieces {
                if let number = numbers[piece] { found.insert(number) }
                // Bytes within one edit; a word the same as the piece only by Unicode's canonical equivalence
                // was found just above.
                piece.withUTF8 { bytes in long.forEach(near: bytes) { number, _ in found.insert(number) } }
            }
        }
        return found
    }

    /// The words made ready for every frame's ``RequestFrame/read(_:phrases:lexicon:frameWords:namespaceGiven:implicitSubject:failure:)``.
    func prepare(_ words: [RequestToken]) -> PreparedWords {
        let tokens = RequestFrame.splittingOptionValues(words)
        var exact: [Int] = [], quotedExact: [Int] = [], single: [[Int]] = [], singleFuzzy: [[Int]] = [], fuzzy: [[Int]] = []
        exact.reserveCapacity(tokens.count)
        for token in tokens {
            guard !token.quoted else {
                exact.append(FramePhrases.none)
                quotedExact.append(numbers[token.text.lowercased()] ?? FramePhrases.none)
                single.append([])
                singleFuzzy.append([])
                fuzzy.append([])
                continue
            }
            let norm = token.norm
            exact.append(numbers[norm] ?? FramePhrases.none)
            quotedExact.append(FramePhrases.none)
            var forms: [Int] = []
            // "the cluster's control plane": a word's possessive is that word.
            if norm.hasSuffix("'s"), !RequestFrame.questionWords.contains(norm), !RequestFrame.joiningWords.contains(norm),
                !RequestFrame.contractions.contains(norm), let number = numbers[RequestFrame.withoutPossessive(norm)]
            {
                forms.append(number)
            }
            // "would you mind restarting the web-service": a verb's -ing form is that verb.
            if norm.hasSuffix("ing") { forms += RequestFrame.gerundStems(of: norm).compactMap { numbers[$0] } }
            single.append(forms)
            // "what values did we install it with" for a frame that reads "installed": another form of the same
            // verb (-ed, -ing, -s) is that verb, for words of five letters or more. (A past participle is never read
            // as the verb: "paused deployment/x" says how it is.)
            var verbForms: [Int] = []
            if norm.count >= 5, let candidates = stems[String(RequestFrame.verbStem(norm))] {
                verbForms = candidates.filter { number in
                    let word = spelled[number]
                    return norm.first == word.first && (!norm.hasSuffix("ed") || word.hasSuffix("ed"))
                }
            }
            singleFuzzy.append(verbForms)
            // One typo in a word of five letters or more, in a word of letters only; never in the word said to be
            // a name ("a pvc called notes" is no typo of "nodes").
            var near: [Int] = []
            let index = exact.count - 1
            let named = token.named
                || index > 0 && !tokens[index - 1].quoted && RuleCatalog.namingWords.contains(tokens[index - 1].norm)
            if !named, norm.count >= 4, norm.allSatisfy(\.isLetter) {
                var bytes = norm
                bytes.withUTF8 { bytes in long.forEach(near: bytes) { number, _ in near.append(number) } }
                near.removeAll { !EditDistance.isWithinOne(norm, spelled[$0]) }
            }
            fuzzy.append(near)
        }
        return PreparedWords(
            tokens: tokens, exact: exact, quotedExact: quotedExact, single: single, singleFuzzy: singleFuzzy, fuzzy: fuzzy,
            said: Set(tokens.lazy.filter { !$0.quoted }.map(\.norm)))
    }

    /// Whether the frame of the rule at `index` can read a request with these words (``words(in:)``).
    func mayRead(rule index: Int, _ words: WordSet) -> Bool {
        guard let entry = entries[index] else { return false }
        func isThere(_ phrases: [[Int]]) -> Bool { phrases.contains { $0.allSatisfy(words.contains) } }
        return entry.needs.allSatisfy(isThere) && (!entry.needs.isEmpty || isThere(entry.cues))
    }
}
