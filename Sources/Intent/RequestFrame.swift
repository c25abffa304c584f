/// A rule that reads a request by meaning, not by word order: the words that say what to do (cues), and the
/// typed pieces it needs, found anywhere in the request ("Scale up the replicas of deployment 'api' by 50%",
/// "bump backend to 4 replicas", "set a memory limit of 1Gi on the engine").
///
/// Frames are read only when no pattern of any rule matches. A frame is taken when a cue is there, every
/// required slot is filled, nothing is left over that could be a second name, and no frame of another action
/// reads the request as well: otherwise the request is not understood (never a guess).
public struct RequestFrame: Sendable {
    /// Words that say what the request does; at least one must be there (one typo allowed from five letters).
    public let cues: [[String]]
    /// The slots it reads, each with its type and, optionally, the words it must follow or precede.
    public let slots: [Slot]
    /// The slots that must be filled.
    public let requires: Set<String>
    /// Groups of words of which each must be there, besides any cue ("memory" and "limit" for a memory limit).
    public let needs: [[[String]]]

    public struct Slot: Sendable {
        public let name: String
        public let type: SlotType
        /// The value must directly follow one of these phrases ("min 2", "at least 2").
        public let after: [[String]]
        /// The value must directly precede one of these phrases ("green version").
        public let before: [[String]]
        /// A yes/no slot: "true" when one of these phrases is there ("before it crashed", "--previous").
        public let flag: [[String]]
    }

    /// What matching found.
    struct Reading: Sendable {
        var slots: [String: SlotValue]
        var types: [String: SlotType]
        var cues: Int
    }

    /// Words that never make a name: articles, prepositions, pronouns, and words that only join others.
    static let joiningWords: Set<String> = [
        "a", "an", "the", "to", "of", "for", "on", "in", "at", "with", "from", "into", "onto",
        "me", "my", "our", "your", "its", "this", "that", "these", "those", "it", "them", "please", "is", "are",
        "be", "and", "or", "new", "so", "set", "make", "get", "all", "some", "one's", "version", "replicas",
        "replica", "pods", "pod", "instances", "instance", "copies", "copy", "named", "called", "current", "now",
        "again", "more", "less", "same", "should", "would", "can", "could", "will", "do", "does", "have", "has",
        "want", "need", "i", "we", "you", "let's", "lets", "there", "here", "just", "also", "too", "then", "than",
        "per", "cent", "percent", "%", "running", "app", "application", "service's", "deployment's", "put", "give",
        "use", "needs", "must", "wants", "previous", "prior", "last", "earlier", "older", "old", "its", "their",
        "target", "targeting", "like", "hey", "hi", "hello", "ok", "okay", "thanks", "currently", "right",
        "something", "anything", "keep", "keeps", "kept", "seems", "appears", "many", "much", "has", "about",
        "was", "were", "been", "did", "what", "which", "how", "me", "us", "from", "through", "via", "figure",
        "find", "out", "look", "into", "tell", "know", "help", "explain", "again", "w/",
    ]

    /// Parses the YAML form: `cues: [scale, "bump up"]`, `slots: {name: name, min: "count after min|minimum"}`,
    /// `requires: [name, replicas]`.
    init(cues: [String], slots: [String: String], requires: [String], needs: [String] = []) throws(IntentError) {
        self.cues = cues.map { $0.lowercased().split(separator: " ").map(String.init) }
        self.needs = needs.map { group in
            group.lowercased().split(separator: "|").map { $0.split(separator: " ").map(String.init) }
        }
        var parsed: [Slot] = []
        for (name, spec) in slots.sorted(by: { $0.key < $1.key }) {
            var words = spec.split(separator: " ").map(String.init)
            if words.first == "flag", words.count == 2 {
                let phrases = words[1].split(separator: "|").map { $0.split(separator: "-").map { String($0).lowercased() } }
                // "--previous": a phrase of dashes only is the option itself.
                let options = words[1].split(separator: "|").filter { $0.hasPrefix("-") }.map { [String($0)] }
                let plain = phrases.filter { !$0.isEmpty && !$0.allSatisfy(\.isEmpty) }
                parsed.append(Slot(name: name, type: .text, after: [], before: [], flag: plain + options))
                continue
            }
            guard let typeName = words.first, let type = SlotType(rawValue: typeName) else {
                throw .invalidPattern(spec, reason: "a frame slot is TYPE [after A|B] [before C|D], with a known slot type")
            }
            words.removeFirst()
            var after: [[String]] = []
            var before: [[String]] = []
            while words.count >= 2 {
                let anchor = words.removeFirst()
                // Words of a phrase are joined by '-' ("at-least"); an option keeps its dashes ("--min").
                let phrases = words.removeFirst().split(separator: "|").map { phrase in
                    phrase.hasPrefix("-")
                        ? [String(phrase).lowercased()] : phrase.split(separator: "-").map { String($0).lowercased() }
                }
                switch anchor {
                case "after": after += phrases
                case "before": before += phrases
                default: throw .invalidPattern(spec, reason: "a frame slot is TYPE [after A|B] [before C|D], with a known slot type")
                }
            }
            guard words.isEmpty else { throw .invalidPattern(spec, reason: "a frame slot is TYPE [after A|B] [before C|D], with a known slot type") }
            parsed.append(Slot(name: name, type: type, after: after, before: before, flag: []))
        }
        self.slots = parsed
        self.requires = Set(requires)
        let unknown = self.requires.subtracting(parsed.map(\.name))
        if let missing = unknown.sorted().first {
            throw .invalidPattern(missing, reason: "the frame requires a slot it does not read")
        }
        ownWords = Set((self.cues + self.needs.flatMap { $0 } + parsed.flatMap(\.flag)).flatMap { $0 })
    }

    // MARK: - Matching

    /// Reads the words (fillers and namespace clauses already out); nil when the frame does not fit.
    /// Every word a frame's cues, needs and flags use: what the request says to do, never part of a name.
    public let ownWords: Set<String>

    /// Reads the words; `frameWords` are all frames' own words (``ownWords``), which never join into a name.
    func read(_ words: [RequestToken], lexicon: Lexicon, frameWords: Set<String> = []) -> Reading? {
        // kubectl's options say what their values are: `--replicas=5` is read as `--replicas 5`.
        let tokens = words.flatMap { token -> [RequestToken] in
            guard !token.quoted, token.norm.hasPrefix("--"), let equals = token.text.firstIndex(of: "=") else {
                return [token]
            }
            return [
                RequestToken(text: String(token.text[..<equals])),
                RequestToken(text: String(token.text[token.text.index(after: equals)...])),
            ]
        }
        var claimed = Array(repeating: false, count: tokens.count)
        var valueWords: Set<Int> = []
        // The frame's own words, said a second time, are cues again, never a name.
        let cueWords = ownWords
        func isCandidate(_ index: Int) -> Bool {
            !claimed[index] && (tokens[index].quoted || !cueWords.contains(tokens[index].norm))
                && isNameCandidate(tokens[index], lexicon: lexicon)
        }
        // Cues: any one of them; and one phrase of each group the frame needs. Exact words first, the longest
        // phrase first ("horizontal pod autoscaler" before "autoscaler"); then one typo in a word of five letters
        // or more, in a word of letters only.
        func claim(_ phrase: [String], fuzzy: Bool) -> Bool {
            var position = 0
            while position + phrase.count <= tokens.count {
                let window = tokens[position..<(position + phrase.count)]
                let fits = zip(window, phrase).allSatisfy { token, word in
                    guard !token.quoted else { return false }
                    if token.norm == word { return true }
                    // The cheap tests first (isWithinOne needs the byte lengths one apart); Unicode's letter
                    // tables last.
                    return fuzzy && abs(token.norm.utf8.count - word.utf8.count) <= 1 && word.count >= 5
                        && token.norm.count >= 4 && EditDistance.isWithinOne(token.norm, word)
                        && token.norm.allSatisfy(\.isLetter)
                }
                if fits, !claimed[position..<(position + phrase.count)].contains(true) {
                    for index in position..<(position + phrase.count) { claimed[index] = true }
                    return true
                }
                position += 1
            }
            return false
        }
        func claimAny(_ phrases: [[String]]) -> Bool {
            let longestFirst = phrases.sorted { $0.count > $1.count }
            return longestFirst.contains { claim($0, fuzzy: false) } || longestFirst.contains { claim($0, fuzzy: true) }
        }
        var cueCount = 0
        for group in needs {
            guard claimAny(group) else { return nil }
            cueCount += 1
        }
        for cue in cues.sorted(by: { $0.count > $1.count }) where claimAny([cue]) { cueCount += 1 }
        guard cueCount > 0 else { return nil }

        var reading = Reading(slots: [:], types: [:], cues: cueCount)
        // `in X`, with a name said elsewhere: X is the namespace, even when it is also a kind's word ("in jobs").
        do {
            let hasName = slots.contains { $0.type == .name }
            let kindWords = tokens.indices.filter { !tokens[$0].quoted && lexicon.kind(named: tokens[$0].norm)?.typos == 0 }
            for index in tokens.indices.dropFirst() where !claimed[index] && !claimed[index - 1] {
                let before = tokens[index - 1], token = tokens[index]
                guard !before.quoted, ["in", "from", "within", "inside"].contains(before.norm),
                    KubernetesName.labelProblem(token.norm) == nil, lexicon.number(from: token.norm) == nil,
                    token.quoted || !Self.joiningWords.contains(token.norm)
                else { continue }
                if kindWords.contains(index) && kindWords.count < 2 { continue }
                let others = tokens.indices.filter { $0 != index && isCandidate($0) }
                // With a name to read, X is the namespace only when the name is said elsewhere.
                guard !hasName || !others.isEmpty else { continue }
                reading.slots["namespace"] = .text(token.quoted ? token.text : token.norm)
                reading.types["namespace"] = .namespace
                claimed[index] = true
                claimed[index - 1] = true
                break
            }
        }
        // Anchored slots first (they say which number is which), then the typed ones, names last.
        let order = slots.sorted { rank($0) < rank($1) }
        for slot in order where !slot.flag.isEmpty {
            if claimAny(slot.flag) {
                reading.slots[slot.name] = .text("true")
            } else if requires.contains(slot.name) {
                return nil
            }
        }
        for slot in order where slot.type != .name && slot.flag.isEmpty {
            switch find(slot, in: tokens, claimed: claimed, lexicon: lexicon) {
            case .absent:
                if requires.contains(slot.name) { return nil }
            case .conflict:
                return nil
            case .found(let value, let used):
                for index in used { claimed[index] = true }
                valueWords.formUnion(used)
                reading.slots[slot.name] = value
                reading.types[slot.name] = slot.type
            }
        }
        if let nameSlot = slots.first(where: { $0.type == .name }) {
            var candidates: [Int] = []
            for index in tokens.indices where isCandidate(index) { candidates.append(index) }
            // kind/name: "deploy/backend".
            if candidates.isEmpty,
                let slashed = tokens.indices.first(where: { !claimed[$0] && tokens[$0].norm.contains("/") })
            {
                let parts = tokens[slashed].norm.split(separator: "/", maxSplits: 1).map(String.init)
                if parts.count == 2, let kind = lexicon.kind(named: parts[0]), kind.typos == 0 {
                    reading.slots["kind"] = .text(kind.kind)
                    candidates = [slashed]
                    claimed[slashed] = true
                    reading.slots[nameSlot.name] = .text(parts[1])
                    reading.types[nameSlot.name] = .name
                }
            }
            // "the session agent", "the todo backend": words next to each other are one name, as its parts.
            if candidates.count > 1, candidates.count <= 3,
                zip(candidates, candidates.dropFirst()).allSatisfy({ $1 == $0 + 1 }),
                candidates.allSatisfy({ !tokens[$0].quoted && !frameWords.contains(tokens[$0].norm) })
            {
                let joined = candidates.map { Self.withoutPossessive(tokens[$0].norm) }.joined(separator: "-")
                if KubernetesName.subdomainProblem(joined) == nil {
                    for index in candidates { claimed[index] = true }
                    reading.slots[nameSlot.name] = .text(joined)
                    reading.types[nameSlot.name] = .name
                    candidates = []
                }
            }
            if reading.slots[nameSlot.name] == nil {
                guard candidates.count <= 1 else { return nil }
                if let only = candidates.first {
                    claimed[only] = true
                    reading.slots[nameSlot.name] = .text(
                        tokens[only].quoted ? tokens[only].text : Self.withoutPossessive(tokens[only].norm))
                    reading.types[nameSlot.name] = .name
                } else if requires.contains(nameSlot.name) {
                    return nil
                }
            }
        }
        // Anything left that could be a name or a value means the frame did not read the whole request; an
        // option is read when the value after it was (`--replicas 5`, `--tail 50`), and a cue said twice is a cue.
        for index in tokens.indices where !claimed[index] {
            let token = tokens[index]
            if !token.quoted && cueWords.contains(token.norm) { continue }
            if !token.quoted, token.norm.hasPrefix("-"), token.norm.count > 1, valueWords.contains(index + 1) {
                continue
            }
            if token.quoted || !(Self.joiningWords.contains(token.norm) || lexicon.kind(named: token.norm) != nil) {
                return nil
            }
        }
        return reading
    }

    private func rank(_ slot: Slot) -> Int {
        if !slot.after.isEmpty || !slot.before.isEmpty { return 0 }
        switch slot.type {
        case .percent, .pairs, .image, .quantity, .host, .duration: return 1
        case .kind, .workload: return 2
        default: return 3
        }
    }

    /// "web-app's image": the name without its possessive.
    static func withoutPossessive(_ word: String) -> String {
        for suffix in ["'s", "’s"] where word.hasSuffix(suffix) && word.count > suffix.count + 1 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    func isNameCandidate(_ token: RequestToken, lexicon: Lexicon) -> Bool {
        if token.quoted { return !token.text.isEmpty }
        let bare = Self.withoutPossessive(token.norm)
        if bare != token.norm { return isNameCandidate(RequestToken(text: bare), lexicon: lexicon) }
        if Self.joiningWords.contains(token.norm) || lexicon.kind(named: token.norm)?.typos == 0 { return false }
        if lexicon.number(from: token.norm) != nil { return false }
        return KubernetesName.subdomainProblem(token.norm) == nil
    }

    /// What the words hold for one slot.
    enum Found {
        case absent
        /// Two different values: the request is not clear about this slot.
        case conflict
        case found(SlotValue, used: [Int])
    }

    /// The value of one slot and the words it used.
    private func find(_ slot: Slot, in tokens: [RequestToken], claimed: [Bool], lexicon: Lexicon) -> Found {
        /// The words of the phrase the value at `index` follows or precedes (empty for a slot without anchors);
        /// nil when an anchored slot's phrase is not there.
        func anchored(_ index: Int) -> [Int]? {
            if slot.after.isEmpty && slot.before.isEmpty { return [] }
            for phrase in slot.after where index >= phrase.count {
                let range = (index - phrase.count)..<index
                if RequestToken.spell(tokens[range], phrase) { return Array(range) }
            }
            for phrase in slot.before where index + 1 + phrase.count <= tokens.count {
                let range = (index + 1)...(index + phrase.count)
                if RequestToken.spell(tokens[range], phrase) { return Array(range) }
            }
            return nil
        }
        var found: [(SlotValue, [Int])] = []
        for index in tokens.indices where !claimed[index] {
            guard let anchor = anchored(index) else { continue }
            let token = tokens[index]
            switch slot.type {
            case .count:
                guard !token.quoted, let value = lexicon.number(from: token.norm) else { continue }
                found.append((.number(value), [index] + anchor))
            case .percent:
                guard !token.quoted else { continue }
                if token.norm.hasSuffix("%"), let value = lexicon.number(from: String(token.norm.dropLast())) {
                    found.append((.number(value), [index] + anchor))
                } else if let first = anchor.first, tokens[first].norm.hasPrefix("-"),
                    let value = lexicon.number(from: token.norm)
                {
                    // After its option (`--cpu-percent 75`) a number is the percentage.
                    found.append((.number(value), [index] + anchor))
                } else if let value = lexicon.number(from: token.norm), index + 1 < tokens.count,
                    ["%", "percent", "pct"].contains(tokens[index + 1].norm)
                {
                    found.append((.number(value), [index, index + 1] + anchor))
                }
            case .kind, .workload:
                guard !token.quoted, let kind = lexicon.kind(named: token.norm), kind.typos == 0 else { continue }
                if slot.type == .workload && !["deployment", "statefulset"].contains(kind.kind) { continue }
                found.append((.text(kind.kind), [index] + anchor))
            case .pairs:
                let pairs = tokens.indices.filter { !claimed[$0] && SlotParsing.pair(tokens[$0].text) != nil }
                guard !pairs.isEmpty else { return .absent }
                return .found(.list(pairs.map { tokens[$0].text }), used: pairs)
            case .image:
                guard token.text.contains(":") || token.text.contains("/"), !token.text.contains("="),
                    let image = SlotParsing.image(token.text)
                else { continue }
                found.append((.text(image), [index] + anchor))
            case .duration:
                guard !token.quoted else { continue }
                if let value = SlotParsing.duration(token.norm) {
                    found.append((.text(value), [index] + anchor))
                } else if let amount = lexicon.number(from: token.norm), index + 1 < tokens.count,
                    let value = SlotParsing.duration(amount: amount, unit: tokens[index + 1].norm)
                {
                    found.append((.text(value), [index, index + 1] + anchor))
                }
            case .quantity:
                guard !token.quoted, token.norm.contains(where: \.isLetter), let value = SlotParsing.quantity(token.text)
                else { continue }
                found.append((.text(value), [index] + anchor))
            case .text:
                guard !slot.after.isEmpty || !slot.before.isEmpty else { continue }
                guard !Self.joiningWords.contains(token.norm) || token.quoted else { continue }
                found.append((.text(token.quoted ? token.text : token.norm), [index] + anchor))
            default:
                continue
            }
        }
        // One value, or the same value said twice; several different ones are not a reading.
        guard let first = found.first else { return .absent }
        guard found.allSatisfy({ $0.0 == first.0 }) else { return .conflict }
        return .found(first.0, used: found.flatMap(\.1))
    }
}
