/// One pattern of a rule, parsed from its text form.
///
/// The text form, as written in `rules/*.yaml`:
/// - `scale` a literal word; `scale|resize` one of several words (outside brackets, no spaces around `|`);
/// - `[to]` optional; `[in {namespace}]` an optional sequence; `(up by|increase by)` one of several sequences
///   (inside brackets `|` always separates sequences);
/// - `{name}` a slot of type name; `{replicas:count}` a slot with a type (see ``SlotType``).
///
/// Literal words of four letters or more also match with one typo ("sacle" → "scale").
public struct RulePattern: Sendable, CustomStringConvertible {
    public let source: String
    let nodes: [Node]

    indirect enum Node: Sendable {
        case words([String])
        case slot(name: String, type: SlotType)
        case group(alternatives: [[Node]], optional: Bool)
    }

    public var description: String { source }

    /// The words a match can start with (a word may be listed twice), or nil when it can start with a slot: a
    /// quick test that skips most patterns without trying them.
    let firstWords: [String]?

    public init(_ source: String) throws(IntentError) {
        var parser = PatternParser(source: source)
        self.init(source: source, nodes: try parser.parseAll())
    }

    /// A pattern already parsed (read back from the compiled catalogue, ``CatalogCache``).
    init(source: String, nodes: [Node]) {
        self.source = source
        self.nodes = nodes
        var firstWords: [String] = []
        self.firstWords = Self.collectFirstWords(of: nodes[...], into: &firstWords).slot ? nil : firstWords
        requiredWords = nodes.compactMap { node in
            if case .words(let words) = node { return words }
            return nil
        }
    }

    /// The literal words every match must contain (the pattern's top-level words, each a set of alternatives).
    let requiredWords: [[String]]

    /// Whether every required word appears in the request (allowing one typo): a quick test before matching.
    func mayMatch(_ index: WordIndex) -> Bool {
        requiredWords.allSatisfy { words in words.contains { index.isPresent($0) } }
    }

    /// Adds the words a sequence can start with to `words`; says whether it can start with a slot (then the words
    /// mean nothing) and whether it can match no words at all.
    private static func collectFirstWords(of nodes: ArraySlice<Node>, into words: inout [String])
        -> (slot: Bool, nullable: Bool)
    {
        for node in nodes {
            switch node {
            case .words(let alternatives):
                words += alternatives
                return (false, false)
            case .slot:
                return (true, false)
            case .group(let alternatives, let optional):
                var nullable = optional
                for alternative in alternatives {
                    let inner = collectFirstWords(of: alternative[...], into: &words)
                    if inner.slot { return (true, false) }
                    nullable = nullable || inner.nullable
                }
                if !nullable { return (false, false) }
            }
        }
        return (false, true)
    }

    /// Whether the first word can start a match (allowing the same one typo the matcher allows).
    func canStart(_ index: WordIndex) -> Bool {
        guard let firstWords, !index.literals.isEmpty else { return true }
        return firstWords.contains { index.typos(at: 0, for: $0) != nil }
    }

    /// Adds every literal word of the pattern to `words`, as often as it is there (one list for all patterns:
    /// ``Vocabulary``).
    func collectLiteralWords(into words: inout [String]) {
        Self.collectLiteralWords(in: nodes, into: &words)
    }

    private static func collectLiteralWords(in nodes: [Node], into words: inout [String]) {
        for node in nodes {
            switch node {
            case .words(let alternatives): words += alternatives
            case .slot: break
            case .group(let alternatives, _):
                for alternative in alternatives { collectLiteralWords(in: alternative, into: &words) }
            }
        }
    }

    /// All the slot names this pattern can fill.
    public var slotNames: Set<String> { Self.slotNames(in: nodes) }

    /// The slot names this pattern fills with values of one type.
    func slotNames(of type: SlotType) -> Set<String> { Self.slotNames(in: nodes, of: type) }

    private static func slotNames(in nodes: [Node], of type: SlotType? = nil) -> Set<String> {
        var names: Set<String> = []
        for node in nodes {
            switch node {
            case .words: break
            case .slot(let name, let slotType): if type == nil || slotType == type { names.insert(name) }
            case .group(let alternatives, _):
                for alternative in alternatives { names.formUnion(slotNames(in: alternative, of: type)) }
            }
        }
        return names
    }
}

/// What a slot accepts.
public enum SlotType: String, Sendable, CaseIterable {
    /// One word, taken as a resource name (validated later); `deploy/backend` also fills `kind`.
    case name
    /// A namespace name.
    case namespace
    /// A whole number, as digits or a word ("3", "three", "zero").
    case count
    /// A percentage: "50%", "50 %", "50 percent".
    case percent
    /// Any resource kind, by name, plural or abbreviation ("deploy", "sts").
    case kind
    /// A kind that has replicas: deployment or statefulset.
    case workload
    /// Any one word, as typed (a revision, a label value, a context name).
    case text
    /// One or more KEY=VALUE words (env vars, labels, configmap literals).
    case pairs
    /// One or more KEY=VALUE words whose values are secret (never shown).
    case secrets
    /// Every remaining word (a command to exec), as typed.
    case rest
    /// Every remaining word, as typed, when they read as a kubectl command without the word `kubectl`
    /// (see ``KubectlVocabulary``): the literal-command pass-through.
    case kubectl
    /// Every remaining word, as typed, when they parse as kubectl's syntax (``CommandSyntax/kubectl``):
    /// what follows the word `kubectl` in a literal command.
    case kubectlArgs
    /// Every remaining word, as typed, when they parse as helm's syntax (``CommandSyntax/helm``).
    case helmArgs
    /// Every remaining word, as typed, when they parse as docker's syntax (``CommandSyntax/docker``).
    case dockerArgs
    /// One or more words as typed, as many as the rest of the pattern leaves (`run {command:words} in {name}`).
    case words
    /// One or more names ("mongo redis", "mongo, redis and rabbitmq"): like `words`, but only words that can
    /// be names (never "the", "for" or a number), with "and" between them dropped.
    case names
    /// A container image: `nginx`, `nginx:1.22`, `repo/app@sha256:…`, or `nginx 1.22` (name, then version).
    case image
    /// A port number, 1–65535.
    case port
    /// A port pair `8080:80`, or one port.
    case ports
    /// A duration for kubectl: `1h`, `30m`, `2h30m`, or `5 minutes`, `2 hours`, `1 day`.
    case duration
    /// A label selector: `app=web`, `app=web,tier!=db`.
    case selector
    /// A resource quantity: `512Mi`, `1Gi`, `500m`, `2`; `512MB` is read as `512Mi`.
    case quantity
    /// A host name: `app.example.com`.
    case host
    /// A file or folder path: `./helm/backend`, `values-dev.yaml`, `.`.
    case path
    /// The shape kubectl prints: `yaml`, `json`, `wide` or `name` (also `-oyaml`, `yml`).
    case shape
    /// An amount of memory: a quantity with a unit of bytes (`2Gi`, `512Mi`, `1G`, "1 gig"), never a bare number
    /// or CPU's `500m`.
    case memory
    /// When something runs, as cron text: `*/5 * * * *`, "every 5 minutes", "daily at 2am" (``SlotParsing/schedule(_:)``).
    case schedule
    /// One or more kinds ("pods, services and deployments"), canonical, in the order said; a subresource as
    /// `pod/log`.
    case kinds
    /// RBAC verbs said as such: `get,list,watch`, "get, list and watch", after "verbs" or `--verb`.
    case verbs
    /// Amounts of CPU and memory with what they are for (``LimitAmounts``): `default.memory=512Mi`, `max.cpu=2`.
    case limits
    /// Access said kind by kind (``AccessGrants``): "read pods and manage deployments" → `read=pod`,
    /// `manage=deployment`; "get and list pods, delete jobs" → `get,list=pod`, `delete=job`.
    case grants
    /// One or more names said after an anchor, joined by "and" or commas ("users alice and bob"): frames only.
    case nameList
}

extension SlotType {
    /// How many words a filled slot of this type takes, at most (every type takes at least one): nil for as many
    /// as there are. What ``RulePattern``'s slot readings do, for ``RulePattern/wordCounts``.
    var mostWords: Int? {
        switch self {
        case .name, .namespace, .count, .text, .port, .ports, .selector, .host, .path, .kind, .workload, .shape,
            .memory: 1
        case .percent, .image, .duration, .quantity: 2
        case .pairs, .secrets, .rest, .kubectl, .kubectlArgs, .helmArgs, .dockerArgs, .words, .names, .schedule,
            .kinds, .verbs, .limits, .grants, .nameList: nil
        }
    }
}

extension RulePattern {
    /// The fewest and the most words a whole match can span (nil: no most): a request of another length cannot
    /// match, and is not tried (``PatternFilter``).
    var wordCounts: (least: Int, most: Int?) { Self.wordCounts(of: nodes[...]) }

    private static func wordCounts(of nodes: ArraySlice<Node>) -> (least: Int, most: Int?) {
        var least = 0
        var most: Int? = 0
        for node in nodes {
            var counts: (least: Int, most: Int?)
            switch node {
            case .words: counts = (1, 1)
            case .slot(_, let type): counts = (1, type.mostWords)
            case .group(let alternatives, let optional):
                // The fewest of any alternative (none when optional), the most of any (no most if one has none).
                counts = (alternatives.isEmpty ? 0 : Int.max, 0)
                for alternative in alternatives {
                    let inner = wordCounts(of: alternative[...])
                    counts.least = min(counts.least, inner.least)
                    counts.most = counts.most.flatMap { most in inner.most.map { max(most, $0) } }
                }
                if optional { counts.least = 0 }
            }
            least += counts.least
            most = most.flatMap { total in counts.most.map { total + $0 } }
        }
        return (least, most)
    }
}

/// The result of matching one pattern against a request's words.
struct PatternMatch: Sendable {
    var slots: [String: SlotValue]
    /// The type of every slot filled from the request's words, so names can be validated by kind.
    var types: [String: SlotType] = [:]
    var typos: Int
    var literals: Int
}

// MARK: - Matching

extension RulePattern {
    /// The best complete match of the whole token list, if any: fewest typos, then most literal words.
    func match(_ tokens: [RequestToken], index: WordIndex, lexicon: Lexicon) -> PatternMatch? {
        guard canStart(index), mayMatch(index) else { return nil }
        return bestMatch(tokens, index: index, lexicon: lexicon)
    }

    /// ``match(_:index:lexicon:)`` without its quick tests, for a caller that made them already (``PatternFilter``).
    func bestMatch(_ tokens: [RequestToken], index: WordIndex, lexicon: Lexicon) -> PatternMatch? {
        var best: PatternMatch?
        let start = PatternMatch(slots: [:], typos: 0, literals: 0)
        Self.walk(nodes[...], tokens, index, 0, start, lexicon) { state in
            guard state.position == tokens.count else { return }
            let candidate = state.match
            if let current = best,
                (current.typos, -current.literals) <= (candidate.typos, -candidate.literals)
            {
                return
            }
            best = candidate
        }
        return best
    }

    struct State {
        var position: Int
        var match: PatternMatch
    }

    /// Every way the nodes match the words from `position`, each given to `body` as it is found, in a fixed order
    /// (a group's "not there" first, then its alternatives in order, a slot's readings in its order): the first of
    /// two equally good matches is the one kept.
    private static func walk(
        _ nodes: ArraySlice<Node>, _ tokens: [RequestToken], _ index: WordIndex, _ position: Int,
        _ match: PatternMatch, _ lexicon: Lexicon, _ body: (State) -> Void
    ) {
        guard let node = nodes.first else { return body(State(position: position, match: match)) }
        let rest = nodes.dropFirst()
        switch node {
        case .words(let words):
            guard position < tokens.count, let typos = index.typos(at: position, for: words) else { return }
            var next = match
            next.literals += 1
            next.typos += typos
            walk(rest, tokens, index, position + 1, next, lexicon, body)
        case .group(let alternatives, let optional):
            if optional { walk(rest, tokens, index, position, match, lexicon, body) }
            // Collected, then continued: a closure that went on from each end would copy the index and lexicon.
            var ends: [State] = []
            for alternative in alternatives {
                walk(alternative[...], tokens, index, position, match, lexicon) { ends.append($0) }
            }
            for end in ends { walk(rest, tokens, index, end.position, end.match, lexicon, body) }
        case .slot(let name, let type):
            for next in slot(name, type, tokens, index, position, match, lexicon) {
                walk(rest, tokens, index, next.position, next.match, lexicon, body)
            }
        }
    }

    private static func slot(
        _ name: String, _ type: SlotType, _ tokens: [RequestToken], _ index: WordIndex, _ position: Int,
        _ match: PatternMatch, _ lexicon: Lexicon
    ) -> [State] {
        var states = slotReadings(name, type, tokens, index, position, match, lexicon)
        // The slot's type, on the readings there are: most tries read nothing, and copy no dictionary.
        for number in states.indices { states[number].match.types[name] = type }
        return states
    }

    /// The ways the word at `position` (and, for some types, the words after it) can fill the slot.
    private static func slotReadings(
        _ name: String, _ type: SlotType, _ tokens: [RequestToken], _ index: WordIndex, _ position: Int,
        _ match: PatternMatch, _ lexicon: Lexicon
    ) -> [State] {
        guard position < tokens.count else { return [] }
        let token = tokens[position]
        var next = match
        switch type {
        case .name, .namespace:
            // An option ("-o", "--show-labels") is never a name: leave it to the rules that read options
            // (the pass-through). A longer word with one dash ("-backend") is a name to refuse with the reason.
            if !token.quoted && (token.norm.hasPrefix("--") || token.norm.hasPrefix("-") && token.norm.count == 2) {
                return []
            }
            // "show me", "tell us": the person asking is never an object's name; nor what is measured ("show me cpu
            // and memory usage for the nodes").
            if !token.quoted && (["me", "us", "you", "i", "we"].contains(token.norm) || (type == .name
                && ["cpu", "usage", "utilization"].contains(token.norm)))
            {
                return []
            }
            // (No "/" byte, no "/" character: the byte test spares the search for one.)
            if !token.quoted, type == .name, token.norm.utf8.contains(UInt8(ascii: "/")),
                let slash = token.norm.firstIndex(of: "/")
            {
                // kubectl's TYPE/NAME form: "deploy/backend".
                let kindWord = String(token.norm[..<slash])
                let rest = String(token.text[token.text.index(after: slash)...])
                guard let kind = lexicon.kind(named: kindWord), kind.typos == 0, !rest.isEmpty else { return [] }
                if let existing = next.slots["kind"], existing != .text(kind.kind) { return [] }
                next.slots["kind"] = .text(kind.kind)
                next.slots[name] = .text(rest.lowercased())
            } else {
                // "the backend's image": a possessive is the name it belongs to.
                next.slots[name] = .text(token.quoted ? token.text : Lexicon.droppingPossessive(token.norm))
            }
            return [State(position: position + 1, match: next)]
        case .count:
            guard !token.quoted, let value = lexicon.number(from: token.norm) else { return [] }
            next.slots[name] = .number(value)
            return [State(position: position + 1, match: next)]
        case .percent:
            guard !token.quoted else { return [] }
            if token.norm.hasSuffix("%"), let value = lexicon.number(from: String(token.norm.dropLast())) {
                next.slots[name] = .number(value)
                return [State(position: position + 1, match: next)]
            }
            if let value = lexicon.number(from: token.norm), position + 1 < tokens.count,
                ["%", "percent", "pct", "per-cent"].contains(tokens[position + 1].norm)
            {
                next.slots[name] = .number(value)
                return [State(position: position + 2, match: next)]
            }
            return []
        case .text:
            next.slots[name] = .text(token.text)
            return [State(position: position + 1, match: next)]
        case .pairs, .secrets:
            var pairs: [String] = []
            var states: [State] = []
            var index = position
            while index < tokens.count {
                // "A=1 and B=2", "A=1, B=2": the joining word goes; the pairs stay one list.
                if index > position, !tokens[index].quoted, tokens[index].norm == "and",
                    index + 1 < tokens.count, SlotParsing.pair(tokens[index + 1].text) != nil
                {
                    index += 1
                }
                guard let pair = SlotParsing.pair(tokens[index].text) else { break }
                pairs.append(pair)
                index += 1
                next.slots[name] = type == .secrets ? .secret(pairs) : .list(pairs)
                states.append(State(position: index, match: next))
            }
            return states.reversed()
        case .rest:
            next.slots[name] = .list(RequestToken.arguments(tokens[position...]))
            return [State(position: tokens.count, match: next)]
        case .kubectl:
            guard KubectlVocabulary.isCommand(tokens[position...], lexicon: lexicon) else { return [] }
            next.slots[name] = .list(tokens[position...].map(\.text))
            return [State(position: tokens.count, match: next)]
        case .kubectlArgs, .helmArgs, .dockerArgs:
            let syntax: CommandSyntax = type == .kubectlArgs ? .kubectl : type == .helmArgs ? .helm : .docker
            guard syntax.accepts(tokens[position...], lexicon: lexicon) else { return [] }
            next.slots[name] = .list(tokens[position...].map(\.text))
            return [State(position: tokens.count, match: next)]
        case .names:
            var states: [State] = []
            var names: [String] = []
            for end in position..<tokens.count {
                let token = tokens[end]
                if !token.quoted, token.norm == "and", end > position { continue }
                guard token.quoted
                    || (RequestFrame.isListedName(token.norm) && !lexicon.actionWords.contains(token.norm)
                        && lexicon.kind(named: token.norm) == nil)
                else { break }
                names.append(token.quoted ? token.text : token.norm)
                var taken = next
                taken.slots[name] = .list(names)
                states.append(State(position: end + 1, match: taken))
            }
            return states
        case .words:
            // "run a one-off job …": a command line never starts with an article; "run nginx:1.25 as a pod in shop"
            // starts with an image (a name and its tag), which a new pod runs, not a container's command.
            if !token.quoted, ["a", "an", "the"].contains(token.norm) { return [] }
            if !token.quoted, token.text.first?.isLetter == true, token.text.contains(":"), !token.text.contains("://"),
                let image = SlotParsing.image(token.text), image.contains(":")
            {
                return []
            }
            return (position..<tokens.count).map { end in
                var taken = next
                taken.slots[name] = .list(RequestToken.arguments(tokens[position...end]))
                return State(position: end + 1, match: taken)
            }
        case .image:
            var states: [State] = []
            if let image = SlotParsing.image(token.text) {
                if position + 1 < tokens.count, !image.contains(":"), !image.contains("@"),
                    let version = SlotParsing.version(tokens[position + 1].text)
                {
                    var longer = next
                    longer.slots[name] = .text(image + ":" + version)
                    states.append(State(position: position + 2, match: longer))
                }
                next.slots[name] = .text(image)
                states.append(State(position: position + 1, match: next))
            }
            return states
        case .port:
            guard let port = Int(token.norm), (1...65_535).contains(port) else { return [] }
            next.slots[name] = .number(port)
            return [State(position: position + 1, match: next)]
        case .ports:
            guard let ports = SlotParsing.portPair(token.norm) else { return [] }
            next.slots[name] = .text(ports)
            return [State(position: position + 1, match: next)]
        case .duration:
            if let duration = SlotParsing.duration(token.norm) {
                next.slots[name] = .text(duration)
                return [State(position: position + 1, match: next)]
            }
            if position + 1 < tokens.count, let amount = lexicon.number(from: token.norm),
                let duration = SlotParsing.duration(amount: amount, unit: tokens[position + 1].norm)
            {
                next.slots[name] = .text(duration)
                return [State(position: position + 2, match: next)]
            }
            return []
        case .selector:
            guard let selector = SlotParsing.selector(token.text) else { return [] }
            next.slots[name] = .text(selector)
            return [State(position: position + 1, match: next)]
        case .quantity:
            if let quantity = SlotParsing.quantity(token.text) {
                next.slots[name] = .text(quantity)
                return [State(position: position + 1, match: next)]
            }
            if position + 1 < tokens.count, let quantity = SlotParsing.quantity(token.text + tokens[position + 1].text)
            {
                next.slots[name] = .text(quantity)
                return [State(position: position + 2, match: next)]
            }
            return []
        case .host:
            guard let host = SlotParsing.host(token.norm) else { return [] }
            next.slots[name] = .text(host)
            return [State(position: position + 1, match: next)]
        case .path:
            guard SlotParsing.looksLikePath(token.text) else { return [] }
            next.slots[name] = .text(token.text)
            return [State(position: position + 1, match: next)]
        case .memory:
            guard let amount = SlotParsing.memory(token.text) else { return [] }
            next.slots[name] = .text(amount)
            return [State(position: position + 1, match: next)]
        case .shape:
            guard let shape = SlotParsing.shape(token.norm) else { return [] }
            next.slots[name] = .text(shape)
            return [State(position: position + 1, match: next)]
        case .schedule:
            var states: [State] = []
            for end in position..<tokens.count {
                guard let cron = SlotParsing.schedule(tokens[position...end].map(\.norm).joined(separator: " ")) else {
                    continue
                }
                var taken = next
                taken.slots[name] = .text(cron)
                states.append(State(position: end + 1, match: taken))
            }
            return states
        case .verbs, .limits, .grants, .nameList:
            // Read by frames only.
            return []
        case .kinds:
            var states: [State] = []
            var kinds: [String] = []
            for end in position..<tokens.count {
                if !tokens[end].quoted, ["and", ",", "&"].contains(tokens[end].norm), end > position { continue }
                guard let kind = index.kinds[end], kind.typos == 0 else { break }
                if !kinds.contains(kind.kind) { kinds.append(kind.kind) }
                var taken = next
                taken.slots[name] = .list(kinds)
                states.append(State(position: end + 1, match: taken))
            }
            return states
        case .kind, .workload:
            guard let kind = index.kinds[position] else { return [] }
            if type == .workload && !lexicon.workloads.contains(kind.kind) { return [] }
            next.slots[name] = .text(kind.kind)
            next.typos += kind.typos
            next.literals += 1
            return [State(position: position + 1, match: next)]
        }
    }
}

// MARK: - Parsing the text form

private struct PatternParser {
    let source: String
    var lexemes: [Lexeme] = []
    var index = 0

    enum Lexeme: Equatable {
        case open(optional: Bool)
        case close(optional: Bool)
        case bar
        case word(String)
        case slot(String)
    }

    init(source: String) {
        self.source = source
    }

    mutating func parseAll() throws(IntentError) -> [RulePattern.Node] {
        lexemes = try lex()
        let alternatives = try parseAlternatives()
        guard index == lexemes.count else { throw error("unbalanced ')' or ']'") }
        guard alternatives.count == 1, let sequence = alternatives.first, !sequence.isEmpty else {
            throw error("a pattern's top level is one sequence; put alternatives in ( | )")
        }
        return sequence
    }

    func error(_ reason: String) -> IntentError { .invalidPattern(source, reason: reason) }

    /// Inside `( )` and `[ ]`, `|` separates sequences: `(replica count|replicas)`.
    /// Outside any group, words joined by `|` are one word of alternatives: `scale|resize backend`.
    func lex() throws(IntentError) -> [Lexeme] {
        var result: [Lexeme] = []
        var chars = Array(source)[...]
        var depth = 0
        while let c = chars.first {
            switch c {
            case " ", "\t":
                chars = chars.dropFirst()
            case "[", "(":
                result.append(.open(optional: c == "["))
                depth += 1
                chars = chars.dropFirst()
            case "]", ")":
                result.append(.close(optional: c == "]"))
                depth -= 1
                chars = chars.dropFirst()
            case "|":
                result.append(.bar)
                chars = chars.dropFirst()
            case "{":
                guard let end = chars.firstIndex(of: "}") else { throw error("'{' without '}'") }
                result.append(.slot(String(chars[chars.index(after: chars.startIndex)..<end])))
                chars = chars[chars.index(after: end)...]
            default:
                var word = ""
                while let d = chars.first, !" \t[]()|{}".contains(d) {
                    word.append(d)
                    chars = chars.dropFirst()
                }
                // a|b|c written without spaces: word alternatives.
                var words = [word.lowercased()]
                while depth == 0, chars.first == "|", let after = chars.dropFirst().first, !" \t[]()|{".contains(after)
                {
                    chars = chars.dropFirst()
                    var alternative = ""
                    while let d = chars.first, !" \t[]()|{}".contains(d) {
                        alternative.append(d)
                        chars = chars.dropFirst()
                    }
                    words.append(alternative.lowercased())
                }
                result.append(.word(words.joined(separator: "|")))
            }
        }
        return result
    }

    mutating func parseAlternatives() throws(IntentError) -> [[RulePattern.Node]] {
        var alternatives: [[RulePattern.Node]] = [[]]
        while index < lexemes.count {
            switch lexemes[index] {
            case .close:
                return alternatives
            case .bar:
                index += 1
                alternatives.append([])
            case .open(let optional):
                index += 1
                let inner = try parseAlternatives()
                guard index < lexemes.count, lexemes[index] == .close(optional: optional) else {
                    throw error(optional ? "'[' without ']'" : "'(' without ')'")
                }
                index += 1
                if inner.contains(where: \.isEmpty) { throw error("an empty alternative") }
                alternatives[alternatives.count - 1].append(.group(alternatives: inner, optional: optional))
            case .word(let joined):
                index += 1
                alternatives[alternatives.count - 1].append(
                    .words(joined.split(separator: "|").map(String.init)))
            case .slot(let body):
                index += 1
                let parts = body.split(separator: ":", maxSplits: 1).map(String.init)
                guard let name = parts.first, !name.isEmpty else { throw error("a slot needs a name: {name}") }
                let typeName = parts.count > 1 ? parts[1] : (name == "namespace" ? "namespace" : "name")
                guard let type = SlotType(rawValue: typeName) else {
                    throw error(
                        "unknown slot type '\(typeName)'; known: "
                            + SlotType.allCases.map(\.rawValue).joined(separator: ", "))
                }
                alternatives[alternatives.count - 1].append(.slot(name: name, type: type))
            }
        }
        return alternatives
    }
}
