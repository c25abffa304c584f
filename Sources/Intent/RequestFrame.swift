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
    /// Whether a question can be read by this frame (``RequestFrame/isQuestion(_:)``): frames that change
    /// something never read one.
    public let answersQuestions: Bool
    /// Whether the name must be said in the request itself: a frame that reads a namespace's messages as well as
    /// one object's never takes an unsaid object from another sentence (`said_name: true` in the rule file).
    public let namesSaid: Bool

    public struct Slot: Sendable {
        public let name: String
        public let type: SlotType
        /// The value must directly follow one of these phrases ("min 2", "at least 2").
        public let after: [[String]]
        /// The value must directly precede one of these phrases ("green version").
        public let before: [[String]]
        /// A yes/no slot: "true" when one of these phrases is there ("before it crashed", "--previous").
        public let flag: [[String]]
        /// What a yes/no slot holds when its phrase is there: "true", or the value after `flag=` ("flag=all").
        public var flagValue = "true"
        /// A namespace slot filled only by the namespace named outside the words (`-n X`, "in the X namespace").
        public var givenOnly = false
        /// Pairs only when every key is an environment variable's name: capitals, digits and '_'.
        public var variablesOnly = false
    }

    /// What matching found.
    struct Reading: Sendable {
        var slots: [String: SlotValue]
        var types: [String: SlotType]
        var cues: Int
        /// Several words, each of which may be the name (``UserIntent/nameCandidates``).
        var nameCandidates: [String] = []
    }

    /// Words that may stand between the words of one name ("the backend of the todo app", "the todo app's
    /// backend"); any other word between two names keeps them apart.
    static let nameGapWords: Set<String> = ["the", "of", "app", "application", "apps", "project", "part"]

    /// Kinds whose word describes the object a frame with no kind of its own acts on ("the todo-backend
    /// deployment", "the api service", "the engine pod").
    static let describingKinds: Set<String> = ["pod", "service", "namespace", "node", "replicaset", "container"]

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
        "program", "programs", "process", "processes", "software", "thing", "things", "stuff", "own", "they", "ones",
        "anymore", "already", "still", "really", "actually", "basically", "somehow", "currently", "whole", "entire",
        "let", "time", "times", "it's", "great", "awesome", "perfect", "nice", "cool", "lovely", "brilliant",
        "target", "targeting", "like", "ok", "okay", "thanks", "currently", "right",
        "something", "anything", "keep", "keeps", "kept", "seems", "appears", "many", "much", "has", "about",
        "was", "were", "been", "did", "what", "which", "how", "me", "us", "from", "through", "via", "figure",
        "find", "out", "look", "into", "tell", "know", "help", "explain", "again", "w/", "dig", "poke", "peek", "first",
        // Where something runs, said of the user's own machine: never a name.
        "local", "locally", "machine", "computer", "laptop", "workstation",
        // Words for what runs, never its name.
        "container", "containers", "thing", "things", "stuff", "apps", "applications", "software", "part", "area",
        "bits", "pieces", "somewhere", "anywhere", "gets", "getting", "suspect", "reckon", "guess", "believe", "wonder",
        "might", "may", "shall", "ought", "maybe", "perhaps", "probably", "yet", "most", "least", "newer", "older",
        // "web-service only needs half": only as "just"; "do a rolling restart".
        "only", "rolling",
        // "anything broken in my srvthreds project?": what people call a namespace or an app, never its name.
        "project", "projects",
        // "a role that lets whoever has it manage services".
        "whoever", "whomever", "whatever", "whichever",
    ]

    /// Words of chat that are never the name of an object and never say what to do: who is talking and about whom,
    /// when, how sure, how urgent ("for a ticket", "after lunch", "honestly"). They are never a name. A frame that
    /// only looks reads them as said in passing; a frame that changes something does not, so a sentence such as
    /// "Earlier someone froze the updates." stays context and is never taken for an order. None of them is a word
    /// of any frame (a test checks that), and none turns a meaning around (negations are read on their own).
    public static let chatWords: Set<String> = [
        // People and who says what.
        "i've", "i'll", "i'd", "we've", "we'll", "we'd", "you're", "you've", "they're", "he", "she", "him", "her",
        "his", "mine", "ours", "yours", "myself", "ourselves", "yourself", "someone", "somebody", "anybody",
        "everybody", "teams", "folks", "guys", "colleague", "colleagues", "boss", "manager", "customer", "clients",
        "marketing", "finance", "standup", "meeting", "ticket", "asked", "told", "mentioned", "reported",
        "complained",
        // Thinking and feeling.
        "think", "thought", "believe", "feel", "feels", "felt", "hope", "hoping", "wondering", "assume", "suppose",
        "meant", "remember", "forgot", "noticed", "saw", "seen", "heard", "blanked", "afraid", "worried", "sure",
        "curious", "trying", "tried", "gonna", "wanna", "gotta", "ever",
        // When.
        "yesterday", "tomorrow", "morning", "afternoon", "evening", "lunch", "soon", "later", "ago", "until", "till",
        "during", "sometime", "usually", "often", "whenever",
        // How, said in passing.
        "also", "though", "although", "however", "anyway", "anyways", "well", "because", "cause", "cuz", "very",
        "pretty", "quite", "rather", "kinda", "sorta", "bit", "lot", "lots", "bunch", "even", "simply", "literally",
        "honestly", "seriously", "definitely", "certainly", "asap", "urgently", "super", "totally", "hmm", "um", "uh",
        "oh", "ah", "sorry", "cheers", "ty", "thx", "chance", "idea", "sec", "reason", "fyi",
        // Of the question itself, or of how bad something is: "sorry for the basic question", "the bad deploy".
        "dumb", "silly", "stupid", "newbie", "noob", "bad", "buggy", "faulty",
    ]

    /// Words that add nothing to what is to be shown ("any warnings lately?", "what has it had since", "the little
    /// problems"): a frame that only looks reads past them, and they are never a name. Some frames read them as
    /// their own words too; a frame that changes something never reads past them.
    static let passingWhenLooking: Set<String> = [
        "any", "had", "having", "lately", "recently", "little", "ever", "since", "again", "always", "got", "overnight",
        "tonight", "mean", "moment", "said", "says", "am", "being", "anyone", "everyone", "happened",
        "occurred", "going", "on",
    ]

    /// Parses the YAML form: `cues: [scale, "bump up"]`, `slots: {name: name, min: "count after min|minimum"}`,
    /// `requires: [name, replicas]`.
    init(
        cues: [String], slots: [String: String], requires: [String], needs: [String] = [], answersQuestions: Bool = false,
        namesSaid: Bool = false
    ) throws(IntentError) {
        self.answersQuestions = answersQuestions
        self.namesSaid = namesSaid
        self.cues = cues.map { $0.lowercased().split(separator: " ").map(String.init) }
        self.needs = needs.map { group in
            group.lowercased().split(separator: "|").map { $0.split(separator: " ").map(String.init) }
        }
        var parsed: [Slot] = []
        for (name, spec) in slots.sorted(by: { $0.key < $1.key }) {
            var words = spec.split(separator: " ").map(String.init)
            if let first = words.first, first == "flag" || first.hasPrefix("flag="), words.count == 2 {
                let phrases = words[1].split(separator: "|").map { $0.split(separator: "-").map { String($0).lowercased() } }
                // "--previous": a phrase of dashes only is the option itself.
                let options = words[1].split(separator: "|").filter { $0.hasPrefix("-") }.map { [String($0)] }
                // "read-only" is also said as one word with its dash.
                let dashed = words[1].split(separator: "|").filter { $0.contains("-") && !$0.hasPrefix("-") }
                    .map { [String($0).lowercased()] }
                let plain = phrases.filter { !$0.isEmpty && !$0.allSatisfy(\.isEmpty) } + dashed
                var slot = Slot(name: name, type: .text, after: [], before: [], flag: plain + options)
                if first.hasPrefix("flag=") { slot.flagValue = String(first.dropFirst("flag=".count)) }
                parsed.append(slot)
                continue
            }
            // `namespace given`: the namespace the request names outside the words (`-n X`), never a bare word.
            if words == ["namespace", "given"] {
                var slot = Slot(name: name, type: .namespace, after: [], before: [], flag: [])
                slot.givenOnly = true
                parsed.append(slot)
                continue
            }
            // `variables`: KEY=VALUE pairs whose keys are environment variable names (NODE_ENV=staging).
            let variablesOnly = words.first == "variables"
            if variablesOnly { words[0] = SlotType.pairs.rawValue }
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
            var slot = Slot(name: name, type: type, after: after, before: before, flag: [])
            slot.variablesOnly = variablesOnly
            parsed.append(slot)
        }
        self.slots = parsed
        self.requires = Set(requires)
        let unknown = self.requires.subtracting(parsed.map(\.name))
        if let missing = unknown.sorted().first {
            throw .invalidPattern(missing, reason: "the frame requires a slot it does not read")
        }
        let phrases = self.cues + self.needs.flatMap { $0 } + parsed.flatMap(\.flag)
        ownWords = Set(phrases.flatMap { $0 })
        // A word needed only beside another ("green" with "switch") says what to do only with it: elsewhere it may
        // be part of a name ("the green checkout").
        let alone = self.cues + (self.needs.count == 1 ? self.needs.flatMap { $0 } : []) + parsed.flatMap(\.flag)
        actionWords = Set(alone.filter { $0.count == 1 }.flatMap { $0 })
    }

    // MARK: - Matching

    /// The name of an object a sentence does not say, for another sentence of the message to say
    /// (``RuleCatalog/readSentences(_:whole:)``); never planned as it is.
    public static let implicitName = "it"

    /// Words that start a question rather than a request ("which pods are down?", "is the backend healthy?").
    static let questionWords: Set<String> = [
        "which", "what", "what's", "whats", "are", "is", "does", "do", "did", "has", "have", "how", "how's", "was",
        "were", "why", "where", "where's", "who", "when", "isn't", "aren't", "doesn't", "won't", "wat", "wich",
    ]

    /// Whether the words (fillers out) ask a question: they start with a question word.
    static func isQuestion(_ tokens: [RequestToken]) -> Bool {
        guard let first = tokens.first, !first.quoted else { return false }
        return questionWords.contains(first.norm)
    }

    /// Reads the words (fillers and namespace clauses already out); nil when the frame does not fit.
    /// Every word a frame's cues, needs and flags use: what the request says to do, never part of a name.
    public let ownWords: Set<String>
    /// The words this frame reads as what to do on their own (its one-word cues, needs and flags): never part of
    /// a name in any frame. A word of a longer phrase ("api" of "api server") may be a name elsewhere.
    public let actionWords: Set<String>

    /// Contractions ending in "'s" that are no possessive.
    static let contractions: Set<String> = ["what's", "that's", "it's", "there's", "who's", "where's", "here's", "let's"]

    /// kubectl's options say what their values are: `--replicas=5` is read as `--replicas 5`;
    /// "localhost:8082" is the local port 8082, as "localhost 8082" says.
    static func splittingOptionValues(_ words: [RequestToken]) -> [RequestToken] {
        words.flatMap { token -> [RequestToken] in
            for host in ["localhost:", "127.0.0.1:"] where !token.quoted && token.norm.hasPrefix(host) {
                let port = String(token.norm.dropFirst(host.count))
                guard !port.isEmpty, port.allSatisfy(\.isNumber) else { break }
                var value = RequestToken(text: port)
                value.endsClause = token.endsClause
                value.endsSentence = token.endsSentence
                return [RequestToken(text: "localhost"), value]
            }
            // "min=2, max=4": the bounds of a count said as options without their dashes.
            if !token.quoted, let equals = token.norm.firstIndex(of: "="),
                ["min", "max"].contains(token.norm[..<equals]),
                token.norm[token.norm.index(after: equals)...].allSatisfy(\.isNumber), token.norm.last?.isNumber == true
            {
                var value = RequestToken(text: String(token.norm[token.norm.index(after: equals)...]))
                value.endsClause = token.endsClause
                value.endsSentence = token.endsSentence
                return [RequestToken(text: String(token.norm[..<equals])), value]
            }
            guard !token.quoted, token.norm.hasPrefix("--"), let equals = token.text.firstIndex(of: "=") else {
                return [token]
            }
            // `--schedule="0 1 * * *"`: the value was quoted, and is the next word.
            let value = String(token.text[token.text.index(after: equals)...])
            if value.isEmpty { return [RequestToken(text: String(token.text[..<equals]))] }
            return [RequestToken(text: String(token.text[..<equals])), RequestToken(text: value)]
        }
    }

    /// Reads the words (``FrameFilter/prepare(_:)``; fillers and namespace clauses already out), with this frame's
    /// `phrases` (``FrameFilter/phrases``); nil when the frame does not fit, saying why in `failure` (for
    /// `kagent-bench frames`). `frameWords` are all frames' own words (``ownWords``), which never join into a name.
    /// `namespaceGiven`: the request named the namespace outside the words (`-n X`, "in the X namespace").
    func read(
        _ prepared: PreparedWords, phrases: FramePhrases, lexicon: Lexicon, frameWords: Set<String> = [],
        namespaceGiven: Bool = false, implicitSubject: Bool = false, failure: inout String
    ) -> Reading? {
        func fail(_ reason: String) -> Reading? {
            failure = reason
            return nil
        }
        let tokens = prepared.tokens
        var claimed = Array(repeating: false, count: tokens.count)
        var valueWords: Set<Int> = []
        // The frame's own words, said a second time, are cues again, never a name.
        let cueWords = ownWords
        func isCandidate(_ index: Int) -> Bool {
            !claimed[index] && (tokens[index].quoted || !Self.isNegation(tokens[index].norm))
                && (tokens[index].quoted
                    || !(cueWords.contains(tokens[index].norm) || frameWords.contains(tokens[index].norm)))
                && isNameCandidate(tokens[index], lexicon: lexicon)
        }
        // Cues: any one of them; and one phrase of each group the frame needs. Exact words first, the longest
        // phrase first ("horizontal pod autoscaler" before "autoscaler"); then one typo in a word of five letters
        // or more, in a word of letters only (``PreparedWords``).
        func claim(_ phrase: [Int], fuzzy: Bool) -> Bool {
            let single = phrase.count == 1
            var position = 0
            while position + phrase.count <= tokens.count {
                var fits = true
                for (offset, word) in phrase.enumerated()
                where !prepared.fits(position + offset, word, single: single, fuzzy: fuzzy) {
                    fits = false
                    break
                }
                if fits,
                    !phrase.indices.contains(where: { phrase[$0] != FramePhrases.any && claimed[position + $0] })
                {
                    for offset in phrase.indices where phrase[offset] != FramePhrases.any { claimed[position + offset] = true }
                    return true
                }
                position += 1
            }
            return false
        }
        /// The phrases are the longest first (``FramePhrases``).
        func claimAny(_ phrases: [[Int]]) -> Bool {
            phrases.contains { claim($0, fuzzy: false) } || phrases.contains { claim($0, fuzzy: true) }
        }
        // A secret's values typed as options (`--from-literal=password=…`) stay refused with their reason.
        if slots.contains(where: { $0.type == .secrets }),
            tokens.contains(where: { !$0.quoted && $0.norm.hasPrefix("--from-literal") })
        {
            return fail("a secret value typed as an option")
        }
        var cueCount = 0
        for group in phrases.needs {
            guard claimAny(group) else { return fail("a word it needs is missing") }
            cueCount += 1
        }
        let claimedByNeeds = claimed
        for cue in phrases.cues where claimAny([cue]) { cueCount += 1 }
        guard cueCount > 0 else { return fail("no cue") }

        var reading = Reading(slots: [:], types: [:], cues: cueCount)
        // `in X`, with a name said elsewhere: X is the namespace, even when it is also a kind's word ("in jobs").
        do {
            let hasName = slots.contains { $0.type == .name || $0.type == .names }
            let kindWords = tokens.indices.filter { !tokens[$0].quoted && lexicon.kind(named: tokens[$0].norm)?.typos == 0 }
            // "take two copies away from the api in shop": "in" says where before "from" does.
            let placing = tokens.indices.dropFirst().filter { ["in", "within", "inside"].contains(tokens[$0 - 1].norm) }
                + tokens.indices.dropFirst().filter { ["from", "into"].contains(tokens[$0 - 1].norm) }
            for index in placing where !claimed[index] && !claimed[index - 1] {
                let before = tokens[index - 1], token = tokens[index]
                guard !before.quoted, ["in", "from", "within", "inside", "into"].contains(before.norm),
                    token.quoted || !Self.notPlaces.contains(token.norm),
                    KubernetesName.labelProblem(token.norm) == nil, lexicon.number(from: token.norm) == nil,
                    token.quoted || !Self.joiningWords.contains(token.norm)
                else { continue }
                if kindWords.contains(index) && kindWords.count < 2 { continue }
                // "run date in the session agent": where a command runs is said after it, so a word followed by
                // another that may be a name is that name's first part.
                if slots.contains(where: { $0.type == .words }), index + 1 < tokens.count, isCandidate(index + 1) {
                    continue
                }
                // "what's in the `app-env` secret": a word followed by one kind other than a namespace is that object.
                if Self.namesOneObject(index, in: tokens, lexicon: lexicon) { continue }
                // "in the shop and srvthreds namespaces": a word listed with others is no one place.
                if index + 1 < tokens.count && ["and", "or", "&", "nor", "plus"].contains(tokens[index + 1].norm) {
                    continue
                }
                // A kind/name ("deploy/web-app") names the object too.
                let others = tokens.indices.filter {
                    $0 != index
                        && (isCandidate($0)
                            || !tokens[$0].quoted && !claimed[$0] && tokens[$0].norm.contains("/")
                                && lexicon.kind(named: String(tokens[$0].norm.prefix { $0 != "/" }))?.typos == 0)
                }
                // With a name to read, X is the namespace only when the name is said elsewhere: not when the one word
                // left comes right after it ("debug something in the session agent").
                guard !hasName || !(others.isEmpty || others == [index + 1] && !tokens[index].endsClause) else { continue }
                reading.slots["namespace"] = .text(token.quoted ? token.text : token.norm)
                reading.types["namespace"] = .namespace
                claimed[index] = true
                claimed[index - 1] = true
                break
            }
        }
        // Anchored slots first (they say which number is which), then the typed ones, names last.
        let orderIndices = slots.indices.map { ($0, (rank(slots[$0]), -anchorLength(slots[$0], in: tokens, said: prepared.said), $0)) }
            .sorted { $0.1 < $1.1 }.map(\.0)
        let order = orderIndices.map { slots[$0] }
        for slotIndex in orderIndices where !slots[slotIndex].flag.isEmpty {
            let slot = slots[slotIndex], flags = phrases.flags[slotIndex]
            // A word the frame needs may say a flag too: "create clusterrolebinding …" is a binding, cluster-wide.
            let saidByNeeds = tokens.indices.contains { index in
                claimedByNeeds[index] && !tokens[index].quoted
                    && slot.flag.contains { $0.count == 1 && $0[0] == tokens[index].norm }
            }
            if claimAny(flags) {
                // The same yes said again ("all containers, stopped ones too") is the same flag.
                while claimAny(flags) {}
                reading.slots[slot.name] = .text(slot.flagValue)
            } else if saidByNeeds {
                reading.slots[slot.name] = .text(slot.flagValue)
            } else if requires.contains(slot.name) {
                return fail("a required flag is missing")
            }
        }
        for slot in order
        where slot.type != .name && slot.type != .names && slot.flag.isEmpty && !Self.isBareNamespace(slot) {
            switch find(slot, in: tokens, said: prepared.said, claimed: claimed, lexicon: lexicon) {
            case .absent:
                if requires.contains(slot.name) { return fail("no \(slot.name)") }
            case .conflict:
                return fail("two values for \(slot.name)")
            case .found(let value, let used):
                // "scale web down 1": a count said after up or down, with no "to" before it, is a change by it or
                // to it; kagent does not guess which.
                if slot.type == .count, slot.after.isEmpty, let at = used.first,
                    !(at > 0 && ["to", "at", "=", "--replicas", "of", "x"].contains(tokens[at - 1].norm)),
                    tokens.contains(where: { !$0.quoted && ($0.norm == "up" || $0.norm == "down") })
                {
                    return fail("a count after up or down, without 'to' or 'by'")
                }
                for index in used { claimed[index] = true }
                valueWords.formUnion(used)
                reading.slots[slot.name] = value
                reading.types[slot.name] = slot.type
            }
        }
        // A list of names ("start mongo, redis and rabbitmq"): every word left that could be a name, in order.
        if let wordsSlot = slots.first(where: { $0.type == .names }) {
            // Words other frames read as what to do ("bring", "spin") are not names in a list.
            let candidates = tokens.indices.filter {
                isCandidate($0) && (tokens[$0].quoted || !frameWords.contains(tokens[$0].norm))
            }
            if candidates.isEmpty {
                if requires.contains(wordsSlot.name) { return fail("no names for the list") }
            } else {
                for index in candidates { claimed[index] = true }
                reading.slots[wordsSlot.name] = .list(
                    candidates.map { tokens[$0].quoted ? tokens[$0].text : Self.withoutPossessive(tokens[$0].norm) })
                reading.types[wordsSlot.name] = .names
            }
        }
        if let nameSlot = slots.first(where: { $0.type == .name }) {
            var candidates: [Int] = []
            for index in tokens.indices where isCandidate(index) { candidates.append(index) }
            // "a pvc called notes", "a namespace with the name staging": the word said to be the name is one, even
            // when it is a word other frames read ("notes").
            if let said = Self.saidName(in: tokens, claimed: claimed, lexicon: lexicon), !candidates.contains(said) {
                candidates = (candidates + [said]).sorted()
            }
            // kind/name: "deploy/backend" (for a frame that reads a kind: elsewhere `services/api` is a folder).
            if candidates.isEmpty, slots.contains(where: { $0.type == .kind || $0.type == .workload }),
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
            // "the session agent", "the todo backend", "the todo app's backend": words next to each other, or with
            // only joining words between them, are one name, as its parts.
            if candidates.count > 1, candidates.count <= 3,
                zip(candidates, candidates.dropFirst()).allSatisfy({ first, next in
                    !tokens[first].endsClause
                        && (first + 1..<next).allSatisfy { between in
                            !tokens[between].quoted && !claimed[between] && !tokens[between].endsClause
                                && (Self.nameGapWords.contains(tokens[between].norm)
                                    || Self.withoutPossessive(tokens[between].norm) != tokens[between].norm
                                        && Self.joiningWords.contains(Self.withoutPossessive(tokens[between].norm)))
                        }
                }),
                candidates.allSatisfy({ !tokens[$0].quoted && !frameWords.contains(tokens[$0].norm) })
            {
                let joined = candidates.map { Self.withoutPossessive(tokens[$0].norm) }.joined(separator: "-")
                    + Self.appSuffix(after: candidates.last, in: tokens)
                if KubernetesName.subdomainProblem(joined) == nil {
                    for index in candidates { claimed[index] = true }
                    reading.slots[nameSlot.name] = .text(joined)
                    reading.types[nameSlot.name] = .name
                    candidates = []
                }
            }
            // "Can it take new work again?": with no name said, a pronoun is the name, for the conversation or the
            // message's other sentences to say what it means.
            if candidates.isEmpty, reading.slots[nameSlot.name] == nil,
                let pronoun = tokens.indices.first(where: {
                    !claimed[$0] && !tokens[$0].quoted && ["it", "them", "that", "this", "it's"].contains(tokens[$0].norm)
                        // "the services that exist": "that" after a kind's word names nothing.
                        && !($0 > 0 && ["that", "which"].contains(tokens[$0].norm) && !tokens[$0 - 1].quoted
                            && lexicon.kind(named: tokens[$0 - 1].norm)?.typos == 0)
                })
            {
                claimed[pronoun] = true
                reading.slots[nameSlot.name] = .text(tokens[pronoun].norm)
                reading.types[nameSlot.name] = .name
            }
            if candidates.isEmpty, reading.slots[nameSlot.name] == nil, implicitSubject, !namesSaid,
                requires.contains(nameSlot.name)
            {
                reading.slots[nameSlot.name] = .text(Self.implicitName)
                reading.types[nameSlot.name] = .name
            }
            // "pull its logs, the engine threw something around lunch": several words apart, each of which may be
            // the name. Each run of words said together is one; the planner takes the one that names an object.
            // Only a frame that changes nothing: in a change, a word left over may carry what the request means
            // ("Can scaling web-service down to 1 break anything?", "…, reminder to myself") or be part of a value
            // said without quotes ("tier=has spaces"), and the change would be a guess.
            // A frame that changes something takes them only when the request says what to do first and each is a
            // thing said with an article ("send the shoppers to the new green checkout"): a bare word may be a verb
            // or a value, and a thing said before what to do may be who said it ("the team suggested scaling …").
            if reading.slots[nameSlot.name] == nil, candidates.count > 1,
                answersQuestions
                    || candidates.first.map({ first in (0..<first).contains { claimed[$0] } }) == true
                    && candidates.allSatisfy({ Self.isDetermined($0, in: tokens, passing: { at in
                        claimed[at] || candidates.contains(at) || cueWords.contains(tokens[at].norm)
                    }) }),
                let runs = Self.nameRuns(candidates, in: tokens, claimed: claimed, frameWords: frameWords)
            {
                for index in candidates { claimed[index] = true }
                reading.slots[nameSlot.name] = .text(runs[0])
                reading.types[nameSlot.name] = .name
                reading.nameCandidates = runs
                candidates = []
            }
            if reading.slots[nameSlot.name] == nil {
                guard candidates.count <= 1 else { return fail("several words could be the name") }
                if let only = candidates.first {
                    claimed[only] = true
                    reading.slots[nameSlot.name] = .text(
                        tokens[only].quoted
                            ? tokens[only].text : Self.withoutPossessive(tokens[only].norm) + Self.appSuffix(after: only, in: tokens))
                    reading.types[nameSlot.name] = .name
                } else if requires.contains(nameSlot.name) {
                    return fail("no name")
                }
            }
        }
        // A frame that reads a namespace as a bare word ("events srvthreds", "top pods todo"): the one word left.
        if let namespaceSlot = slots.first(where: Self.isBareNamespace), reading.slots[namespaceSlot.name] == nil {
            let candidates = tokens.indices.filter { isCandidate($0) && !frameWords.contains(tokens[$0].norm) }
            if !namespaceSlot.givenOnly, candidates.count == 1, let only = candidates.first,
                !Self.namesOneObject(only, in: tokens, lexicon: lexicon),
                KubernetesName.labelProblem(tokens[only].quoted ? tokens[only].text : tokens[only].norm) == nil
            {
                claimed[only] = true
                reading.slots[namespaceSlot.name] = .text(tokens[only].quoted ? tokens[only].text : tokens[only].norm)
                reading.types[namespaceSlot.name] = .namespace
            }
            if reading.slots[namespaceSlot.name] == nil, requires.contains(namespaceSlot.name), !namespaceGiven {
                return fail("no namespace")
            }
        }
        // Anything left that could be a name or a value means the frame did not read the whole request; an
        // option is read when the value after it was (`--replicas 5`, `--tail 50`), and a cue said twice is a cue.
        for index in tokens.indices where !claimed[index] {
            let token = tokens[index]
            // "pull up its logs", "set up autoscaling": the particle of a verb that means as much without it.
            // ("set it up": the verb's object may stand between them.)
            // ("let it use up to 1 gigabyte": "up to" is a bound, not a particle.)
            if !token.quoted, token.norm == "up", index > 0, !tokens[index - 1].quoted,
                !(index + 1 < tokens.count && tokens[index + 1].norm == "to"),
                Self.phrasalVerbs.contains(tokens[index - 1].norm)
                    || index > 1 && ["it", "them", "this", "that"].contains(tokens[index - 1].norm)
                        && !tokens[index - 2].quoted && Self.phrasalVerbs.contains(tokens[index - 2].norm)
            {
                continue
            }
            // "switch the engine over to 1.8.0", "move the traffic over to green": "over" before "to" adds nothing.
            if !token.quoted, token.norm == "over", index + 1 < tokens.count, tokens[index + 1].norm == "to" { continue }
            // "start one pod debug …": "one" before a word the frame read says "a".
            if !token.quoted, token.norm == "one", index + 1 < tokens.count, claimed[index + 1], !tokens[index + 1].quoted {
                continue
            }
            // "the cluster's control plane": a cue's possessive is the cue.
            if !token.quoted && (cueWords.contains(token.norm) || cueWords.contains(Self.withoutPossessive(token.norm))) {
                continue
            }
            // "check how the backend release is doing": a verb of looking asks for what any frame that only looks
            // reads.
            if answersQuestions && !token.quoted && Self.lookingVerbs.contains(token.norm) { continue }
            // "pods that aren't running", "don't restart it": a negation that is not the frame's own word turns
            // its meaning around.
            if !token.quoted && Self.isNegation(token.norm) { return fail("a negation it does not read") }
            if !token.quoted, token.norm.hasPrefix("-"), token.norm.count > 1, valueWords.contains(index + 1) {
                continue
            }
            // "the shop namespace may run 40 pods": a frame that acts on workloads does not act on a namespace (or
            // another kind that is no workload) said beside its name.
            if !token.quoted, let kind = lexicon.kind(named: token.norm), kind.typos == 0, kind.kind != "pod",
                !lexicon.workloads.contains(kind.kind), slots.contains(where: { $0.type == .workload })
            {
                return fail("a kind it does not act on: '\(token.text)'")
            }
            // "put an autoscaler on the todo frontend": a frame that reads no kind does not act on an object of a kind
            // that only another action makes (an autoscaler, an ingress, a role), said as what is wanted.
            if !token.quoted, let kind = lexicon.kind(named: token.norm), kind.typos == 0,
                !Self.describingKinds.contains(kind.kind), !lexicon.workloads.contains(kind.kind),
                !slots.contains(where: { [.kind, .workload, .kinds].contains($0.type) })
            {
                return fail("a kind it does not act on: '\(token.text)'")
            }
            if token.quoted
                || !(Self.joiningWords.contains(Self.withoutPossessive(token.norm))
                    || answersQuestions
                        && (Self.chatWords.contains(token.norm) || Self.passingWhenLooking.contains(token.norm))
                    || Self.questionWords.contains(token.norm)
                    // ("get n list servcies": a kind's word typed with a slip, left unread, is a word it does not read.)
                    || lexicon.kind(named: token.norm)?.typos == 0)
            {
                return fail("a word it does not read: '\(token.text)'")
            }
        }
        return reading
    }

    /// Words that open a thing's phrase: articles ("the shoppers"). Not possessives: "my coworker" is a person.
    static let determiners: Set<String> = ["the", "a", "an", "this", "these", "those"]
    /// Words that describe a thing between its determiner and its name ("the new green checkout").
    static let describingWords: Set<String> = [
        "new", "old", "current", "other", "whole", "entire", "same", "last", "previous", "live", "main", "real", "little",
    ]

    /// Whether the word at `index` is said as a thing: a determiner opens its phrase, with only describing words and
    /// the words `passing` allows (the frame's values and cues, the other candidates) between them, none of them a
    /// joining word ("upgrade the todo backend to v2": "v2" is no thing of its own).
    static func isDetermined(_ index: Int, in tokens: [RequestToken], passing: (Int) -> Bool) -> Bool {
        if tokens[index].determined { return true }
        var at = index - 1
        while at >= 0 {
            let token = tokens[at]
            if token.determined, describingWords.contains(token.norm) || passing(at) && !joiningWords.contains(token.norm) {
                return true
            }
            if token.endsClause || token.endsSentence || token.quoted { return false }
            if determiners.contains(token.norm) { return true }
            if describingWords.contains(token.norm) { at -= 1; continue }
            // A word that joins ("to", "on", "with") ends the phrase, whatever the frame reads it as.
            guard passing(at), !joiningWords.contains(token.norm) else { return false }
            at -= 1
        }
        return false
    }

    /// The names several words apart may be (``Reading/nameCandidates``): each run of words said together (only
    /// joining words between them) joined as one name's parts; nil when there are more than four, one is quoted with
    /// others, or one is no valid name.
    static func nameRuns(
        _ candidates: [Int], in tokens: [RequestToken], claimed: [Bool], frameWords: Set<String>
    ) -> [String]? {
        var runs: [[Int]] = []
        for index in candidates {
            // A comma or a full stop ends a run: "restart the backend, the lunch crowd is coming".
            if let last = runs.last?.last, !tokens[last].endsClause, !tokens[last].endsSentence,
                (last + 1..<index).allSatisfy({ between in
                    !tokens[between].quoted && !claimed[between] && !tokens[between].endsClause
                        && nameGapWords.contains(tokens[between].norm)
                })
            {
                runs[runs.count - 1].append(index)
            } else {
                runs.append([index])
            }
        }
        guard (2...4).contains(runs.count), runs.allSatisfy({ $0.count <= 3 }) else { return nil }
        // "logs of backend and frontend", "backend, frontend": names listed are each meant, not one of them.
        for (run, next) in zip(runs, runs.dropFirst()) {
            guard let end = run.last, let start = next.first else { continue }
            if tokens[end].endsClause
                || tokens[(end + 1)..<start].contains(where: { ["and", "or", "&", "nor", "plus", "+"].contains($0.norm) || $0.endsClause })
            {
                return nil
            }
        }
        var names: [String] = []
        for run in runs {
            if run.count == 1, tokens[run[0]].quoted {
                names.append(tokens[run[0]].text)
                continue
            }
            guard run.allSatisfy({ !tokens[$0].quoted && !frameWords.contains(tokens[$0].norm) }) else { return nil }
            let name = run.map { withoutPossessive(tokens[$0].norm) }.joined(separator: "-")
            guard KubernetesName.subdomainProblem(name) == nil else { return nil }
            if !names.contains(name) { names.append(name) }
        }
        return names.count > 1 ? names : nil
    }

    /// "-app" when the word after a name's last word is "app" and ends it ("restart the web app" names `web-app`);
    /// the planner drops it again when no object is named so ("the todo app" is `todo`).
    static func appSuffix(after index: Int?, in tokens: [RequestToken]) -> String {
        guard let index, !tokens[index].quoted, Self.withoutPossessive(tokens[index].norm) == tokens[index].norm,
            index + 1 < tokens.count, !tokens[index + 1].quoted, tokens[index + 1].norm == "app"
        else { return "" }
        return "-app"
    }

    /// A word without its ending of tense or number, and without a final "e": installed, installing and installs are
    /// all `install`; scale, scaled and scaling are `scal`.
    static func verbStem(_ word: String) -> Substring {
        var stem = Substring(word)
        if stem.allSatisfy(\.isLetter) {
            if stem.hasSuffix("ing") {
                stem = stem.dropLast(3)
            } else if stem.hasSuffix("ed") {
                stem = stem.dropLast(2)
            } else if stem.hasSuffix("s"), !stem.hasSuffix("ss") {
                stem = stem.dropLast(1)
            }
            if stem.hasSuffix("e") { stem = stem.dropLast(1) }
        }
        return stem
    }

    /// Verbs whose "up" adds nothing to what they ask ("pull up the logs", "set up an autoscaler").
    static let phrasalVerbs: Set<String> = ["pull", "bring", "look", "set", "hook", "open", "call", "dig", "fire", "whip", "draw", "type", "load", "use", "using", "uses", "used", "eat", "eating", "eats", "take", "taking", "takes", "burn", "burning", "gobble", "gobbling", "eaten"]

    /// Units of memory said as words after a number ("4 gigs"), as Kubernetes writes them.
    static let memoryUnitWords: [String: String] = [
        "gig": "Gi", "gigs": "Gi", "gigabyte": "Gi", "gigabytes": "Gi", "gb": "Gi", "gib": "Gi", "gi": "Gi",
        "meg": "Mi", "megs": "Mi", "megabyte": "Mi", "megabytes": "Mi", "mb": "Mi", "mib": "Mi", "mi": "Mi",
    ]

    /// "the `app-env` secret": a word followed, in the same clause, by the singular name of one kind other than a
    /// namespace is that object's name, never a place ("the srvthreds pods" are the pods in srvthreds).
    static func namesOneObject(_ index: Int, in tokens: [RequestToken], lexicon: Lexicon) -> Bool {
        guard index + 1 < tokens.count, !tokens[index].endsClause, !tokens[index].endsSentence else { return false }
        let next = tokens[index + 1]
        guard !next.quoted, let kind = lexicon.kind(named: next.norm), kind.typos == 0 else { return false }
        return kind.kind != "namespace" && next.norm == kind.kind
    }

    /// Text slots whose value keeps its case: names of variables, keys, users and groups are case-sensitive.
    static let caseKeepingSlots: Set<String> = ["unset", "remove", "key", "user", "group", "users", "groups"]

    /// Verbs that ask to be shown something, whatever it is.
    static let lookingVerbs: Set<String> = [
        "check", "show", "tell", "see", "view", "display", "give", "list", "find", "look", "inspect", "print", "pull",
        "fetch", "know", "read", "peek", "verify", "confirm", "report",
    ]

    /// Words said after "in" or "from" that are no namespace: times ("from yesterday"), and where a person is
    /// ("on my laptop").
    static let notPlaces: Set<String> = [
        "yesterday", "today", "tonight", "tomorrow", "earlier", "before", "morning", "afternoon", "evening", "night",
        "week", "month", "hour", "hours", "minute", "minutes", "ago", "scratch", "laptop", "computer", "machine",
        "browser", "here", "there", "production", "prod", "docker", "git", "general", "advance", "total", "detail",
    ]

    /// The verbs an -ing form may be of: "restarting" → restart, "scaling" → scale, "stopping" → stop; empty for a
    /// word that does not end in -ing or is too short to be one.
    static func gerundStems(of word: String) -> [String] {
        guard word.count >= 6, word.hasSuffix("ing") else { return [] }
        let stem = String(word.dropLast(3))
        var stems = [stem, stem + "e"]
        if let last = stem.last, stem.dropLast().last == last { stems.append(String(stem.dropLast())) }
        // Verbs of three letters ("running", "getting", "setting") say a state or too little.
        return stems.filter { $0.count >= 4 }
    }

    /// Words that turn a meaning around: "not", "never", "except", "without", and every "…n't".
    static func isNegation(_ word: String) -> Bool {
        ["not", "never", "except", "without", "nothing", "neither", "nor"].contains(word) || word.hasSuffix("n't")
            || word.hasSuffix("n’t") || typedNegations.contains(word)
    }

    /// "dont", "wont", "cant": a negation typed without its apostrophe.
    static let typedNegations: Set<String> = [
        "dont", "doesnt", "didnt", "wont", "cant", "isnt", "arent", "wasnt", "werent", "shouldnt", "couldnt",
        "wouldnt", "havent", "hasnt", "hadnt", "aint", "mustnt", "neednt",
    ]


    /// A namespace slot without anchors: the one bare word left, or the namespace the request named elsewhere.
    static func isBareNamespace(_ slot: Slot) -> Bool {
        slot.type == .namespace && slot.after.isEmpty && slot.before.isEmpty
    }

    /// Words measured in percent: a number said with one is a percentage ("cpu 75").
    static let percentWords: Set<String> = ["cpu", "utilization", "utilisation", "target", "targeting"]

    /// The longest phrase a slot's value follows or precedes that the words say: slots whose phrase is longer are
    /// read first, so that "to port 80" is the remote port before "port 80" could be the local one.
    private func anchorLength(_ slot: Slot, in tokens: [RequestToken], said: Set<String>) -> Int {
        (slot.after + slot.before).filter { phrase in
            PreparedWords.mayBeSaid(phrase, said) && tokens.count >= phrase.count
                && (0...(tokens.count - phrase.count)).contains { RequestToken.spell(tokens[$0..<($0 + phrase.count)], phrase) }
        }.map(\.count).max() ?? 0
    }

    private func rank(_ slot: Slot) -> Int {
        if !slot.after.isEmpty || !slot.before.isEmpty { return 0 }
        switch slot.type {
        case .percent, .pairs, .image, .quantity, .host, .duration, .ports, .path, .shape, .memory, .schedule: return 1
        case .kind, .workload, .kinds, .verbs, .limits, .grants: return 2
        default: return 3
        }
    }

    /// The words that say on their own that a value of one of `slots` follows ("label", "user").
    static func anchorWords(of slots: [Slot]) -> Set<String> {
        Set(slots.flatMap(\.after).filter { $0.count == 1 }.map { $0[0] })
    }

    /// Whether a key is an environment variable's name by convention: `NODE_ENV`, `LOG_LEVEL`, `DEBUG`.
    static func isVariableName(_ key: Substring) -> Bool {
        guard let first = key.first, first.isUppercase || first == "_" else { return false }
        return key.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" }
    }

    /// "web-app's image": the name without its possessive.
    static func withoutPossessive(_ word: String) -> String {
        for suffix in ["'s", "’s"] where word.hasSuffix(suffix) && word.count > suffix.count + 1 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// Whether an unquoted word of a list of names can be one: not a joining word nor a number, a valid name.
    static func isListedName(_ word: String) -> Bool {
        !joiningWords.contains(word) && !chatWords.contains(word) && !questionWords.contains(word) && Int(word) == nil && KubernetesName.subdomainProblem(word) == nil
    }

    /// The word after "called", "named" or "the name" ("with the name staging"), when it can be a name.
    static func saidName(in tokens: [RequestToken], claimed: [Bool], lexicon: Lexicon) -> Int? {
        tokens.indices.dropFirst().first { index in
            let before = tokens[index - 1], token = tokens[index]
            guard !claimed[index], !token.quoted,
                token.named || !before.quoted && !before.endsClause
                    && (RuleCatalog.namingWords.contains(before.norm)
                        || before.norm == "name" && index >= 2 && ["the", "a"].contains(tokens[index - 2].norm))
            else { return false }
            return !joiningWords.contains(token.norm) && !isNegation(token.norm) && lexicon.number(from: token.norm) == nil
                && lexicon.kind(named: token.norm)?.typos != 0 && KubernetesName.subdomainProblem(token.norm) == nil
        }
    }

    func isNameCandidate(_ token: RequestToken, lexicon: Lexicon) -> Bool {
        if token.quoted { return !token.text.isEmpty }
        let bare = Self.withoutPossessive(token.norm)
        if bare != token.norm { return isNameCandidate(RequestToken(text: bare), lexicon: lexicon) }
        if Self.joiningWords.contains(token.norm) || Self.chatWords.contains(token.norm)
            || Self.passingWhenLooking.contains(token.norm) || Self.questionWords.contains(token.norm) || lexicon.kind(named: token.norm)?.typos == 0
        {
            return false
        }
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
    private func find(_ slot: Slot, in tokens: [RequestToken], said: Set<String>, claimed: [Bool], lexicon: Lexicon) -> Found {
        // The anchors whose words the request has: the others are nowhere in it.
        let after = slot.after.filter { PreparedWords.mayBeSaid($0, said) }
        let before = slot.before.filter { PreparedWords.mayBeSaid($0, said) }
        /// The words of the phrase the value at `index` follows or precedes (empty for a slot without anchors);
        /// nil when an anchored slot's phrase is not there.
        /// The words of `phrase` when it is said right before the value at `index` (an `after` phrase), or right
        /// after it in its clause (`valueFirst`); nil when it is not. A word of the phrase written `_` stands for any
        /// one word, which stays free for other slots ("to _": "to backend 8000" puts the port after the name).
        func spoken(_ phrase: [String], at index: Int, valueFirst: Bool) -> [Int]? {
            let start = valueFirst ? index + 1 : index - phrase.count
            guard start >= 0, start + phrase.count <= tokens.count, !(valueFirst && tokens[index].endsClause) else {
                return nil
            }
            let range = start..<(start + phrase.count)
            guard RequestToken.spell(tokens[range], phrase) else { return nil }
            return range.filter { phrase[$0 - start] != "_" }
        }
        func anchored(_ index: Int) -> [Int]? {
            if slot.after.isEmpty && slot.before.isEmpty { return [] }
            for phrase in after {
                if let words = spoken(phrase, at: index, valueFirst: false) { return words }
            }
            // "serviceaccout deployer": a long anchor word typed with one slip is still that word.
            for phrase in slot.after where phrase.count == 1 && phrase[0].count >= 7 && index >= 1 {
                let before = tokens[index - 1]
                if !before.quoted, before.norm.allSatisfy(\.isLetter), EditDistance.isWithinOne(before.norm, phrase[0]) {
                    return [index - 1]
                }
            }
            // A value and the phrase after it are said in one clause: "128Mi, memory limit 256Mi" puts no limit on
            // 128Mi.
            for phrase in before {
                if let words = spoken(phrase, at: index, valueFirst: true) { return words }
            }
            return nil
        }
        /// The words of the longest phrase the value at `index` is said with; 0 when it has none.
        func anchorSize(_ index: Int) -> Int {
            let words = after.compactMap { spoken($0, at: index, valueFirst: false) }
                + before.compactMap { spoken($0, at: index, valueFirst: true) }
            return words.map(\.count).max() ?? 0
        }
        var found: [(SlotValue, [Int])] = []
        var readUpTo = 0
        // After `--` the words are a container's command: no other slot's value is there.
        let commandStart = slot.type == .rest || slot.type == .words
            ? tokens.count : (tokens.firstIndex { !$0.quoted && $0.norm == "--" } ?? tokens.count)
        for index in tokens.indices where !claimed[index] && index >= readUpTo && index < commandStart {
            // "build img ./todo-app/backend": a path that says it is one needs no word before it.
            // "build srvthreds/services/engine -t …": folders joined by "/" (no tag, no kind before the slash) too.
            func folders() -> Bool {
                !tokens[index].quoted && tokens[index].text.contains("/") && !tokens[index].text.contains(":")
                    && !tokens[index].text.contains("=") && tokens[index].text.first?.isLetter == true
                    && lexicon.kind(named: String(tokens[index].norm.prefix { $0 != "/" })) == nil
            }
            func explicitPath() -> Bool {
                slot.type == .path && !tokens[index].quoted
                    && (["./", "../", "/", "~/"].contains { tokens[index].text.hasPrefix($0) } && tokens[index].text.count > 2
                        || folders())
            }
            // "schedule busybox:1.36 …": an image that says it is one (a tag or a path) needs no word either.
            // (Folders joined by "/" twice or more, without a tag, are a path: `srvthreds/services/engine`.)
            func explicitImage() -> Bool {
                slot.type == .image && !tokens[index].quoted
                    && (tokens[index].text.contains(":") || tokens[index].text.filter { $0 == "/" }.count == 1)
                    && tokens[index].text.first?.isLetter == true
            }
            guard let anchor = anchored(index) ?? (explicitPath() || explicitImage() ? [] : nil) else { continue }
            let token = tokens[index]
            switch slot.type {
            case .count:
                // "back to revision `2`": a number in code quotes is still a number.
                guard !token.quoted || token.code, let value = lexicon.number(from: token.norm) else { continue }
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
                } else if let value = lexicon.number(from: token.norm), (1...100).contains(value),
                    anchor.contains(where: { $0 < index && Self.percentWords.contains(tokens[$0].norm) })
                {
                    // "cpu 75", "target 60": after a word that is measured in percent, a number is a percentage.
                    found.append((.number(value), [index] + anchor))
                }
            case .kind, .workload:
                // "list the `configmaps`": a kind's word in quotes is still that kind; "the engine svc's 8080": its
                // possessive too.
                let word = token.quoted ? token.text.lowercased() : Self.withoutPossessive(token.norm)
                guard let kind = lexicon.kind(named: word), kind.typos == 0 else { continue }
                if slot.type == .workload && !["deployment", "statefulset"].contains(kind.kind) { continue }
                // "between 2 and 8 pods": pods counted are a number's unit, not the kind acted on.
                if kind.kind == "pod", !token.quoted, index > 0, !tokens[index - 1].quoted,
                    lexicon.number(from: tokens[index - 1].norm) != nil, anchor.isEmpty
                {
                    continue
                }
                found.append((.text(kind.kind), [index] + anchor))
            case .pairs, .secrets:
                var pairs = tokens.indices.filter { !claimed[$0] && SlotParsing.pair(tokens[$0].text) != nil }
                guard !pairs.isEmpty else { return .absent }
                // With anchors ("pairs after set|--set"), the first pair follows one; the others said with it (next
                // to it, or after "and" or a comma) come with it. Pairs said elsewhere are left to the frame's other
                // slots ("with MODE=batch and label team=data": the label is one pair, the variable another).
                var anchors: [Int] = []
                if !slot.after.isEmpty || !slot.before.isEmpty {
                    guard let first = pairs.firstIndex(where: { anchored($0) != nil }), let words = anchored(pairs[first])
                    else { return .absent }
                    anchors = words
                    var run = [pairs[first]], index = pairs[first] + 1
                    while index < tokens.count {
                        if pairs.contains(index) {
                            run.append(index)
                        } else if !["and", ",", "&"].contains(tokens[index].norm) || !pairs.contains(index + 1) {
                            break
                        }
                        index += 1
                    }
                    pairs = run
                }
                if slot.variablesOnly, !pairs.allSatisfy({ Self.isVariableName(tokens[$0].text.prefix { $0 != "=" }) }) {
                    return .absent
                }
                let values = pairs.map { tokens[$0].text }
                // A secret's values are kept as a secret: never shown, logged or put on a command line.
                return .found(slot.type == .secrets ? .secret(values) : .list(values), used: pairs + anchors)
            case .image:
                // "deploy/api" is a kind and a name, not an image.
                if !token.quoted, let slash = token.norm.firstIndex(of: "/"),
                    lexicon.kind(named: String(token.norm[..<slash]))?.typos == 0
                {
                    continue
                }
                // A bare name ("busybox") is an image only after or before its word ("image busybox", "--image"), and
                // never a joining word ("with image …") nor a number ("start one pod …").
                let explicit = token.text.contains(":") || token.text.contains("/")
                guard explicit || !anchor.isEmpty && !Self.joiningWords.contains(token.norm) && lexicon.number(from: token.norm) == nil,
                    !token.text.contains("="),
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
                } else if !anchor.isEmpty, let value = SlotParsing.duration(amount: 1, unit: token.norm) {
                    // "the last hour", "the past day": one of the unit.
                    found.append((.text(value), [index] + anchor))
                }
            case .quantity:
                // "4 gigs", "512 megs": a number and the word for its unit of memory said apart.
                if !token.quoted, Int(token.norm) != nil, index + 1 < tokens.count, !tokens[index + 1].quoted,
                    let unit = Self.memoryUnitWords[tokens[index + 1].norm]
                {
                    found.append((.text(token.norm + unit), [index, index + 1] + anchor))
                    continue
                }
                // A bare number is a count, except before the unit of CPU ("1 core", "2 cpus").
                let cores = index + 1 < tokens.count && ["core", "cores", "cpu", "cpus", "vcpu", "vcpus"].contains(tokens[index + 1].norm)
                guard !token.quoted, token.norm.contains(where: \.isLetter) || cores || !anchor.isEmpty,
                    let value = SlotParsing.quantity(token.text)
                else { continue }
                found.append((.text(value), [index] + anchor))
            case .port:
                guard !token.quoted, let port = Int(token.norm), (1...65_535).contains(port) else { continue }
                found.append((.number(port), [index] + anchor))
            case .ports:
                guard !token.quoted, token.norm.contains(":"), let ports = SlotParsing.portPair(token.norm) else {
                    continue
                }
                found.append((.text(ports), [index] + anchor))
            case .host:
                guard !token.quoted || token.text.contains("."), let host = SlotParsing.host(token.norm) else {
                    continue
                }
                found.append((.text(host), [index] + anchor))
            case .path:
                guard token.text.contains("/") || token.text.hasSuffix(".yaml") || token.text.hasSuffix(".yml")
                    || !slot.after.isEmpty || !slot.before.isEmpty,
                    SlotParsing.looksLikePath(token.text)
                else { continue }
                found.append((.text(token.text), [index] + anchor))
            case .memory:
                guard !token.quoted, let amount = SlotParsing.memory(token.text) else { continue }
                found.append((.text(amount), [index] + anchor))
            case .schedule:
                // The longest run of words from here that reads as a schedule; a quoted one is cron's own text.
                let run = Array((index..<tokens.count).prefix { !claimed[$0] && ($0 == index || !tokens[$0].quoted) })
                guard let (cron, used) = SlotParsing.schedulePrefix(run.map { tokens[$0].quoted ? tokens[$0].text : tokens[$0].norm })
                else { continue }
                found.append((.text(cron), Array(run.prefix(used)) + anchor))
                readUpTo = index + used
            case .kinds:
                // Every kind said ("pods, services and deployments"), in order, each once; `pods/log` as `pod/log`.
                func kind(_ at: Int) -> String? {
                    let word = tokens[at].quoted ? tokens[at].text.lowercased() : tokens[at].norm
                    let parts = word.split(separator: "/", maxSplits: 1).map(String.init)
                    guard let first = parts.first, let kind = lexicon.kind(named: first), kind.typos == 0 else { return nil }
                    if parts.count == 2 {
                        let subresources = ["log", "exec", "portforward", "attach", "status", "scale", "proxy"]
                        return subresources.contains(parts[1]) ? kind.kind + "/" + parts[1] : nil
                    }
                    return kind.kind
                }
                let said = tokens.indices.filter { !claimed[$0] && kind($0) != nil }
                guard !said.isEmpty else { return .absent }
                var kinds: [String] = []
                for at in said {
                    if let kind = kind(at), !kinds.contains(kind) { kinds.append(kind) }
                }
                return .found(.list(kinds), used: said + anchor)
            case .verbs:
                // "get,list,watch", "get, list and watch", "--verb=get": words that are all RBAC verbs.
                let rbac = AccessGrants.rbacVerbs.union(["*"])
                func verbs(_ at: Int) -> [String]? {
                    let parts = tokens[at].norm.split(separator: ",").map(String.init)
                    return !tokens[at].quoted && !parts.isEmpty && parts.allSatisfy(rbac.contains) ? parts : nil
                }
                let said = tokens.indices.filter { !claimed[$0] && verbs($0) != nil }
                guard let first = said.first, let last = said.last else { return .absent }
                // "create pods/exec, get pods": verbs said kind by kind are no one set of verbs for every kind.
                if (first..<last).contains(where: { at in
                    lexicon.kind(named: String(tokens[at].norm.prefix { $0 != "/" }))?.typos == 0
                }) {
                    return .conflict
                }
                var list: [String] = []
                for at in said { for verb in verbs(at) ?? [] where !list.contains(verb) { list.append(verb) } }
                return .found(.list(list), used: said + anchor)
            case .limits:
                guard let read = LimitAmounts.read(tokens, claimed: claimed) else { return .absent }
                return .found(.list(read.entries), used: read.used + anchor)
            case .nameList:
                // "users alice and bob", "service accounts ci-bot, deployer": the names right after the anchor. A
                // user may be an address (erin@example.com), an account its namespace's (shop:default); another
                // slot's word ("… and user grace") ends the list.
                guard !anchor.isEmpty else { continue }
                let otherWords = Self.anchorWords(of: slots.filter { $0.name != slot.name })
                func listed(_ token: RequestToken) -> Bool {
                    if token.quoted { return !token.text.isEmpty }
                    if otherWords.contains(token.norm) || ownWords.contains(token.norm) { return false }
                    if isNameCandidate(token, lexicon: lexicon) { return true }
                    let parts = token.norm.split(separator: token.norm.contains("@") ? "@" : ":", omittingEmptySubsequences: false)
                    return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "-._".contains($0) } }
                }
                var run: [Int] = []
                var at = index
                while at < tokens.count, !claimed[at], listed(tokens[at]) {
                    run.append(at)
                    if tokens[at].endsClause && !tokens[at].endsSentence, at + 1 < tokens.count {
                        at += 1
                    } else if at + 2 < tokens.count, !tokens[at + 1].quoted, ["and", "&"].contains(tokens[at + 1].norm) {
                        at += 2
                    } else {
                        break
                    }
                }
                guard !run.isEmpty else { continue }
                let names = run.map { tokens[$0].quoted || Self.caseKeepingSlots.contains(slot.name) ? tokens[$0].text : tokens[$0].norm }
                // The joining words between them are the list's too.
                let joins = (run.first ?? 0)...(run.last ?? 0)
                return .found(.list(names), used: Array(joins) + anchor)
            case .grants:
                guard let read = AccessGrants.read(tokens, claimed: claimed, lexicon: lexicon) else { return .absent }
                return .found(.list(read.entries), used: read.used + anchor)
            case .rest, .words:
                // A command said after its word ("running echo hi", "command: `date`"): every word to the sentence's end.
                guard !anchor.isEmpty else { continue }
                // After `--` every word is the command's, whatever other slots read in it.
                var run = Array((index..<tokens.count).prefix { !claimed[$0] || tokens[anchor[0]].norm == "--" })
                // Said in English, a command ends with its clause ("running python export.py, env REGION=eu"); a
                // command with a comma of its own is quoted.
                if tokens[anchor[0]].norm != "--", let end = run.firstIndex(where: { tokens[$0].endsClause }) {
                    run = Array(run[...end])
                }
                // `words` ends where it is said where to run ("run ls /app in the todo backend"), and is read only
                // then: "make the shop website run nginx 1.25" says what it runs, no command to run in it. An image
                // (`nginx:1.25`) is never such a command.
                if slot.type == .words, tokens[anchor[0]].norm != "--" {
                    guard let place = (index..<tokens.count).first(where: {
                        !tokens[$0].quoted && ["in", "inside", "within", "into", "on"].contains(tokens[$0].norm)
                    }) else { continue }
                    run = run.filter { $0 < place }
                    guard let first = run.first,
                        tokens[first].quoted || !(tokens[first].text.contains(":") && SlotParsing.image(tokens[first].text) != nil)
                    else { continue }
                }
                // "run a job …", "running at 6am": a command line never starts with a joining word.
                if let first = run.first, !tokens[first].quoted, tokens[anchor[0]].norm != "--",
                    Self.joiningWords.contains(tokens[first].norm)
                {
                    continue
                }
                // …but for a namespace said at its end ("-- echo hi -n shop", "running date in shop").
                if run.count > 2, claimed[run[run.count - 1]],
                    ["in", "-n", "--namespace", "namespace"].contains(tokens[run[run.count - 2]].norm)
                {
                    run.removeLast(2)
                }
                // …and for joining words left at its end once other slots took what they tie ("running nslookup
                // todo-backend with restart policy Never": the command is `nslookup todo-backend`).
                if tokens[anchor[0]].norm != "--" {
                    while let last = run.last, run.count > 1, !tokens[last].quoted,
                        Self.joiningWords.contains(tokens[last].norm), index + run.count < tokens.count
                    {
                        run.removeLast()
                    }
                }
                // …and for another slot's pairs said after it with their word ("cmd sleep infinity label tier=tools").
                if tokens[anchor[0]].norm != "--" {
                    let pairWords = Self.anchorWords(
                        of: slots.filter { ($0.type == .pairs || $0.type == .secrets) && $0.name != slot.name })
                    if let at = run.firstIndex(where: { position in
                        position > run.startIndex && !tokens[position].quoted && pairWords.contains(tokens[position].norm)
                            && position + 1 < tokens.count && SlotParsing.pair(tokens[position + 1].text) != nil
                    }) {
                        run = Array(run[..<at])
                    }
                }
                // …and for its environment said after it ("running ./seed with MODE=full and LOG_LEVEL=info").
                if tokens[anchor[0]].norm != "--",
                    let with = run.lastIndex(where: { !tokens[$0].quoted && tokens[$0].norm == "with" }),
                    with > run.startIndex,
                    run[(with + 1)...].contains(where: { SlotParsing.pair(tokens[$0].text) != nil }),
                    run[(with + 1)...].allSatisfy({
                        SlotParsing.pair(tokens[$0].text) != nil || ["and", ",", "&"].contains(tokens[$0].norm)
                    })
                {
                    run.removeSubrange(with...)
                }
                found.append((.list(run.map { tokens[$0].text }), run + anchor))
                readUpTo = tokens.count
            case .shape:
                // "-o yaml", "as json", "wide": only the shape's own word, or `-oyaml`; "name" only after `-o`.
                guard !token.quoted || token.code, let shape = SlotParsing.shape(token.norm),
                    shape != "name" || (index > 0 && ["-o", "--output"].contains(tokens[index - 1].norm))
                else { continue }
                found.append((.text(shape), [index] + anchor))
            case .selector:
                guard !slot.after.isEmpty || !slot.before.isEmpty, !token.quoted || token.code,
                    let selector = SlotParsing.selector(token.text)
                else { continue }
                found.append((.text(selector), [index] + anchor))
            case .text:
                guard !slot.after.isEmpty || !slot.before.isEmpty else { continue }
                guard !Self.joiningWords.contains(token.norm) || token.quoted else { continue }
                // "the LOG_LEVEL env var": a word of the slot's own phrases is never its value.
                if !token.quoted, (slot.after + slot.before).contains(where: { $0.contains(token.norm) }) { continue }
                // A name is never a KEY=VALUE pair ("quota requests.cpu=2 …").
                if slot.name == "name", !token.quoted, token.text.contains("=") { continue }
                // A variable, a key, a user or a group keeps the case it was typed in (LOG_LEVEL, Alice); other
                // words are read in lower case, as objects' names are.
                let lowered = !Self.caseKeepingSlots.contains(slot.name)
                found.append((.text(token.quoted || !lowered ? token.text : token.norm), [index] + anchor))
            default:
                continue
            }
        }
        // One value, or the same value said twice; several different ones are not a reading, unless one phrase
        // says it more exactly ("local port 6380 to port 6379": "local port" is the local one's, "port" anyone's).
        // A value said after its phrase is said more exactly than one found by its shape alone ("with image
        // nginx:1.25, init container busybox:1.36": the image is nginx, the other is the init container's).
        guard let first = found.first else { return .absent }
        if !found.allSatisfy({ $0.0 == first.0 }), !slot.after.isEmpty || !slot.before.isEmpty {
            let sizes = found.map { anchorSize($0.1[0]) }
            let best = sizes.max() ?? 0
            let exact = zip(found, sizes).filter { $0.1 == best }.map(\.0)
            if best > 1 || best == 1 && sizes.filter({ $0 > 0 }).count == exact.count,
                let chosen = exact.first, exact.allSatisfy({ $0.0 == chosen.0 })
            {
                return .found(chosen.0, used: exact.flatMap(\.1))
            }
            // "deployment ticker image busybox:1.36": a reference with a tag or a registry is the image, not the
            // bare word before "image".
            if slot.type == .image {
                let shaped = found.filter { $0.0.text.map { $0.contains(":") || $0.contains("/") } == true }
                if let chosen = shaped.first, shaped.allSatisfy({ $0.0 == chosen.0 }) {
                    return .found(chosen.0, used: shaped.flatMap(\.1))
                }
            }
        }
        guard found.allSatisfy({ $0.0 == first.0 }) else { return .conflict }
        return .found(first.0, used: found.flatMap(\.1))
    }
}
