import Foundation
import Yams

/// Every rule of `rules/`, loaded once per process, and the parser that applies them.
public struct RuleCatalog: Sendable {
    public let rules: [IntentRule]
    public let lexicon: Lexicon

    /// The literal words of every pattern, for the per-request word index.
    let vocabulary: Vocabulary

    public init(rules: [IntentRule], lexicon: Lexicon) {
        self.init(rules: rules, lexicon: lexicon, vocabulary: Vocabulary(patterns: rules.flatMap(\.patterns)))
    }

    /// A catalogue whose vocabulary is known (read back from the compiled catalogue, ``CatalogCache``), and, when
    /// the compiled catalogue kept them, the frames' action words, the order words and the pattern filter: then no
    /// frame is built until a request needs one, and no pattern is walked.
    init(
        rules: [IntentRule], lexicon: Lexicon, vocabulary: Vocabulary,
        words: (frameWords: Set<String>, orderWords: Set<String>)? = nil, patternFilter: PatternFilter? = nil
    ) {
        self.rules = rules
        self.vocabulary = vocabulary
        self.orderedRules = rules.filter { !$0.fallback } + rules.filter(\.fallback)
        self.patternFilter = patternFilter ?? PatternFilter(rules: orderedRules, vocabulary: vocabulary)
        self.suggestions = Lazy { SuggestionIndex(rules: rules) }
        self.frames = Lazy { FrameFilter(rules: rules) }
        let words = words ?? Self.words(of: rules)
        let frameWords = words.frameWords
        self.frameWords = frameWords
        self.orderWords = words.orderWords
        var lexicon = lexicon
        lexicon.actionWords = frameWords
        self.lexicon = lexicon
    }

    /// The frames' action words and the order words of these rules (every frame is built to find them).
    static func words(of rules: [IntentRule]) -> (frameWords: Set<String>, orderWords: Set<String>) {
        let frameWords = rules.reduce(into: Set<String>()) { words, rule in words.formUnion(rule.frame?.actionWords ?? []) }
        let orderWords = rules.reduce(into: frameWords.union(Self.commandWords)) { words, rule in
            for pattern in rule.patterns { words.formUnion(pattern.firstWords ?? []) }
        }.subtracting(RequestFrame.joiningWords)
        return (frameWords, orderWords)
    }

    /// The words every frame reads as what to do on their own (``RequestFrame/actionWords``): never a name.
    let frameWords: Set<String>
    /// Whether a frame whose object is not said reads it as ``RequestFrame/implicitName`` (within a message of
    /// several sentences, where another may say what it is).
    var implicitSubject = false
    /// The words a request can start with (every pattern's first words, every frame's action words, and shell
    /// commands): a sentence that starts with one asks for something, so it is never passed over as context.
    let orderWords: Set<String>

    /// Commands of a shell or a machine that a sentence may give: never context.
    static let commandWords: Set<String> = [
        "rm", "sudo", "sh", "bash", "zsh", "curl", "wget", "kill", "killall", "shutdown", "reboot", "halt", "mkfs",
        "dd", "chmod", "chown", "mv", "cp", "echo", "cat", "format", "wipe", "erase", "purge", "truncate", "drop",
    ]

    /// The rules in the order they are tried: fallback rules last.
    let orderedRules: [IntentRule]

    /// Their patterns in the same order, with the quick tests that rule most of them out.
    let patternFilter: PatternFilter

    /// The examples' words, for ``suggestions(for:limit:)``: made when a request is first not understood.
    private let suggestions: Lazy<SuggestionIndex>
    var suggestionIndex: SuggestionIndex { suggestions.value }

    /// The frames' cues and needs, for ``readFrames(_:)``: made when the frames are first read.
    private let frames: Lazy<FrameFilter>
    var frameFilter: FrameFilter { frames.value }

    func wordIndex(_ tokens: [RequestToken], lookups: WordLookups = WordLookups()) -> WordIndex {
        WordIndex(tokens: tokens, vocabulary: vocabulary, lexicon: lexicon, lookups: lookups)
    }

    /// The file holding the shared vocabulary; every other `.yaml` file in the folder holds rules.
    public static let lexiconFile = "lexicon.yaml"

    // MARK: - Loading

    /// Loads `lexicon.yaml` and every rule file of a folder, in file-name order.
    /// - Parameters:
    ///   - cacheDirectory: where the compiled catalogue is kept (``CatalogCache``), keyed by every rule file's
    ///     contents, and a JSON copy of each file (``DocumentCache``), so later processes neither parse YAML nor
    ///     compile patterns. nil reads and compiles the YAML every time.
    ///   - actions: the actions a rule may name (the planner's, `Planner.ruleActions`); nil accepts any.
    /// - Throws: ``IntentError`` naming the file and rule that is wrong: unreadable YAML, a repeated id, a bad
    ///   pattern (an unknown slot type among them), an unknown action.
    public static func load(from directory: URL, cacheDirectory: URL? = nil, actions: Set<String>? = nil)
        throws(IntentError) -> RuleCatalog
    {
        let path = directory.path
        guard let names = FileBytes.names(in: path) else { throw .rulesDirectoryMissing(path) }
        let ruleFiles = [lexiconFile] + names.sorted().filter { $0.hasSuffix(".yaml") && $0 != lexiconFile }
        // Every file is read once: for the key, and, when the compiled catalogue is not there, for the YAML. A
        // file the C library cannot read is read again by Foundation, whose error says why.
        let read = ruleFiles.map { FileBytes.contents(of: path + "/" + $0) }
        let compiled = cacheDirectory.map(CatalogCache.init)
        var key: String?
        if compiled != nil {
            let readable = zip(ruleFiles, read).compactMap { name, bytes in bytes.map { (name: name, contents: $0) } }
            if readable.count == ruleFiles.count { key = CatalogCache.key(files: readable) }
        }
        if let key, let catalog = compiled?.read(key: key) {
            if let actions, let rule = catalog.rules.first(where: { !actions.contains($0.action) }) {
                throw .unknownAction(rule.action, file: rule.file, id: rule.id, known: actions.sorted())
            }
            return catalog
        }

        let files = zip(ruleFiles, read).map { name, bytes in
            let url = directory.appendingPathComponent(name)
            return (name: name, contents: Result { try bytes.map { Data($0) } ?? Data(contentsOf: url) })
        }
        let cache = cacheDirectory.map(DocumentCache.init)
        let lexicon: Lexicon = try decode(files[0].name, files[0].contents, in: directory, cache: cache)
        var rules: [IntentRule] = []
        var frames: [String: RuleFile.Frame] = [:]
        var seen: [String: String] = [:]
        for (name, contents) in files.dropFirst() {
            let file: RuleFile = try decode(name, contents, in: directory, cache: cache)
            for var entry in file.rules {
                if var frame = entry.frame {
                    (frame.cues, frame.needs) = lexicon.withSynonyms(cues: frame.cues, needs: frame.needs ?? [])
                    entry.frame = frame
                }
                if let other = seen[entry.id] { throw .duplicateRuleID(entry.id, files: [other, name]) }
                seen[entry.id] = name
                if let actions, !actions.contains(entry.action) {
                    throw .unknownAction(entry.action, file: name, id: entry.id, known: actions.sorted())
                }
                rules.append(try rule(from: entry, file: name))
                frames[entry.id] = entry.frame
            }
        }
        let catalog = RuleCatalog(rules: rules, lexicon: lexicon)
        if let key, let compiled, let bytes = archive(rules: rules, lexicon: lexicon, frames: frames, catalog: catalog) {
            compiled.write(bytes, key: key)
        }
        return catalog
    }

    private static func decode<T: Decodable>(
        _ name: String, _ read: Result<Data, any Error>, in directory: URL, cache: DocumentCache?
    ) throws(IntentError) -> T {
        let url = directory.appendingPathComponent(name)
        do {
            let contents = try read.get()
            if let cached: T = cache?.read(for: url, contents: contents) { return cached }
            guard let text = String(data: contents, encoding: .utf8) else {
                throw IntentError.unreadableRuleFile(url.lastPathComponent, reason: "the file is not UTF-8 text")
            }
            let value = try YAMLDecoder().decode(T.self, from: text)
            cache?.write(yaml: text, for: url, contents: contents, as: T.self)
            return value
        } catch let error as IntentError {
            throw error
        } catch {
            throw .unreadableRuleFile(url.lastPathComponent, reason: "\(error)")
        }
    }

    private static func rule(from entry: RuleFile.Entry, file: String) throws(IntentError) -> IntentRule {
        let snakeCase = entry.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }
        guard snakeCase, entry.id.first?.isLowercase == true else {
            throw .invalidRule(file: file, id: entry.id, reason: "ids are snake_case: lower-case words joined by '_'")
        }
        guard !(entry.patterns ?? []).isEmpty || entry.frame != nil else {
            throw .invalidRule(file: file, id: entry.id, reason: "a rule needs at least one pattern, or a frame")
        }
        var frame: RequestFrame?
        if let spec = entry.frame {
            do {
                frame = try RequestFrame(
                    cues: spec.cues, slots: spec.slots ?? [:], requires: spec.requires ?? [], needs: spec.needs ?? [],
                    answersQuestions: spec.questions ?? false, namesSaid: spec.said_name ?? false)
            } catch {
                throw .invalidRule(file: file, id: entry.id, reason: error.errorDescription ?? "\(error)")
            }
        }
        var patterns: [RulePattern] = []
        for text in entry.patterns ?? [] {
            do {
                patterns.append(try RulePattern(text))
            } catch {
                throw .invalidRule(file: file, id: entry.id, reason: error.errorDescription ?? "\(error)")
            }
        }
        // An example's secret values are written as a plain list; the parser keeps them as secrets.
        let secretSlots = patterns.reduce(into: Set<String>()) { $0.formUnion($1.slotNames(of: .secrets)) }
            .union(frame?.slots.filter { $0.type == .secrets }.map(\.name) ?? [])
        let examples = entry.examples.match.map { example in
            var intent = example.intent
            for slot in secretSlots {
                if case .list(let pairs) = intent[slot] { intent[slot] = .secret(pairs) }
            }
            return IntentRule.MatchExample(request: example.request, intent: intent)
        }
        return IntentRule(
            id: entry.id, action: entry.action, description: entry.description, patterns: patterns,
            fixedSlots: entry.sets ?? [:], matchExamples: examples,
            nonMatchExamples: entry.examples.no_match ?? [], file: file, fallback: entry.fallback ?? false,
            frame: frame)
    }

    /// Where the rules are: `KAGENT_RULES_DIR`, then beside an installed executable
    /// (`../share/kagent/rules`, `./rules`), then the source tree this binary was built from.
    public static func locateRulesDirectory(executablePath: String?) -> URL {
        // getenv, not ProcessInfo's environment, which copies every variable into a dictionary first.
        if let value = getenv("KAGENT_RULES_DIR") {
            let path = String(cString: value)
            if !path.isEmpty { return URL(fileURLWithPath: path, isDirectory: true) }
        }
        var candidates: [URL] = []
        if let executablePath {
            let binDir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(binDir.appendingPathComponent("../share/kagent/rules").standardizedFileURL)
            candidates.append(binDir.appendingPathComponent("rules"))
        }
        // Sources/Intent/RuleCatalog.swift → the repository's rules/ folder.
        let sourceTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules")
        candidates.append(sourceTree)
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(lexiconFile).path) }
            ?? sourceTree
    }

    // MARK: - Parsing

    /// A request's words as every reading takes them: shorthand read as its word, numbers with their units and
    /// variables set "to" a value joined.
    func words(of text: String) -> [RequestToken] {
        var tokens = RequestTokenizer.joiningValues(lexicon.expandingShorthand(RequestTokenizer.tokens(of: text)))
        // 'deploy/"todo-backend"': a kind and its slash before a quoted name are one KIND/NAME.
        var index = 0
        while index + 1 < tokens.count {
            let kind = tokens[index], name = tokens[index + 1]
            if !kind.quoted, name.quoted, kind.norm.count > 1, kind.norm.hasSuffix("/"),
                lexicon.kind(named: String(kind.norm.dropLast()))?.typos == 0,
                KubernetesName.subdomainProblem(name.text) == nil
            {
                var joined = RequestToken(text: kind.text + name.text, endsSentence: name.endsSentence)
                joined.endsClause = name.endsClause
                tokens.replaceSubrange(index...(index + 1), with: [joined])
            }
            index += 1
        }
        // "restart `deploy/web-service`": a kind and a name in quotes are kubectl's KIND/NAME, read as if unquoted.
        for index in tokens.indices where tokens[index].quoted {
            let text = tokens[index].text
            guard let slash = text.firstIndex(of: "/"),
                lexicon.kind(named: String(text[..<slash]).lowercased())?.typos == 0,
                KubernetesName.subdomainProblem(String(text[text.index(after: slash)...])) == nil
            else { continue }
            tokens[index].quoted = false
            tokens[index].code = false
        }
        // "would you mind restarting the web-service?", "how about scaling it": the -ing form asked for is the order.
        if let opening = Self.opening(
            of: tokens,
            among: [["would", "you", "mind"], ["do", "you", "mind"], ["how", "about"], ["could", "you", "try"], ["mind"]])
        {
            let verb = tokens[opening.count]
            if !verb.quoted, let stem = RequestFrame.gerundStems(of: verb.norm).first(where: frameWords.contains) {
                var order = RequestToken(text: stem, endsSentence: verb.endsSentence)
                order.endsClause = verb.endsClause
                tokens[opening.count] = order
                // ("mind making a configmap …?": "mind" alone is no filler.)
                if opening == ["mind"] { tokens.removeFirst() }
            }
        }
        return tokens
    }

    /// Reads a request: validation, words, then ``read(_:suggesting:lookups:)`` of the whole, then of its
    /// sentences (``readSentences(_:whole:lookups:)``): a chat message of several sentences asks in one and gives
    /// context in others.
    /// - Throws: ``IntentError`` when the request itself is refused (empty, too long, shell syntax, bad name).
    public func parse(_ request: String) throws(IntentError) -> ParseOutcome {
        // Chat layout ("> quoted", "## Ask", "- step 1: …") goes first: its markers are no shell syntax.
        let text = request.count <= RequestValidator.maximumLength ? ChatMarkup.plain(request) : request
        try RequestValidator.validate(text)
        let tokens = droppingHowTo(words(of: text))
        let lookups = WordLookups()
        // A message of several sentences is read sentence by sentence first: words of one sentence ("my laptop
        // fan is going crazy.") never fill the slots of another's request.
        // When no sentence is understood, the whole message is read as one.
        var outcome = try readMessage(tokens, lookups: lookups)
        if case .notUnderstood = outcome, let clauses = try? readClauses(tokens, lookups: lookups) {
            outcome = clauses
        }
        // "the todo backend keeps falling over, can you fix it?": "it" is what another clause of the message names,
        // when one does; only a message that says nothing else leaves it to the conversation.
        if case .understood(let intents) = outcome, intents.contains(where: Self.namesByPronoun),
            case .understood(let clauses)? = try? readClauses(tokens, lookups: lookups),
            !clauses.contains(where: Self.namesByPronoun)
        {
            outcome = .understood(clauses)
        }
        // "the new api version is broken, revert it": "it" is what another part of the message names, not the
        // change kagent made last.
        if case .understood(let intents) = outcome, intents.count == 1, intents[0].action == "undo",
            let named = undoneByName(tokens, lookups: lookups)
        {
            outcome = .understood([named])
        }
        // "I messed up installing the todo frontend, take it back": a workload's rollback asked in words of helm may
        // mean the release's; kagent asks which rather than guess.
        if case .understood(let intents) = outcome, intents.contains(where: { $0.action == "rollback" }),
            let word = tokens.first(where: { !$0.quoted && Self.helmWords.contains($0.norm) })
        {
            outcome = .notUnderstood(
                reason: "the message speaks of helm ('\(word.text)') and asks to roll back a workload; say which: "
                    + "roll back the helm release NAME, or roll back deployment NAME",
                suggestions: [])
        }
        return namedAsSaid(tokens, notAnOrder(request, tokens, askingAdvice(tokens, outcome.onThisMachine(Self.saysLocal(tokens)))))
    }

    /// Words that say a thing was put on the cluster with helm.
    static let helmWords: Set<String> = ["helm", "chart", "charts", "install", "installing", "installed", "installation"]

    /// What "undo it" or "revert it" asks of a thing another part of the message names, read with "it" as that
    /// thing; nil when no other part names one, or the reading is not one request.
    func undoneByName(_ tokens: [RequestToken], lookups: WordLookups) -> UserIntent? {
        let parts = Self.sentences(of: tokens, clauses: true)
        guard parts.count > 1,
            let asking = parts.firstIndex(where: { part in part.contains { !$0.quoted && $0.norm == "it" } })
        else { return nil }
        let context = parts.indices.filter { $0 != asking }.map { parts[$0] }
        // "I scaled the api by mistake. Undo it.": a change someone made is what is undone.
        let speakers: Set<String> = ["i", "we", "i've", "we've", "i'd", "you", "you've", "someone", "somebody"]
        guard !context.contains(where: { part in
            part.contains { !$0.quoted && (Self.isChangeDone($0.norm) || speakers.contains($0.norm)) }
        }) else { return nil }
        guard let named = readNaming(parts[asking], by: context, lookups: lookups), named.action != "undo" else {
            return nil
        }
        return named
    }

    /// Words that place what a request is about on the user's own machine, not on the cluster: "the rabbit thing
    /// on my laptop", "why won't redis start on my machine?", "rabbitmq in my local databases".
    static let localWords: Set<String> = ["laptop", "locally", "workstation", "localhost"]
    static let localPhrases: [[String]] = [
        ["my", "machine"], ["my", "computer"], ["this", "machine"], ["my", "mac"], ["my", "pc"], ["my", "box"],
        ["my", "local"], ["local", "machine"], ["local", "databases"], ["local", "database"], ["local", "containers"],
        ["local", "docker"],
    ]

    /// Whether the request places its object on the user's own machine (``localWords``, ``localPhrases``).
    static func saysLocal(_ tokens: [RequestToken]) -> Bool {
        let words = tokens.filter { !$0.quoted }.map(\.norm)
        if words.contains(where: localWords.contains) { return true }
        return localPhrases.contains { phrase in
            words.indices.contains { words[$0...].starts(with: phrase) }
        }
    }

    /// A name the request gives what it makes ("… a policy called lockdown") is the name it gets: an intent that
    /// creates something with no name, or another, while the request says "called X" or "named X" of nothing else
    /// the intent holds, is not understood rather than created under a name of kagent's choosing.
    func namedAsSaid(_ tokens: [RequestToken], _ outcome: ParseOutcome) -> ParseOutcome {
        guard case .understood(let intents) = outcome else { return outcome }
        var said: [String] = []
        for index in tokens.indices.dropLast() where !tokens[index].quoted && ["called", "named"].contains(tokens[index].norm) {
            let value = tokens[index + 1]
            let name = value.quoted ? value.text : RequestFrame.withoutPossessive(value.norm)
            if KubernetesName.subdomainProblem(name) == nil { said.append(name) }
        }
        for intent in intents where intent.action.hasPrefix("create_") && intent.action != "create_namespace" {
            let held = intent.slots.values.flatMap { $0.list ?? $0.text.map { [$0] } ?? [] }
            let name = intent.text("name")
            for word in said where word != name && !held.contains(where: { $0 == word || $0.hasSuffix("/" + word) || $0.hasSuffix(":" + word) }) {
                return .notUnderstood(
                    reason: "the request names it '\(word)', but kagent did not read that name in its place; "
                        + "say it as: … called \(word)",
                    suggestions: [])
            }
        }
        return outcome
    }

    /// Whether an intent's object is a pronoun ("it", "them") or the name a sentence did not say.
    static func namesByPronoun(_ intent: UserIntent) -> Bool {
        ["name", "release"].contains { slot in intent.text(slot).map(isPronoun) ?? false }
    }

    /// Whether a name is a pronoun ("it", "them") or the name a sentence did not say (``RequestFrame/implicitName``).
    static func isPronoun(_ name: String) -> Bool {
        ConversationMemory.pronouns.contains(name) || name == RequestFrame.implicitName
    }

    /// Labels before a colon that make what follows a note, a plan or a report, not an order: "Q3 goal: …",
    /// "standup notes: …", "EOD thursday: …", "backlog: …".
    static let noteLabels: Set<String> = [
        "goal", "goals", "plan", "plans", "idea", "ideas", "backlog", "note", "notes", "standup", "agenda", "reminder",
        "minutes", "status", "fyi", "eod", "eow", "eom", "later", "tomorrow", "tonight", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "next", "roadmap", "wishlist", "someday",
        "postmortem", "incident", "timeline", "changelog", "log", "yesterday", "retro", "summary", "q1", "q2", "q3",
        "q4", "sprint", "estimate", "draft",
    ]

    /// A change said in a note, a ticket or a report of what was done is no order: the message says so and nothing
    /// is planned. "PLAT-77 (backlog): upgrade web-app …", "standup notes: deleted the old pods, created …",
    /// "EOD thursday: restart the engine …".
    func notAnOrder(_ request: String, _ tokens: [RequestToken], _ outcome: ParseOutcome) -> ParseOutcome {
        guard case .understood(let intents) = outcome else { return outcome }
        // Which intent changes something is asked only of a message that may be a note: the frames that say it are
        // built only then.
        func change() -> String? {
            let looking = frameFilter.lookingActions
            return intents.first { !looking.contains($0.action) }?.action.replacingOccurrences(of: "_", with: " ")
        }
        // The words before the first colon of the first line, when they are a short label.
        let firstLine = request.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? request
        if let colon = firstLine.firstIndex(of: ":") {
            let label = firstLine[..<colon].split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "*" })
            let words = label.map { $0.lowercased() }
            let ticket = label.contains { word in
                let parts = word.split(separator: "-")
                return parts.count == 2 && parts[0].allSatisfy({ $0.isUppercase || $0.isNumber })
                    && parts[0].first?.isLetter == true && !parts[1].isEmpty && parts[1].allSatisfy(\.isNumber)
            }
            if words.count <= 4, ticket || words.contains(where: Self.noteLabels.contains), let what = change() {
                return .notUnderstood(
                    reason: "the message is a note or a ticket ('\(label.joined(separator: " "))'), not an order to "
                        + "\(what) now; ask for it as an order when you want it",
                    suggestions: [])
            }
        }
        // "deleted the old pods, created the staging namespace": a clause that opens with a change done.
        let clauses = Self.sentences(of: dropFillers(tokens), clauses: true)
        if clauses.contains(where: { $0.first.map { !$0.quoted && Self.isChangeDone($0.norm) } == true }),
            Set(tokens.map(\.norm)).isDisjoint(with: Self.askingSignals), let what = change()
        {
            return .notUnderstood(
                reason: "the message reports changes that were made, and asks for none; ask for it as an order to "
                    + "\(what)",
                suggestions: [])
        }
        return outcome
    }

    /// "restarted", "scaled", "labelled", "rolled": the past of a verb of change.
    static func isChangeDone(_ word: String) -> Bool {
        guard word.count > 4, word.hasSuffix("ed") else { return false }
        let stems = [String(word.dropLast(1)), String(word.dropLast(2)), String(word.dropLast(3))]
        return stems.contains { changeVerbs.contains($0) }
    }

    /// Openings that ask whether to do something, not to do it: "should we restart the backend?".
    static let adviceOpenings: [[String]] = [
        ["should", "i"], ["should", "we"], ["shall", "i"], ["shall", "we"], ["do", "i", "need", "to"],
        ["do", "we", "need", "to"], ["would", "it", "help", "to"], ["would", "it", "be", "wise", "to"],
        ["is", "it", "safe", "to"], ["is", "it", "ok", "to"], ["is", "it", "okay", "to"], ["ought", "we", "to"],
        ["is", "it", "a", "good", "idea", "to"], ["would", "you", "recommend"], ["should", "the"],
        // How to do it, not to do it: "explain how to roll back the frontend", "how would I expose …?".
        ["how", "would", "i"], ["how", "would", "we"], ["how", "should", "i"], ["explain", "how"], ["show", "me", "how"],
        ["tell", "me", "how"], ["what", "happens", "if"], ["what", "would", "happen"], ["what", "if"],
    ]

    /// Openings that ask how to do something the person means to do now: "How do I restart the frontend?", "Is
    /// it possible to go back to the version before?". With what to do right after, kagent answers with the plan,
    /// shown and asked about like any other (``RuleCatalog/askOpenings``); said in general ("how do I undo a delete
    /// in general?") or as a doubt ("how do I know whether it's safe to …"), it is advice (``adviceOpenings``).
    static let howToOpenings: [[String]] = [
        ["how", "do", "i"], ["how", "do", "we"], ["how", "can", "i"], ["how", "can", "we"], ["how", "to"],
        ["is", "it", "possible", "to"], ["is", "there", "a", "way", "to"], ["can", "i"], ["could", "i"],
        ["would", "it", "be", "possible", "to"], ["is", "there", "any", "chance", "we", "can"],
        ["is", "there", "any", "chance", "you", "can"], ["any", "chance", "we", "can"], ["any", "chance", "you", "can"],
    ]

    /// Words that make a how-to question one of advice: in general, or whether it is safe.
    static let howToHedges: Set<String> = [
        "whether", "safe", "safely", "general", "generally", "usually", "normally", "typically", "if", "know",
    ]

    /// The words without the openings of sentences that ask how to do something now ("How do I restart the
    /// frontend?" asks to restart it).
    func droppingHowTo(_ tokens: [RequestToken]) -> [RequestToken] {
        var kept: [RequestToken] = []
        for sentence in Self.sentences(of: tokens) {
            kept += sentence.dropFirst(howToOpening(sentence) ?? 0)
        }
        return kept
    }

    /// The opening's length when a sentence opens by asking how to do something now (``howToOpenings``): the next
    /// word says what to do, and nothing hedges it.
    func howToOpening(_ sentence: [RequestToken]) -> Int? {
        guard let opening = Self.opening(of: sentence, among: Self.howToOpenings) else { return nil }
        let next = sentence[opening.count]
        guard !next.quoted, orderWords.contains(next.norm) || Self.changeVerbs.contains(next.norm) || ["make", "go"].contains(next.norm),
            !sentence.contains(where: { !$0.quoted && Self.howToHedges.contains($0.norm) })
        else { return nil }
        return opening.count
    }

    /// Openings that put a change off until something happens: "if the backend crashes again, restart it".
    static let conditionOpenings: [[String]] = [
        ["if"], ["when"], ["whenever"], ["once", "the"], ["once", "it"], ["once", "that"], ["once", "we"], ["once", "i"],
        ["in", "the", "event"], ["only", "once"], ["only", "if"], ["only", "when"], ["only", "after"],
        ["provided"], ["providing"], ["given", "that"], ["assuming"], ["as", "long", "as"], ["say", "the"],
        ["suppose"], ["supposing"], ["in", "case"],
        ["in", "case"], ["unless"], ["after"], ["as", "soon", "as"],
        // ("Before the load test starts, add two replicas": what must come before something is done now.)
    ]

    /// A change asked as a question of advice ("should we restart the backend?") is not an order: kagent says so
    /// and offers the order, and plans nothing.
    func askingAdvice(_ tokens: [RequestToken], _ outcome: ParseOutcome) -> ParseOutcome {
        guard case .understood(let intents) = outcome else { return outcome }
        let sentences = Self.sentences(of: tokens)
        func opens(_ openings: [[String]]) -> Bool {
            sentences.contains { Self.opening(of: $0, among: openings) != nil }
        }
        // "should worker-2 start misbehaving, drain it": "should" opening a clause is a condition too.
        let conditional = opens(Self.conditionOpenings)
            || sentences.contains { sentence in
                sentence.first.map { !$0.quoted && $0.norm == "should" } == true
                    && sentence.dropLast().contains(where: \.endsClause)
                    && !(sentence.count > 1 && ["i", "we", "you", "they"].contains(sentence[1].norm))
            }
        // How to do it in general, or whether it is safe (``howToOpening(_:)`` kept its opening).
        let howTo = sentences.contains { Self.opening(of: $0, among: Self.howToOpenings) != nil && howToOpening($0) == nil }
        guard conditional || opens(Self.adviceOpenings) || howTo else { return outcome }
        let looking = frameFilter.lookingActions
        guard let change = intents.first(where: { !looking.contains($0.action) }) else { return outcome }
        if conditional {
            return .notUnderstood(
                reason: "the request asks to \(change.action.replacingOccurrences(of: "_", with: " ")) only when something "
                    + "happens, and kagent runs a change now or not at all; ask for it when you want it",
                suggestions: [])
        }
        return .notUnderstood(
            reason: "the request asks whether to \(change.action.replacingOccurrences(of: "_", with: " ")), and "
                + "kagent does not decide that for you; look first, or ask for it as an order",
            suggestions: [])
    }

    private func readMessage(_ tokens: [RequestToken], lookups: WordLookups) throws(IntentError) -> ParseOutcome {
        if Self.sentences(of: tokens).count > 1 { return try readSentences(tokens, whole: nil, lookups: lookups) }
        let whole: ParseOutcome
        do {
            whole = try read(tokens, lookups: lookups)
        } catch {
            // A sentence of context may hold what is no name ("Hi!"); the sentence that asks may still be read.
            if let outcome = try? readSentences(tokens, whole: nil, lookups: lookups) { return outcome }
            throw error
        }
        if case .understood = whole { return whole }
        return (try? readSentences(tokens, whole: whole, lookups: lookups)) ?? whole
    }

    /// "the backend has 3 replicas", "the frontend image is nginx:1.25": a sentence that says how things are, with
    /// no word that asks (please, can you, a verb of the change) is no order, even when a changing frame finds
    /// every value it needs in it.
    func statesWithoutAsking(_ tokens: [RequestToken], _ intents: [UserIntent]) -> Bool {
        guard Self.isStatement(tokens) || Self.reportsDone(tokens) else { return false }
        // Only a frame that changes something: looking and troubleshooting read statements ("the api is down").
        let changing = intents.filter { intent in
            guard case .rule(let id) = intent.source, let frame = rules.first(where: { $0.id == id })?.frame else {
                return false
            }
            return !frame.answersQuestions
        }
        guard !changing.isEmpty else { return false }
        // "cronjob heartbeat in srvthreds, image busybox:1.36, every 5 minutes, runs wget …": a terse description of
        // what to make, opening with its kind, orders it.
        if changing.allSatisfy({ $0.action.hasPrefix("create_") }), let first = tokens.first, !first.quoted,
            lexicon.kind(named: first.norm)?.typos == 0
        {
            return false
        }
        let words = Set(tokens.filter { !$0.quoted }.map(\.norm))
        // "I restarted it yesterday" reports, even with a verb of change in it; only a word that asks makes it a request.
        if Self.reportsDone(tokens) { return words.isDisjoint(with: Self.askingSignals) }
        return words.isDisjoint(with: Self.askingSignals) && words.isDisjoint(with: Self.changeVerbs)
    }

    /// "I already restarted the backend", "we scaled it yesterday": a person saying what was done.
    static func reportsDone(_ tokens: [RequestToken]) -> Bool {
        let words = tokens.filter { !$0.quoted }.map(\.norm)
        if words.contains("already") { return true }
        // "the backend restarted", "something scaled web-app down": the past of a verb of change, in a sentence that
        // does not open with what to do, says what happened.
        if let first = words.first, !changeVerbs.contains(first), !askingSignals.contains(first),
            words.dropFirst().contains(where: isChangeDone)
        {
            return true
        }
        guard words.count >= 2, ["i", "we", "they", "someone", "somebody", "he", "she", "you"].contains(words[0]) else {
            return false
        }
        let verb = words[1] == "just" && words.count > 2 ? words[2] : words[1]
        return verb.hasSuffix("ed") || ["did", "had", "was", "were", "ran", "made", "put", "set", "took"].contains(verb)
    }

    /// Verbs that order a change: a sentence with one asks, whatever else it says.
    static let changeVerbs: Set<String> = [
        "set", "change", "update", "upgrade", "switch", "move", "put", "use", "give", "scale", "resize", "bump",
        "restart", "reboot", "rollback", "roll", "revert", "delete", "remove", "drop", "create", "add", "label",
        "annotate", "expose", "deploy", "install", "uninstall", "start", "stop", "kill", "drain", "cordon",
        "uncordon", "fix", "repair", "raise", "lower", "increase", "decrease", "limit", "cap", "bring", "keep",
        "apply", "enable", "disable", "turn", "double", "halve", "forward", "tag", "build", "rebuild", "redeploy",
        "refresh", "reload", "bounce", "kick", "undo", "send", "route", "point", "shut", "spin", "run", "take",
        "get", "allow", "grow", "shrink", "cut", "reduce", "autoscale", "patch", "edit", "rename", "clean",
    ]

    /// Words that ask, whatever else the sentence says: "please", "can you", "I need", "let's".
    static let askingSignals: Set<String> = [
        "please", "pls", "plz", "can", "could", "would", "will", "need", "needs", "want", "wants", "should", "must",
        "let", "let's", "lets", "make", "kindly", "go", "ahead", "i'd", "we'd",
    ]

    /// A request that names what to look at and says no verb ("pods in srvthreds", "img of api in shop?",
    /// "events -n srvthreds"): read as if it began with "show". Only a frame that changes nothing
    /// (`questions: true`) may read it this way, so a missing verb never becomes a change.
    func readWithoutVerb(_ tokens: [RequestToken]) throws(IntentError) -> ParseOutcome? {
        // A word that says to change something ("delete pods") or a machine's command is never read around.
        let changeWords = frameFilter.changeWords
        guard !tokens.isEmpty, !tokens.contains(where: { !$0.quoted && changeWords.contains($0.norm) }) else {
            return nil
        }
        // Actions only frames that change nothing read: a reading of them cannot change the cluster.
        let looking = frameFilter.lookingActions
        let shown = [RequestToken(text: "show")] + tokens
        guard case .understood(let intents)? = try readFrames(shown), intents.allSatisfy({ looking.contains($0.action) })
        else {
            return nil
        }
        return .understood(intents)
    }

    /// Reads words: fillers and namespace clauses out, then every rule's patterns; when nothing matches, the
    /// same words read again with less that carries no operation (``readings(of:)``), least changed first; then
    /// the frames (``readFrames(_:)``), which read by meaning; last, the literal-command pass-through, so that a
    /// kubectl line kagent has an action for ("scale deploy/web --replicas=5") gets kagent's verified plan.
    ///
    /// `suggesting` says whether a request not understood gets suggestions; they are worked out only for the outcome
    /// returned, as most requests the first reading misses are read by a later one.
    func read(_ tokens: [RequestToken], suggesting: Bool = true, lookups: WordLookups) throws(IntentError)
        -> ParseOutcome
    {
        var first = try readOnce(tokens, suggesting: false, fallback: false, lookups: lookups)
        // "drain the node --ignore-daemonsets": an article among a command's words is English, never a command line,
        // though the fillers dropped it before the syntax was checked.
        if case .understood(let intents) = first, intents.contains(where: { $0.action == "passthrough" }),
            Self.saysArticle(tokens)
        {
            first = .notUnderstood(reason: "no rule understands this request", suggestions: [])
        }
        guard case .notUnderstood = first else { return first }
        let readings = readings(of: tokens)
        for reading in readings {
            if case .understood(let intents) = try readOnce(
                reading, suggesting: false, fallback: false, lookups: lookups)
            {
                return .understood(intents)
            }
        }
        // A line that starts with the tool's name and is that tool's syntax ("helm repo list") is a literal
        // command; only the rules' own patterns read it as something else.
        var literal = try readOnce(tokens, suggesting: false, fallback: true, lookups: lookups)
        // "helm upgrade the frontend chart --values …": an article among a command's words is English, never a
        // command line, though the fillers dropped it before the syntax was checked.
        if case .understood(let intents) = literal, intents.contains(where: { $0.action == "passthrough" }),
            Self.saysArticle(tokens)
        {
            literal = .notUnderstood(reason: "no rule understands this request", suggestions: [])
        }
        if case .understood(let intents) = literal, let tool = tokens.first, !tool.quoted,
            ["kubectl", "helm", "docker"].contains(tool.norm) || intents.allSatisfy(Self.readsOnly)
        {
            return literal
        }
        // The words with least in them first (a reason after the request may hold words no frame reads); then with
        // more, as what was cut may be what the request asks ("mark it so nothing new gets scheduled on it").
        var framed: ParseOutcome?
        // The reason cut with the naming words kept ("a new space called staging for testing") is the frames' own.
        let cut = Self.cuttingReason(Self.optionValues(tokens))
        let kept = cut != tokens && !readings.contains(cut) ? [cut] : []
        for words in [readings.last ?? tokens] + kept + readings.dropLast().reversed() + (readings.isEmpty ? [] : [tokens]) {
            let outcome = try readFrames(words)
            if case .understood? = outcome {
                framed = outcome
                break
            }
            // What the most reduced words gave ("read two ways") is said when no other reading is understood.
            if framed == nil { framed = outcome }
        }
        if case .understood? = framed {} else if let parts = try readParts(tokens, lookups: lookups) {
            return parts
        }
        if let framed {
            if case .understood(let intents) = framed, statesWithoutAsking(tokens, intents) { return first }
            return framed
        }
        if case .understood = literal { return literal }
        if let shown = try readWithoutVerb(readings.last ?? tokens) { return shown }
        return suggesting ? try readOnce(tokens, fallback: false, lookups: lookups) : first
    }

    /// Articles and possessives: English, never a word of a command line.
    static let articles: Set<String> = ["the", "a", "an", "my", "our", "your", "its", "their"]

    /// Whether the words of a command line, before a `--` (after it, a container's command may say anything), hold
    /// an article or a possessive: then they are English.
    static func saysArticle(_ tokens: [RequestToken]) -> Bool {
        let start = (tokens.firstIndex { !$0.quoted && ["kubectl", "helm", "docker"].contains($0.norm) } ?? -1) + 1
        return tokens[start...].prefix { $0.quoted || $0.norm != "--" }
            .contains { !$0.quoted && articles.contains($0.norm) }
    }

    /// Whether an intent is a literal kubectl command that only reads ("get deploy web -o yaml"): never read as a
    /// change.
    static func readsOnly(_ intent: UserIntent) -> Bool {
        guard intent.action == "passthrough", intent.text("tool") == "kubectl", let command = intent["command"]?.list
        else { return false }
        return ReadOnlyCommands.kubectlReads(command)
    }

    private func readOnce(
        _ words: [RequestToken], suggesting: Bool = true, fallback: Bool, lookups: WordLookups
    ) throws(IntentError) -> ParseOutcome {
        var tokens = dropFillers(words)
        let scope = extractClusterScope(&tokens)
        let namespace = extractNamespace(&tokens)

        // "scale backend to 3 and restart frontend": each part must be understood on its own.
        let parts = splitOnAnd(tokens)
        if parts.count > 1 {
            var intents: [UserIntent] = []
            for part in parts {
                guard
                    case .understood(let partIntents) = try understand(
                        part, namespace: namespace, scope: scope, suggesting: false, fallback: fallback,
                        lookups: lookups)
                else {
                    return try understand(
                        tokens, namespace: namespace, scope: scope, suggesting: suggesting, fallback: fallback,
                        lookups: lookups)
                }
                // "cordon worker-2 and then drain it": "it" in a later part is what the part before it named.
                for var intent in partIntents {
                    if Self.namesByPronoun(intent), let previous = intents.last, let name = previous.text("name"),
                        !Self.namesByPronoun(previous), intent["name"] != nil
                    {
                        intent["name"] = .text(name)
                        if intent["namespace"] == nil, let namespace = previous["namespace"] { intent["namespace"] = namespace }
                        if intent["kind"] == nil, let kind = previous["kind"] { intent["kind"] = kind }
                    }
                    intents.append(intent)
                }
            }
            return .understood(intents)
        }
        return try understand(
            tokens, namespace: namespace, scope: scope, suggesting: suggesting, fallback: fallback, lookups: lookups)
    }

    /// The rules' patterns on the words; `fallback` says whether the fallback rules (the literal-command
    /// pass-through) are tried too, after every other rule.
    private func understand(
        _ tokens: [RequestToken], namespace: String?, scope: ClusterScope?, suggesting: Bool = true, fallback: Bool,
        lookups: WordLookups
    ) throws(IntentError) -> ParseOutcome {
        guard !tokens.isEmpty else {
            return .notUnderstood(reason: "the request has no words kagent can act on", suggestions: starterPhrasings())
        }
        var best: [(rule: IntentRule, match: PatternMatch)] = []
        let index = wordIndex(tokens, lookups: lookups)
        // Fallback rules are tried only when no other rule matches: they lose every tie.
        for number in patternFilter.candidates(index) {
            let entry = patternFilter.entries[number]
            if entry.fallback, !fallback || (!best.isEmpty && !best[0].rule.fallback) { break }
            guard patternFilter.admits(entry, index) else { continue }
            let rule = orderedRules[entry.rule]
            guard let match = rule.patterns[entry.pattern].bestMatch(tokens, index: index, lexicon: lexicon) else {
                continue
            }
            if let current = best.first {
                let a = (match.typos, -match.literals), b = (current.match.typos, -current.match.literals)
                if a > b { continue }
                if a < b { best = [] }
            }
            best.append((rule, match))
        }
        guard let winner = best.first else {
            return .notUnderstood(
                reason: "no rule understands this request", suggestions: suggesting ? suggestions(for: tokens) : [])
        }
        var intent = try makeIntent(rule: winner.rule, match: winner.match, namespace: namespace, scope: scope)
        for other in best.dropFirst() {
            let alternative = try makeIntent(rule: other.rule, match: other.match, namespace: namespace, scope: scope)
            if !alternative.sameRequest(as: intent) {
                return .notUnderstood(
                    reason: "the request can be read two ways ('\(winner.rule.id)' and '\(other.rule.id)')",
                    suggestions: (winner.rule.matchExamples.prefix(1) + other.rule.matchExamples.prefix(1)).map(
                        \.request))
            }
        }
        intent.source = .rule(id: winner.rule.id)
        return .understood([intent])
    }

    func makeIntent(rule: IntentRule, match: PatternMatch, namespace: String?, scope: ClusterScope?)
        throws(IntentError) -> UserIntent
    {
        var slots = rule.fixedSlots.merging(match.slots) { _, captured in captured }
        if let namespace {
            if let said = slots["namespace"]?.text, said != namespace {
                throw .invalidName(
                    said, slot: "namespace", reason: "the request names two namespaces, '\(said)' and '\(namespace)'")
            }
            slots["namespace"] = .text(namespace)
        }
        // "in every namespace", "everywhere": a quantifier is never a namespace (RuleCatalog+Scope.swift).
        applyClusterScope(scope, to: &slots)
        for (slot, type) in match.types where type == .name || type == .namespace {
            guard let value = slots[slot]?.text else { continue }
            let problem =
                type == .namespace || slot == "namespace"
                ? KubernetesName.labelProblem(value) : KubernetesName.subdomainProblem(value)
            if let problem { throw .invalidName(value, slot: slot == "name" ? "resource name" : slot, reason: problem) }
        }
        for (slot, type) in match.types where [.text, .ports, .path, .image, .host].contains(type) {
            if let value = slots[slot]?.text, value.hasPrefix("-") {
                throw .invalidName(
                    value, slot: slot, reason: "values cannot start with '-' (they would be read as options)")
            }
        }
        if let value = slots["namespace"]?.text, match.types["namespace"] == nil,
            let problem = KubernetesName.labelProblem(value)
        {
            throw .invalidName(value, slot: "namespace", reason: problem)
        }
        return UserIntent(action: rule.action, slots: slots, source: .rule(id: rule.id))
    }

    // MARK: - Words that carry no operation

    /// Words after which the rest of a request is a command line, kept word for word.
    static let commandOpeners: Set<String> = ["--", "command", "command:", "cmd"]

    func dropFillers(_ tokens: [RequestToken]) -> [RequestToken] {
        var result: [RequestToken] = []
        var index = 0
        // Whether the filler just taken out opens a thing's phrase (``RequestToken/determined``).
        var determined = false
        outer: while index < tokens.count {
            // After `--`, or a word that says a command follows ("command echo hello"), the words are a command for
            // a container: every one of them stays.
            if !tokens[index].quoted, Self.commandOpeners.contains(tokens[index].norm) {
                return result + tokens[index...]
            }
            // "running echo hello": a verb of running followed by a word that is no joining word starts a command.
            if !tokens[index].quoted, ["running", "runs", "executing", "executes"].contains(tokens[index].norm),
                index + 1 < tokens.count, !tokens[index + 1].quoted,
                !RequestFrame.joiningWords.contains(tokens[index + 1].norm),
                lexicon.fillersByFirstWord[tokens[index + 1].norm] == nil, tokens[index + 1].norm.first?.isLetter == true
            {
                return result + tokens[index...]
            }
            // A greeting opens a sentence: "job hello in default" names the job.
            let greeting = ["hi", "hello", "hey", "yo"].contains(tokens[index].norm)
                && index > 0 && !tokens[index - 1].endsSentence && !tokens[index - 1].endsClause
            if !tokens[index].quoted, !greeting, let phrases = lexicon.fillersByFirstWord[tokens[index].norm] {
                for phrase in phrases where index + phrase.count <= tokens.count {
                    let window = tokens[index..<(index + phrase.count)]
                    if RequestToken.spell(window, phrase) {
                        index += phrase.count
                        determined = phrase.count == 1 && RequestFrame.determiners.contains(phrase[0])
                        continue outer
                    }
                }
            }
            result.append(tokens[index])
            if determined { result[result.count - 1].determined = true }
            determined = false
            index += 1
        }
        return result
    }

    /// Takes namespace clauses out of the words: `-n X`, `--namespace=X`, `in namespace X`, `in X namespace`.
    /// The bare `in X` is left to the rules, where it is unambiguous.
    func extractNamespace(_ tokens: inout [RequestToken]) -> String? {
        // "to the default namespace", "for todo namespace": with the keyword said, these place a request too.
        let prepositions: Set<String> = ["in", "from", "on", "within", "inside", "of", "to", "into", "for", "over"]
        let keywords: Set<String> = ["namespace", "ns"]
        var found: String?
        var index = 0
        while index < tokens.count {
            let word = tokens[index].quoted ? "" : tokens[index].norm
            // After `--` the words are a command for a container ("exec … -- redis-cli -n 1"): not kagent's.
            if word == "--" { break }
            var take: (count: Int, value: String)?
            if (word == "-n" || word == "--namespace"), index + 1 < tokens.count {
                take = (2, tokens[index + 1].text)
            } else if word.hasPrefix("--namespace=") || word.hasPrefix("-n=") {
                take = (1, String(tokens[index].text.split(separator: "=", maxSplits: 1).last ?? ""))
            } else if word.count > 2, word.hasPrefix("-n"), !word.hasPrefix("-n=") {
                // kubectl's attached short form, `-nkube-system`: read like `-n kube-system`, so a literal
                // command carries `--namespace=kube-system`, where the protected-namespace check sees it.
                take = (1, String(tokens[index].text.dropFirst(2)))
            } else if prepositions.contains(word), index + 2 < tokens.count {
                let second = tokens[index + 1], third = tokens[index + 2]
                // "in namesapce todo": the word typed with one slip is still the word.
                func isKeyword(_ token: RequestToken) -> Bool {
                    !token.quoted
                        && (keywords.contains(token.norm)
                            || token.norm.count >= 8 && token.norm != "namespaces"
                                && EditDistance.isWithinOne(token.norm, "namespace"))
                }
                if isKeyword(second) {
                    take = (3, third.text)
                } else if isKeyword(third) {
                    take = (3, second.text)
                }
            }
            if let take {
                found = take.value.lowercased()
                // "pods in -n shop": the preposition said before the option goes with it.
                let option = word.hasPrefix("-")
                let start = option && index > 0 && !tokens[index - 1].quoted && prepositions.contains(tokens[index - 1].norm)
                    ? index - 1 : index
                tokens.removeSubrange(start..<(index + take.count))
                index = start
            } else {
                index += 1
            }
        }
        return found
    }

    /// "create namespace dev2 and create a quota of 10 pods in it": parts joined by "and" or "then", each read as a
    /// whole request (frames too), when every part is understood as one thing to make. "In it" or "there" in a later
    /// part is the namespace an earlier part creates.
    func readParts(_ tokens: [RequestToken], lookups: WordLookups) throws(IntentError) -> ParseOutcome? {
        var parts: [[RequestToken]] = []
        // "create namespace dev with a quota of 10 pods": what a new namespace is made "with" is made in it.
        for part in splitOnAnd(tokens) {
            if let with = part.firstIndex(where: { !$0.quoted && $0.norm == "with" }), with > 1, with < part.count - 1,
                part.prefix(with).contains(where: { !$0.quoted && ["namespace", "ns"].contains($0.norm) }),
                case .understood(let made)? = try? read(Array(part[..<with]), suggesting: false, lookups: lookups),
                made.count == 1, made.first?.action == "create_namespace"
            {
                parts.append(Array(part[..<with]))
                parts.append(
                    [RequestToken(text: "create")] + part[(with + 1)...] + [RequestToken(text: "in"), RequestToken(text: "it")])
            } else {
                parts.append(part)
            }
        }
        guard (2...4).contains(parts.count) else { return nil }
        var intents: [UserIntent] = []
        for part in parts {
            // Only things to make ("create namespace qa and a quota in it"): a part of an everyday message read on its
            // own ("Could you take a look" of "… take a look and tell me what's wrong") is no order of its own.
            guard part.count >= 2, case .understood(let found) = try read(part, suggesting: false, lookups: lookups),
                found.count == 1, var intent = found.first, intent.action.hasPrefix("create_")
            else { return nil }
            let sayingThere = zip(part, part.dropFirst()).contains { !$0.quoted && $0.norm == "in" && ["it", "there"].contains($1.norm) }
                || part.contains { !$0.quoted && $0.norm == "there" }
            if sayingThere, intent["namespace"] == nil || ["it", "there"].contains(intent.text("namespace") ?? ""),
                let created = intents.last(where: { $0.action == "create_namespace" }),
                let name = created.text("name") ?? created.text("namespace")
            {
                intent["namespace"] = .text(name)
            }
            intents.append(intent)
        }
        return .understood(intents)
    }

    func splitOnAnd(_ tokens: [RequestToken]) -> [[RequestToken]] {
        var parts: [[RequestToken]] = [[]]
        for (index, token) in tokens.enumerated() {
            let isJoin = !token.quoted && (token.norm == "and" || token.norm == "then")
            if isJoin && index > 0 && index < tokens.count - 1 {
                parts.append([])
            } else if !(token.norm == "then" && !token.quoted && parts[parts.count - 1].isEmpty) {
                parts[parts.count - 1].append(token)
            }
        }
        return parts.filter { !$0.isEmpty }
    }

    // MARK: - Suggestions

    /// The examples closest to what was typed, by shared words (allowing typos): an example scores 2 for each of
    /// its words the request has, and 1 for each word of four characters or more within one typo of one of the
    /// request's.
    func suggestions(for tokens: [RequestToken], limit: Int = 3) -> [String] {
        let words = Set(tokens.map(\.norm))
        guard !words.isEmpty else { return starterPhrasings() }
        // Each distinct example word scored once (``SuggestionIndex``), then each example summed.
        let suggestionIndex = suggestionIndex
        var wordScores = Array(repeating: 0, count: suggestionIndex.numbers.count)
        for word in words {
            if let number = suggestionIndex.numbers[word] { wordScores[number] = 2 }
        }
        for word in words where word.count >= 4 {
            var word = word
            // A word the request has scores 2; one the same as a request word only in Unicode's canonical
            // equivalence (other bytes) is such a word, so comparing bytes here misses nothing.
            word.withUTF8 { typed in
                suggestionIndex.long.forEach(near: typed) { number, _ in
                    if wordScores[number] == 0 { wordScores[number] = 1 }
                }
            }
        }
        var scored: [(score: Int, example: Int)] = []
        for (number, example) in suggestionIndex.examples.enumerated() {
            let score = example.words.reduce(0) { $0 + wordScores[$1] }
            if score > 0 { scored.append((score, number)) }
        }
        guard !scored.isEmpty else { return starterPhrasings() }
        // The highest scores first, equal scores in catalogue order; the first `limit` different requests.
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.example < $1.example }
        var seen: Set<String> = []
        var ranked: [String] = []
        for entry in scored where ranked.count < limit {
            let text = suggestionIndex.examples[entry.example].request
            if seen.insert(text).inserted { ranked.append(text) }
        }
        return ranked
    }

    /// One example from each of the first few rules: what to try when nothing is close.
    public func starterPhrasings(limit: Int = 3) -> [String] {
        var seen: Set<String> = []
        return rules.compactMap { rule in seen.insert(rule.action).inserted ? rule.matchExamples.first?.request : nil }
            .prefix(limit).map { $0 }
    }
}

// MARK: - Introspection, for tests and diagnostics

extension RuleCatalog {
    /// The ids of the rules with a pattern matching the request (after fillers and namespace clauses go), and of
    /// the frame that read it, if one did.
    public func rulesMatching(_ request: String) -> [String] {
        var tokens = dropFillers(RequestTokenizer.tokens(of: request))
        _ = extractClusterScope(&tokens)
        _ = extractNamespace(&tokens)
        let index = wordIndex(tokens)
        var matching = rules.filter { rule in
            rule.patterns.contains { $0.match(tokens, index: index, lexicon: lexicon) != nil }
        }.map(\.id)
        // A frame reads the whole request, after every pattern: it matched when the request was read by it.
        if case .understood(let intents)? = try? parse(request) {
            for intent in intents {
                guard case .rule(let id) = intent.source, rules.contains(where: { $0.id == id && $0.frame != nil })
                else { continue }
                matching.append(id)
            }
        }
        return matching
    }
}

extension RuleCatalog {
    /// For each frame whose words the request has (after fillers, the cluster scope and the namespace go): what it
    /// read, or why it did not read the request (for `kagent-bench frames`).
    public func explainFrames(_ request: String) -> [(id: String, verdict: String)] {
        let said = words(of: ChatMarkup.plain(request))
        var tokens = dropFillers(said)
        let scope = extractClusterScope(&tokens)
        let namespace = extractNamespace(&tokens)
        let words = frameFilter.words(in: tokens)
        let prepared = frameFilter.prepare(tokens)
        let question = RequestFrame.isQuestion(tokens) && !Self.opensWithAsk(said)
        var verdicts: [(id: String, verdict: String)] = []
        for (index, rule) in rules.enumerated() where frameFilter.mayRead(rule: index, words) {
            guard let frame = frameFilter.frames[index], let phrases = frameFilter.phrases[index] else { continue }
            if question && !frame.answersQuestions {
                verdicts.append((rule.id, "not read: a question, and the frame changes something"))
                continue
            }
            var failure = ""
            if let reading = frame.read(
                prepared, phrases: phrases, lexicon: lexicon, frameWords: frameFilter.nameExcluded[index] ?? frameWords,
                namespaceGiven: namespace != nil || scope != nil && frame.answersQuestions,
                failure: &failure)
            {
                let slots = reading.slots.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                verdicts.append((rule.id, "read, \(reading.cues) cues: " + slots.joined(separator: " ")))
            } else {
                verdicts.append((rule.id, "not read: " + failure))
            }
        }
        return verdicts
    }

    /// How long each rule takes to try on the given requests, slowest first (for `kagent-bench rules`).
    public func matchingCost(of requests: [String]) -> [(id: String, seconds: Double)] {
        let prepared: [[RequestToken]] = requests.map { request in
            var tokens = dropFillers(RequestTokenizer.tokens(of: request))
            _ = extractClusterScope(&tokens)
            _ = extractNamespace(&tokens)
            return tokens
        }
        var costs: [(String, Double)] = []
        let indexes = prepared.map { wordIndex($0) }
        for rule in rules {
            let start = DispatchTime.now().uptimeNanoseconds
            for (tokens, index) in zip(prepared, indexes) {
                for pattern in rule.patterns { _ = pattern.match(tokens, index: index, lexicon: lexicon) }
            }
            costs.append((rule.id, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        return costs.sorted { $0.1 > $1.1 }
    }
}
