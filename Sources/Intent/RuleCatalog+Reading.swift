/// How people write requests to an assistant, beyond the rules' own phrasings: words that name nothing
/// ("the deployment named api"), reasons after the request ("… so that it picks up the config"), a namespace
/// named as the object of a phrase ("the health of namespace todo"), and chat messages of several sentences
/// where one asks and the others give context.
///
/// Every reading here only takes out words that carry no operation, or moves a namespace; the rules' patterns
/// still decide the meaning, so a reading never guesses what the rules would not understand.
extension RuleCatalog {
    /// Words that tie a name to its kind and mean nothing more: "the deployment named api", "a pod called web".
    static let namingWords: Set<String> = ["named", "called"]

    /// Where a reason or a courtesy starts after the request itself: "restart the backend so that it reloads",
    /// "… with zero downtime", "… thanks". Each is a run of words; the rest of the request from there is cut.
    static let reasonMarkers: [[String]] = [
        // "… so it picks up the config", "… so nothing runs there": what "so" starts is the purpose, not the ask.
        ["so"], ["because"], ["for", "it"], ["for", "us"], ["for", "them"], ["for", "that"], ["for", "this"], ["in", "order", "to"], ["to", "make", "sure"], ["to", "ensure"], ["as", "it"], ["as", "the"],
        ["as", "we"], ["with", "zero", "downtime"], ["with", "no", "downtime"], ["without", "downtime"],
        ["without", "any", "downtime"], ["without", "taking"], ["without", "bringing"], ["without", "causing"],
        ["without", "breaking"], ["without", "interrupting"], ["without", "disrupting"], ["without", "affecting"],
        ["without", "touching"], ["thanks"], ["thank", "you"], ["thx"], ["cheers"], ["if", "possible"],
        ["when", "you", "can"], ["asap"], ["since", "it"], ["since", "the"], ["since", "we"], ["since", "i"],
        // When, said after the request: "… to 5 replicas before then", "… for now", "… for the weekend".
        ["before", "then"], ["by", "then"], ["for", "now"], ["for", "a", "while"], ["for", "the", "weekend"],
        ["over", "the", "weekend"], ["before", "the", "weekend"], ["until", "further", "notice"], ["for", "the", "sale"],
        ["for", "the", "demo"], ["before", "tonight"], ["before", "tomorrow"],
        // How long it is to stay so, never when to start: "turn it off until Monday".
        ["until"], ["till"], ["til"], ["while", "i"], ["while", "we"], ["while", "they"],
        // What a new thing is for: "a new space called staging where I can test things", "… for testing".
        ["where", "i"], ["where", "we"], ["for", "testing"], ["for", "experiments"], ["to", "test"], ["to", "try"],
        ["for", "trying"], ["for", "playing"], ["to", "play"], ["for", "test"], ["for", "check"], ["for", "checking"],
        ["for", "debug"], ["for", "debugging"],
        // What it is now, said after what it should be: "… run 3 copies instead of just one".
        ["instead", "of"], ["rather", "than"], ["instead"],
    ]

    /// The same words with less in them, each a little less than the one before: naming words out, then a
    /// trailing reason cut off, then the keyword of "of namespace X" dropped (so that X is the object).
    func readings(of tokens: [RequestToken]) -> [[RequestToken]] {
        var readings: [[RequestToken]] = []
        var current = tokens
        func add(_ next: [RequestToken]) {
            guard next != current, !next.isEmpty else { return }
            readings.append(next)
            current = next
        }
        add(Self.optionValues(current))
        add(Self.droppingNamingWords(current))
        add(Self.cuttingReason(current))
        add(Self.namespaceAsObject(current))
        add(Self.droppingLeadingDeadline(current))
        add(Self.droppingApology(current))
        add(Self.droppingLeadingPurpose(current))
        return readings
    }

    /// Whether a part says the person needs or wants something made: "I need a pod named …", "we want a new
    /// deployment called …".
    func creatingWish(_ words: [RequestToken]) -> Bool {
        Self.opening(of: words, among: Self.wantOpenings) != nil
            && words.contains(where: { !$0.quoted && ["a", "an", "new"].contains($0.norm) })
    }

    /// Openings that say what the person needs or wants to have.
    static let wantOpenings: [[String]] = [
        ["i", "need"], ["we", "need"], ["i", "want"], ["we", "want"], ["i'd", "like"], ["we'd", "like"],
        ["i", "would", "like"], ["we", "would", "like"], ["need"], ["want"],
    ]

    /// "For my data pipeline I need a pod named etl-shell …", "for the demo we want …": what it is for, said before
    /// who needs it, says nothing of what to make, and is dropped up to "I"/"we".
    static func droppingLeadingPurpose(_ tokens: [RequestToken]) -> [RequestToken] {
        guard tokens.count > 4, !tokens[0].quoted, tokens[0].norm == "for", !tokens[1].quoted,
            ["my", "our", "the", "this", "a", "an", "your"].contains(tokens[1].norm),
            let who = tokens.prefix(8).indices.dropFirst(2).first(where: { index in
                !tokens[index].quoted && ["i", "we"].contains(tokens[index].norm) && index + 1 < tokens.count
                    && ["need", "want", "needs", "would", "'d", "require"].contains(tokens[index + 1].norm)
            }),
            !tokens[..<who].contains(where: \.endsSentence)
        else { return tokens }
        return Array(tokens[who...])
    }

    /// "Sorry for the basic question, but which namespace am I in?": an apology before ", but" says nothing of what
    /// is asked, and is dropped with its "but".
    static func droppingApology(_ tokens: [RequestToken]) -> [RequestToken] {
        guard let first = tokens.first, !first.quoted, ["sorry", "apologies", "apologize", "hate", "excuse"].contains(first.norm),
            let end = tokens.prefix(12).firstIndex(where: \.endsClause), end + 2 < tokens.count,
            !tokens[end + 1].quoted, tokens[end + 1].norm == "but"
        else { return tokens }
        return Array(tokens[(end + 2)...])
    }

    /// "Before the load test starts, please add two more replicas …": a clause that says what the change must come
    /// before is met by making it now, and is dropped. ("After …" and "when …" put a change off: never dropped.)
    static func droppingLeadingDeadline(_ tokens: [RequestToken]) -> [RequestToken] {
        guard let first = tokens.first, !first.quoted, ["before", "ahead"].contains(first.norm),
            let end = tokens.prefix(10).firstIndex(where: \.endsClause), end + 1 < tokens.count
        else { return tokens }
        return Array(tokens[(end + 1)...])
    }

    /// kubectl's options that carry what the words would say: `--from-literal=KEY=VALUE` is the pair `KEY=VALUE`
    /// (`--env=KEY=VALUE` is "env KEY=VALUE"); `--limits=memory=256Mi` is "memory limit 256Mi", `--requests=cpu=100m` "cpu request 100m".
    /// A secret's values typed as options stay as typed: the literal command is refused for carrying them.
    static func optionValues(_ tokens: [RequestToken]) -> [RequestToken] {
        if tokens.contains(where: { !$0.quoted && ["secret", "secrets"].contains($0.norm) }) { return tokens }
        var result: [RequestToken] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard !token.quoted, token.norm.hasPrefix("--") else {
                result.append(token)
                continue
            }
            let parts = token.text.split(separator: "=", maxSplits: 1).map(String.init)
            var option = parts[0].lowercased()
            var value = parts.count == 2 ? parts[1] : nil
            if value == nil, ["--from-literal", "--env", "--limits", "--requests"].contains(option),
                index < tokens.count, tokens[index].text.contains("=")
            {
                value = tokens[index].text
                index += 1
            }
            guard let value else {
                result.append(token)
                continue
            }
            switch option {
            case "--from-literal":
                result.append(RequestToken(text: value))
            case "--env":
                // Said as "env KEY=VALUE": a pair next to another option's pairs (`--labels=a=b --env=K=V`) is not
                // one of them.
                result += [RequestToken(text: "env"), RequestToken(text: value)]
            case "--limits", "--requests":
                option = option == "--limits" ? "limit" : "request"
                for pair in value.split(separator: ",") {
                    let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    guard kv.count == 2 else { return tokens }
                    result += [RequestToken(text: kv[0]), RequestToken(text: option), RequestToken(text: kv[1])]
                }
            default:
                result.append(token)
            }
        }
        return result
    }

    /// "the deployment named api" → "the deployment api": a naming word after a kind word, before the name.
    /// The word after it keeps that it was said to be a name (``RequestToken/named``).
    static func droppingNamingWords(_ tokens: [RequestToken]) -> [RequestToken] {
        var kept: [RequestToken] = []
        var naming = false
        for (index, token) in tokens.enumerated() {
            if index > 0 && index + 1 < tokens.count && !token.quoted && namingWords.contains(token.norm) {
                naming = true
                continue
            }
            var token = token
            if naming { token.named = true }
            naming = false
            kept.append(token)
        }
        return kept
    }

    /// Words that open a clause about something ("…, the replica set init looks stuck"), and the verbs that make
    /// such a clause say how it is.
    static let describingOpeners: Set<String> = ["the", "my", "our", "their", "this", "that", "his", "her"]
    static let describingVerbs: Set<String> = [
        "looks", "seems", "is", "are", "was", "were", "keeps", "appears", "feels", "isn't", "aren't", "wasn't",
        "won't", "doesn't", "can't", "hangs", "hung", "stuck",
    ]

    /// Words that open a clause saying how things are: "delete the pod, its stuck", "restart it, it's frozen".
    static let statementOpeners: Set<String> = ["it's", "its", "they're", "theyre", "that's", "thats", "it’s"]

    /// The words before the first reason marker, when at least two words come before it, or before a clause that
    /// says how things are.
    static func cuttingReason(_ tokens: [RequestToken]) -> [RequestToken] {
        for start in 2..<max(2, tokens.count)
        where tokens[start - 1].endsClause && !tokens[start].quoted && statementOpeners.contains(tokens[start].norm) {
            return Array(tokens[..<start])
        }
        // "compose logs for mongo, the replica set init looks stuck": a clause after the request that says how
        // something is, with no word that asks.
        for start in 2..<max(2, tokens.count)
        where tokens[start - 1].endsClause && !tokens[start].quoted && describingOpeners.contains(tokens[start].norm) {
            let clause = tokens[start...].prefix { !$0.endsSentence } + tokens[start...].drop { !$0.endsSentence }.prefix(1)
            let words = Set(clause.filter { !$0.quoted }.map(\.norm))
            if !words.isDisjoint(with: describingVerbs), words.isDisjoint(with: askingSignals),
                !words.contains(where: isChangeDone)
            {
                return Array(tokens[..<start])
            }
        }
        for start in 2..<max(2, tokens.count) where !tokens[start].quoted {
            for marker in reasonMarkersByFirstWord[tokens[start].norm] ?? [] where start + marker.count <= tokens.count {
                if RequestToken.spell(tokens[start..<(start + marker.count)], marker) {
                    // "lock down outgoing traffic so nothing goes out except DNS": a part that makes an exception
                    // is part of the order, never a reason to cut away.
                    if tokens[start...].contains(where: { !$0.quoted && exceptionWords.contains($0.norm) }) {
                        return tokens
                    }
                    return Array(tokens[..<start])
                }
            }
        }
        return tokens
    }

    /// Words that make an exception to what a part of a request says.
    static let exceptionWords: Set<String> = ["except", "excepting", "besides", "apart", "excluding", "but"]

    /// ``reasonMarkers`` by their first word, in their order.
    static let reasonMarkersByFirstWord: [String: [[String]]] = Dictionary(grouping: reasonMarkers) { $0[0] }

    /// "check the health of namespace todo" → "check the health of todo": where a namespace is what the request
    /// is about, not where its object lives.
    static func namespaceAsObject(_ tokens: [RequestToken]) -> [RequestToken] {
        let before: Set<String> = ["of", "for", "about", "check", "troubleshoot", "diagnose", "inspect"]
        return tokens.enumerated().filter { index, token in
            !(index > 0 && index + 1 < tokens.count && !token.quoted && (token.norm == "namespace" || token.norm == "ns")
                && before.contains(tokens[index - 1].norm))
        }.map(\.element)
    }

    // MARK: - Several sentences

    /// The request's sentences (``RequestToken/endsSentence``), each with at least one word; with `clauses`, its
    /// clauses too (``RequestToken/endsClause``).
    static func sentences(of tokens: [RequestToken], clauses: Bool = false) -> [[RequestToken]] {
        var sentences: [[RequestToken]] = [[]]
        for token in tokens {
            sentences[sentences.count - 1].append(token)
            if token.endsSentence || (clauses && token.endsClause) { sentences.append([]) }
        }
        return sentences.filter { !$0.isEmpty }
    }

    /// "Paul suggested an HPA for srvthreds-engine: min 1, max 5, 75% cpu. Can you set that up?": a sentence that
    /// only asks to do "that" (``isBareAsk(_:)``) asks for what one other sentence describes, once who proposed it
    /// is taken off ("Paul suggested"). Nil unless exactly one other sentence reads as a change.
    func orderDescribedElsewhere(_ sentences: [[RequestToken]], lookups: WordLookups) throws(IntentError) -> ParseOutcome? {
        guard let bare = sentences.firstIndex(where: isBareAsk) else { return nil }
        var found: [[UserIntent]] = []
        for (index, sentence) in sentences.enumerated() where index != bare {
            let described = Self.droppingProposer(sentence)
            guard described.count < sentence.count,
                case .understood(let intents)? = try? read(described, suggesting: false, lookups: lookups),
                !intents.allSatisfy({ frameFilter.lookingActions.contains($0.action) })
            else { continue }
            found.append(intents)
        }
        guard found.count == 1 else { return nil }
        return .understood(found[0])
    }

    /// Whether a sentence only asks to do what was said ("Can you set that up?", "please do it", "go ahead").
    func isBareAsk(_ sentence: [RequestToken]) -> Bool {
        let words = dropFillers(sentence).filter { !$0.quoted }.map(\.norm)
        return Self.bareAsks.contains(words)
            || Self.bareAsks.contains(words.filter { !["can", "you", "could", "would", "please", "for", "me", "us"].contains($0) })
    }

    /// The words of a sentence that only asks to do what was said (``isBareAsk(_:)``).
    static let bareAsks: Set<[String]> = [
        ["set", "that", "up"], ["set", "it", "up"], ["set", "this", "up"], ["do", "that"], ["do", "it"], ["do", "this"],
        ["make", "that", "happen"], ["make", "it", "happen"], ["make", "it", "so"], ["go", "ahead"],
        ["apply", "that"], ["implement", "that"], ["take", "care", "of", "that"], ["take", "care", "of", "it"],
    ]

    /// The sentence without who proposed what it describes: "Paul suggested an HPA …" → "an HPA …".
    static func droppingProposer(_ sentence: [RequestToken]) -> [RequestToken] {
        let proposing: Set<String> = ["suggested", "proposed", "recommended", "requested", "asked", "wants", "wanted"]
        guard let verb = sentence.prefix(4).firstIndex(where: { !$0.quoted && proposing.contains($0.norm) }) else {
            return sentence
        }
        var rest = sentence[(verb + 1)...]
        while let first = rest.first, !first.quoted, ["for", "that", "we", "to"].contains(first.norm) { rest = rest.dropFirst() }
        return Array(rest)
    }

    /// "the shop api isn't answering anymore, what went wrong with it?": a message none of whose sentences is
    /// understood whole, read clause by clause, as sentences are (one asks, the others are context).
    func readClauses(_ tokens: [RequestToken], lookups: WordLookups) throws(IntentError) -> ParseOutcome? {
        guard tokens.contains(where: \.endsClause) else { return nil }
        var split = tokens
        // "set img on deploy/api -n shop: api=shop/api:3.2.1": values that follow a colon or comma belong to the
        // clause before it.
        for index in split.indices where split[index].endsClause
            && !(index + 1 < split.count && !split[index + 1].quoted && split[index + 1].norm.dropFirst().contains("="))
        {
            split[index].endsSentence = true
        }
        guard case .understood(let intents) = try readSentences(split, whole: nil, lookups: lookups) else {
            return nil
        }
        return .understood(intents)
    }

    /// A message of several sentences: the one sentence that asks for something is read, and the others give it
    /// context: the namespace they name, and what "it" means ("The backend is in namespace todo. Can you restart
    /// it?"). When no sentence, or more than one with different meanings, is understood: not understood.
    /// - Parameters:
    ///   - whole: what reading the whole message gave, returned when the sentences give nothing better.
    ///   - lookups: what the message's words stand for, shared by every reading of it.
    func readSentences(_ tokens: [RequestToken], whole: ParseOutcome?, lookups: WordLookups) throws(IntentError)
        -> ParseOutcome
    {
        let sentences = Self.valuesSaidElsewhere(in: Self.sentences(of: tokens))
        guard sentences.count > 1 else {
            if let whole { return whole }
            return try read(tokens, lookups: lookups)
        }
        if let described = try orderDescribedElsewhere(sentences, lookups: lookups) { return described }
        var asking: (index: Int, intents: [UserIntent])?
        var understood: Set<Int> = []
        // A sentence that says how things are ("The website won't load.") is context when another asks.
        // Within a message, a frame whose object is not said takes "it": another sentence may say what it is.
        var reader = self
        reader.implicitSubject = true
        // Each sentence is read once: what it asks, by its index.
        var readable: [(index: Int, intents: [UserIntent])] = []
        for (index, sentence) in sentences.enumerated() {
            // "Thanks for the help earlier!": thanks is courtesy, whatever words follow it.
            if Self.isCourtesy(sentence) { continue }
            // "before the sale opens" said as a clause of its own says when, never what to do.
            if let first = sentence.first, !first.quoted, Self.timeOpeners.contains(first.norm) || first.norm == "if",
                !sentence.dropLast().contains(where: \.endsClause)
            {
                continue
            }
            if case .understood(let intents)? = try? reader.read(sentence, suggesting: false, lookups: lookups) {
                readable.append((index, intents))
            }
        }
        // A sentence read with its one name is ahead of one read with several words that may each be it.
        if readable.contains(where: { $0.intents.allSatisfy(\.nameCandidates.isEmpty) }) {
            readable.removeAll { !$0.intents.allSatisfy(\.nameCandidates.isEmpty) }
        }
        // "I need to debug something in the session agent. Could you show me its logs?": what the person is about to
        // do is context for what they ask, when another sentence asks.
        var asks = Set(readable.map(\.index).filter { index in
            let words = dropFillers(sentences[index])
            let wish = Self.opensWithWish(sentences[index])
            // "Could you check what image the api is on?": a sentence that opens by asking, or with what to do,
            // asks, whatever state words ("is on") it holds.
            // ("The fix is in.": a verb's word followed by "is" is a thing the sentence says something of.)
            let opensAsking = Self.opensWithAsk(sentences[index])
                || !wish && words.first.map {
                    !$0.quoted && (Self.changeVerbs.contains($0.norm) || RequestFrame.lookingVerbs.contains($0.norm))
                } == true && words.dropFirst().first.map { $0.quoted || !Self.copulas.contains($0.norm) } != false
            return (!Self.isStatement(words) && !(wish && readable.count > 1)) || RequestFrame.isQuestion(words)
                || opensAsking
        })
        // "Where is the engine's service listening? I need the port for my local config.": one sentence that asks
        // (a question, or "could you …") beside others that only say what the person needs or what happened, with
        // no word of an order first, is the one asked.
        let explicit = asks.filter { asksOutright(sentences[$0]) }
        // (Only a sentence that opens with who or what it is about: "…, but can only get secrets?" adds to the ask.)
        let speakers: Set<String> = ["i", "we", "it", "this", "that", "they", "i'm", "we're", "it's", "i've", "we've", "my", "our"]
        if explicit.count == 1, asks.count > 1,
            asks.subtracting(explicit).allSatisfy({ index in
                !asksOutright(sentences[index])
                    && sentences[index].first.map { !$0.quoted && speakers.contains($0.norm) } == true
            })
        {
            asks = explicit
        }
        for (index, intents) in readable {
            if !asks.isEmpty && !asks.contains(index) { continue }
            understood.insert(index)
            if let found = asking {
                let same =
                    found.intents.count == intents.count
                    && zip(found.intents, intents).allSatisfy { $0.sameRequest(as: $1) }
                // "Which images run in todo? I mean the images.": the same ask said again with less is the same ask.
                // ("… the cache statefulset. How do I describe it?": "it" is what the other sentence named.)
                func holds(_ intent: UserIntent, _ slot: (key: String, value: SlotValue)) -> Bool {
                    intent.slots[slot.key] == slot.value
                        || ["name", "release"].contains(slot.key) && slot.value.text.map(Self.isPronoun) == true
                }
                let saidAgain =
                    found.intents.count == 1 && intents.count == 1 && found.intents[0].action == intents[0].action
                    && intents[0].slots.allSatisfy { holds(found.intents[0], $0) }
                let saidFirstWithLess =
                    found.intents.count == 1 && intents.count == 1 && found.intents[0].action == intents[0].action
                    && found.intents[0].slots.allSatisfy { holds(intents[0], $0) }
                if saidFirstWithLess && !saidAgain { asking = (index, intents) }
                if !same && !saidAgain && !saidFirstWithLess {
                    return .notUnderstood(
                        reason: "the message asks for several things in different sentences; ask for one at a time, "
                            + "or join them with 'and'",
                        suggestions: [])
                }
            } else {
                asking = (index, intents)
            }
        }
        // "Can you put an autoscaler on it? Min 3, max 12, at 65% CPU.": a sentence that asks, with what it needs said
        // in the sentence after it, is read with that sentence (the rest are context as before).
        if asking == nil {
            for index in sentences.indices.dropLast() where asksOutright(sentences[index]) {
                let next = sentences[index + 1]
                guard !Self.isCourtesy(next), !Self.opensWithAsk(next),
                    next.contains(where: { $0.norm.first?.isNumber == true || $0.norm.contains("=") })
                else { continue }
                let merged = Self.joining(sentences[index], next)
                if case .understood(let intents)? = try? reader.read(merged, suggesting: false, lookups: lookups) {
                    asking = (index, intents)
                    understood.formUnion([index, index + 1])
                    break
                }
            }
        }
        // "The green version of checkout passed QA. Please move all the traffic to it.": a sentence that asks of
        // "it", read with "it" as a thing another sentence names.
        if asking == nil {
            let asked = sentences.indices.filter { asksOutright(sentences[$0]) }
            if asked.count == 1, let index = asked.first,
                let again = reader.readNaming(sentences[index], by: sentences.indices.filter { $0 != index }.map { sentences[$0] }, lookups: lookups)
            {
                asking = (index, [again])
                understood.insert(index)
            }
        }
        guard var asking else {
            if let whole { return whole }
            return try read(tokens, lookups: lookups)
        }
        // "create deploy pinger --image=busybox:1.36 -n todo, cmd `sleep 3600`": a literal command runs as typed, so
        // it is taken from one sentence only beside courtesy; anything else the message says would go unrun.
        if asking.intents.contains(where: { $0.action == "passthrough" }),
            let unread = sentences.indices.first(where: {
                $0 != asking.index && !Self.isCourtesy(sentences[$0]) && !dropFillers(sentences[$0]).isEmpty
            })
        {
            return .notUnderstood(
                reason: "the message says more than the command it holds ('"
                    + sentences[unread].map(\.text).joined(separator: " ") + "'); give the whole command, or say it in words",
                suggestions: [])
        }
        // "Could you start a pod named dns-probe there with busybox:1.36 that runs `nslookup`? It shouldn't restart
        // once it finishes.": another sentence that describes what is made, read with the asking one, adds to it.
        if asking.intents.count == 1, let first = asking.intents.first, first.action.hasPrefix("create_") {
            for (index, sentence) in sentences.enumerated() where index != asking.index && !understood.contains(index) {
                let merged = Self.joining(sentences[asking.index], sentence)
                if case .understood(let more)? = try? reader.read(merged, suggesting: false, lookups: lookups),
                    more.count == 1, let richer = more.first, richer.action == first.action,
                    asking.intents[0].slots.allSatisfy({ richer.slots[$0.key] == $0.value }),
                    richer.slots.count > asking.intents[0].slots.count
                {
                    asking.intents = [richer]
                    understood.insert(index)
                }
            }
        }
        // "Delete the namespace… actually no, wait, don't do that.": what a later sentence takes back is not asked.
        for sentence in sentences[(asking.index + 1)...] where Self.takesBack(sentence) {
            return .notUnderstood(
                reason: "the message takes back what it asks ('\(sentence.map(\.text).joined(separator: " "))'); "
                    + "say in one message what to do",
                suggestions: [])
        }
        // "Don't delete the checkout-blue deployment yet, we might still need it for a rollback.": a message that says
        // not to do something is never read as an order to change something else.
        // ("Don't evict anything yet. Cordon worker-2 please." orders the cordon: only a sentence that says what people
        // do or may do, "we might need it …", is never read as the order beside one that forbids.)
        let looking = frameFilter.lookingActions
        let saysWhatPeopleDo = dropFillers(sentences[asking.index]).first.map {
            !$0.quoted && ["we", "i", "they", "you", "he", "she", "someone", "somebody"].contains($0.norm)
        } ?? false
        if saysWhatPeopleDo, asking.intents.contains(where: { !looking.contains($0.action) }),
            let forbidding = sentences.enumerated().first(where: { index, sentence in
                index != asking.index && sentence.first.map { !$0.quoted && Self.forbiddingOpeners.contains($0.norm) } == true
            })
        {
            return .notUnderstood(
                reason: "the message says not to do something ('\(forbidding.element.map(\.text).joined(separator: " "))'); "
                    + "ask for the change alone when you want it",
                suggestions: [])
        }
        // Sentences that asked the same again ("Restart the backend. Restart it!") are no context.
        let contextIndices = sentences.indices.filter { !understood.contains($0) }
        let context = contextIndices.map { sentences[$0] }
        var namespaces: Set<String> = []
        var bare: Set<String> = []
        var subjects: [String] = []
        // "Call it srv-floor.", "- name: todo-bounds": what a new object is to be called, said in a sentence of its own.
        var newNames: [String] = []
        let creating = asking.intents.contains { $0.action.hasPrefix("create_") && $0.action != "create_namespace" }
        var places: Set<String> = []
        for (sentence, index) in zip(context, contextIndices) {
            var words = dropFillers(sentence)
            // "Context: namespace `todo`": a sentence that only names the namespace says where.
            if words.count == 2, !words[0].quoted, ["namespace", "ns"].contains(words[0].norm),
                KubernetesName.labelProblem(words[1].text.lowercased()) == nil
            {
                namespaces.insert(words[1].text.lowercased())
                continue
            }
            // Context says how things are ("the api is in shop"), or is courtesy ("thanks!"). Anything else may
            // be a second request kagent cannot read ("rm -rf /"): it is never skipped over.
            // A sentence of joining and question words only ("Can you tell me why?") asks for nothing more.
            let contentFree = words.allSatisfy {
                !$0.quoted
                    && (RequestFrame.joiningWords.contains($0.norm) || RequestFrame.questionWords.contains($0.norm)
                        || Self.askingWords.contains($0.norm))
            }
            // Anything else that does not start as a request does ("just want an overview", "we'll debug it
            // later") is context too; a sentence that starts like an order ("rm -rf /", "drop the db") never is.
            // "Quick request.", "Small favour.": two words with no verb of change name no order.
            let label = words.count <= 2
                && words.allSatisfy { !$0.quoted && !Self.changeVerbs.contains($0.norm) && !Self.commandWords.contains($0.norm) }
            let startsAsOrder = !label && (words.first.map { $0.quoted || orderWords.contains($0.norm) } ?? false)
            // "I need to poke around the engine." beside "Can you open a shell in it?": what the person is about
            // to do is context for what they ask.
            // "Before I delete anything, …", "when we're done": what the speaker will do, said as a time, is context.
            let wish = Self.opensWithWish(sentence) || (sentence.count > 2 && !sentence[0].quoted && Self.timeOpeners.contains(sentence[0].norm)
                && ["i", "we", "i'm", "we're", "i've", "we've", "i'll", "we'll"].contains(sentence[1].norm))
            // "Can I get two of them running in todo named todo-api, and give it …": a part that asks for something
            // kagent did not read is a request, never context for another part.
            // ("Get two of them running …": "get" opens an order too.)
            let asksUnread = Self.opensWithAsk(sentence) || Self.opening(of: sentence, among: Self.selfAskOpenings) != nil
                || words.first.map { !$0.quoted && $0.norm == "get" } == true
            // "What went on in shop recently? Newest at the bottom, please.": a part that only adds to what is
            // asked reads, with the asking sentence, as the same request.
            let adds = {
                guard case .understood(let joined)? = try? self.read(
                    Self.joining(sentences[asking.index], sentence), suggesting: false, lookups: lookups)
                else { return false }
                return joined.count == asking.intents.count
                    && zip(joined, asking.intents).allSatisfy { $0.action == $1.action }
            }
            guard contentFree || wish || Self.isCourtesy(sentence) || Self.isStatement(words) || !startsAsOrder && !asksUnread
                || adds()
            else {
                let text = sentence.map(\.text).joined(separator: " ")
                return .notUnderstood(
                    reason: "the message has a part kagent does not understand: '\(text)'; "
                        + "ask for one thing, or say it in other words",
                    suggestions: [])
            }
            if let namespace = extractNamespace(&words) ?? Self.namespaceMentioned(in: words, lexicon: lexicon) {
                namespaces.insert(namespace)
            } else if let place = Self.barePlace(in: words, lexicon: lexicon) {
                // "Something is eating memory in srvthreds.": where a sentence of context says it happens.
                bare.insert(place)
            } else if let place = Self.barePlace(in: words, lexicon: lexicon, anywhere: true) {
                // "The redis cache in srvthreds needs a snapshot.": where things are, for what is made new.
                places.insert(place)
            }
            let name = Self.newName(in: words)
            if let name { newNames.append(name) }
            // "I need a pod named etl-shell …, labels team=data": what a part asks to be made is no object to change.
            if let subject = Self.subject(of: words, lexicon: lexicon), !(creatingWish(sentence) && subject == name) {
                subjects.append(subject)
            }
            // What is made new is described by every part of the message: a part that holds a value kagent did not
            // read ("…, with the env var ECHO_TEXT=hi and listening on port 5678", "have it run sh -c '…'") is not
            // passed over for a plan without it.
            if creating, let value = unreadValue(in: words, besides: name, amounts: index > asking.index) {
                return .notUnderstood(
                    reason: "part of the message describes what to make ('\(value)'), and kagent did not read it "
                        + "there; say it all in one sentence",
                    suggestions: [])
            }
        }
        let intents = asking.intents.map { intent in
            var intent = intent
            if intent["namespace"] == nil, namespaces.count == 1, let namespace = namespaces.first {
                intent["namespace"] = .text(namespace)
            } else if intent["namespace"] == nil, namespaces.isEmpty, bare.count == 1, let place = bare.first,
                intent["name"] == nil, intent["release"] == nil, frameFilter.lookingActions.contains(intent.action)
            {
                // Only a read with no object of its own takes it: "Which pods use the most?".
                intent["namespace"] = .text(place)
            } else if intent["namespace"] == nil, namespaces.isEmpty, bare.union(places).count == 1,
                let place = bare.union(places).first,
                intent.action.hasPrefix("create_") && !intent.action.hasSuffix("namespace")
                    // "Pods in srvthreds keep getting rescheduled. Please show the warning events there.": "there"
                    // is the one place another sentence names.
                    || sentences[asking.index].contains(where: { !$0.quoted && $0.norm == "there" })
            {
                // "The redis cache in srvthreds needs a snapshot. Could you kick off a job …": what is made new goes
                // where the message says things are (a namespace the cluster lacks is refused while planning).
                intent["namespace"] = .text(place)
            }
            // A new object's name said in another sentence ("Call it srv-floor."), when its own sentence says none.
            if intent.action.hasPrefix("create_"), intent["name"] == nil, newNames.count == 1, let name = newNames.first {
                intent["name"] = .text(name)
            }
            // What is made new is named by the request itself, never by what another sentence talks about.
            let said = subjects.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            // The object's slot: its name, or a Helm release's ("roll the release back").
            let slot = intent["name"] != nil ? "name" : "release"
            if let name = intent.text(slot), Self.isPronoun(name), !intent.action.hasPrefix("create"),
                intent.action != "generate_deployment"
            {
                // "We keep getting woken up by log spam from the todo backend. Could you set LOG_LEVEL=warning on
                // it?": when no sentence says what it is about, each thing a sentence names ("the todo backend",
                // "log spam") may be "it", and the planner takes the one that names an object, and no other.
                let named = (said + context.flatMap { Self.thingsNamed(in: $0, lexicon: lexicon) })
                    .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                if let subject = named.first {
                    intent[slot] = .text(subject)
                    // Sentences about different things: the planner takes the one that names an object, and no other.
                    if named.count > 1, slot == "name" { intent.nameCandidates = named }
                }
            }
            // "I'll be working on the srvthreds stuff now. Can we stay in that namespace?": the namespace meant by
            // "that" is the one another sentence is about.
            if ["use_namespace", "set_kubectl_namespace"].contains(intent.action),
                let said = intent.text("namespace"), ["that", "it", "this"].contains(said)
            {
                let places = namespaces.isEmpty ? Set(subjects) : namespaces
                if places.count == 1, let place = places.first, KubernetesName.labelProblem(place) == nil {
                    intent["namespace"] = .text(place)
                }
            }
            // "the local rabbitmq … won't accept connections. can you show me its compose logs?": a compose service
            // said by a pronoun is the one another sentence names.
            // ("Could you bring up its databases?": the databases are a group, and "its" is their project's.)
            if intent.action.hasPrefix("compose_"), intent["services"] == nil, intent["project"] == nil,
                intent["group"] == nil, said.count == 1, let subject = said.first,
                sentences[asking.index].contains(where: { !$0.quoted && ["it", "its", "it's", "them", "their"].contains($0.norm) })
            {
                intent["services"] = .list([subject])
            }
            return intent
        }
        // "The green version of checkout passed QA. Please move all the traffic to it.": a value said by a pronoun is
        // what another sentence names; the asking sentence is read again with "it" as each thing named there, and
        // the one reading that leaves no value a pronoun is taken.
        if intents.count == 1, let intent = intents.first,
            intent.slots.contains(where: { !["name", "release", "namespace"].contains($0.key) && $0.value.text.map(Self.isPronoun) == true }),
            var again = reader.readNaming(sentences[asking.index], by: context, lookups: lookups), again.action == intent.action
        {
            if again["namespace"] == nil, let namespace = intent["namespace"] { again["namespace"] = namespace }
            return .understood([again])
        }
        return .understood(intents)
    }

    /// Whether a sentence asks outright: it opens with an ask ("could you …", "please …") or is a question.
    func asksOutright(_ sentence: [RequestToken]) -> Bool {
        Self.opensWithAsk(sentence) || RequestFrame.isQuestion(dropFillers(sentence))
    }

    /// Two sentences read as one, the first ending in a clause rather than a sentence: "Can you put an autoscaler on
    /// it, min 3, max 12".
    static func joining(_ first: [RequestToken], _ second: [RequestToken]) -> [RequestToken] {
        var joined = first
        if var last = joined.popLast() {
            last.endsSentence = false
            last.endsClause = true
            joined.append(last)
        }
        return joined + second
    }

    /// The sentence read again with its "it" (or "its") as each thing the other sentences name (``phrasesNamed(_:)``):
    /// the one reading that leaves no slot a pronoun; nil when none does, or readings differ.
    func readNaming(_ sentence: [RequestToken], by context: [[RequestToken]], lookups: WordLookups) -> UserIntent? {
        // ("Please set that up.": "that" is what another sentence describes, a whole request, read elsewhere.)
        guard let pronoun = sentence.firstIndex(where: { !$0.quoted && ["it", "its"].contains($0.norm) }) else {
            return nil
        }
        var found: [UserIntent] = []
        for phrase in context.flatMap(Self.phrasesNamed) {
            var said = sentence
            var phrase = phrase
            // "deploy its helm chart": the thing named, as its owner ("the todo backend's helm chart").
            if sentence[pronoun].norm == "its", var last = phrase.popLast() {
                last.text += "'s"
                last.norm += "'s"
                phrase.append(last)
            }
            said.replaceSubrange(pronoun...pronoun, with: phrase)
            guard case .understood(let read)? = try? self.read(said, suggesting: false, lookups: lookups),
                read.count == 1, let again = read.first,
                !again.slots.contains(where: { $0.key != "namespace" && $0.value.text.map(Self.isPronoun) == true })
            else { continue }
            if !found.contains(where: { $0.sameRequest(as: again) }) { found.append(again) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The phrases a sentence names something with, as said: an article or a possessive and up to four words after
    /// it ("the green version of checkout", "our checkout service"), each ending at a verb of being, a preposition
    /// other than "of", or the clause's end.
    static func phrasesNamed(_ sentence: [RequestToken]) -> [[RequestToken]] {
        let openers: Set<String> = ["the", "our", "my", "your", "their"]
        let stops: Set<String> = [
            "in", "on", "at", "for", "to", "from", "with", "by", "is", "are", "was", "were", "has", "have", "and",
            "or", "but", "so", "that", "which", "looks", "seems", "passed",
        ]
        var phrases: [[RequestToken]] = []
        for (index, opener) in sentence.enumerated() where !opener.quoted && openers.contains(opener.norm) {
            var phrase = [opener]
            for word in sentence[(index + 1)...] {
                if !word.quoted && (stops.contains(word.norm) || openers.contains(word.norm)) { break }
                var word = word
                let ended = word.endsSentence || word.endsClause
                word.endsSentence = false
                word.endsClause = false
                phrase.append(word)
                if ended || phrase.count == 5 { break }
            }
            if phrase.count > 1 { phrases.append(phrase) }
        }
        return phrases
    }

    /// A value a sentence holds that no reading took: quoted or code text, a KEY=VALUE pair, an option (`-c`), a
    /// port, and with `amounts` any number or amount; nil when there is none (`besides`: the name the sentence gives, which is read).
    func unreadValue(in words: [RequestToken], besides name: String?, amounts: Bool = false) -> String? {
        for (index, word) in words.enumerated() {
            let text = word.quoted ? word.text : word.norm
            if text == name || text.isEmpty { continue }
            let port = index > 0 && words[index - 1].norm == "port" && Int(word.norm) != nil
            // "cal it todo-requests": a name of dashed words is a value too.
            let dashedName = !word.quoted && text.contains("-") && text.first?.isLetter == true
                && KubernetesName.subdomainProblem(text) == nil && lexicon.kind(named: text) == nil
            // "It listens on 6379.", "Give each one a 100m cpu request.": said after the ask (`amounts`), a number or
            // an amount describes what is made too. (Before it, "a container grabbed 6Gi yesterday" is what happened.)
            let amount = amounts && !word.quoted && word.norm.first?.isNumber == true
            if word.quoted || SlotParsing.pair(word.text) != nil || port || dashedName || amount
                || (word.norm.hasPrefix("-") && word.norm.count > 1 && word.norm.dropFirst().first?.isLetter == true)
            {
                return word.text
            }
        }
        return nil
    }

    /// The name a sentence gives something new: "call it X", "name it X", "call the task X", "name: X", "named X",
    /// "called X"; nil when it gives none, or the word is no name.
    static func newName(in words: [RequestToken]) -> String? {
        // "…, policy backend-from-frontend": the word for what is made, then its name, says the name too.
        let naming: Set<String> = [
            "call", "name", "named", "called", "name:", "policy", "networkpolicy", "binding", "rolebinding", "quota",
            "limitrange", "pvc", "claim",
        ]
        // "call it …", "name the rule …" (the article is gone by now): a word for what is named may come first.
        let between: Set<String> = [
            "it", "this", "rule", "binding", "quota", "role", "task", "job", "cronjob", "policy", "account", "range",
            "limitrange", "thing",
        ]
        for start in words.indices where !words[start].quoted && naming.contains(words[start].norm) {
            var at = start + 1
            if at < words.count, !words[at].quoted, between.contains(words[at].norm) { at += 1 }
            guard at < words.count else { continue }
            let value = words[at]
            let name = value.quoted ? value.text : value.norm
            if KubernetesName.subdomainProblem(name) == nil, !RequestFrame.joiningWords.contains(name) || value.quoted {
                return name
            }
        }
        return nil
    }

    /// "… in srvthreds" at the end of a sentence: the word after the last "in", when it can be a namespace's name.
    /// With `anywhere`, the word after the first "in" anywhere in the sentence.
    static func barePlace(in words: [RequestToken], lexicon: Lexicon, anywhere: Bool = false) -> String? {
        let prepositions: Set<String> = anywhere ? ["in", "inside", "within"] : ["in"]
        // "Something restarted in shop overnight.": words of time or chat after the place still end the sentence.
        let trailing = { (word: RequestToken) in
            !word.quoted
                && (RequestFrame.notPlaces.contains(word.norm) || RequestFrame.chatWords.contains(word.norm)
                    || RequestFrame.passingWhenLooking.contains(word.norm) || ["now", "today"].contains(word.norm))
        }
        var end = words.count - 1
        while end > 1, trailing(words[end]) { end -= 1 }
        let at = anywhere
            ? words.indices.dropLast().first { !words[$0].quoted && prepositions.contains(words[$0].norm) }.map { $0 + 1 }
            : end
        guard words.count >= 2, let at, at >= 1, prepositions.contains(words[at - 1].norm), !words[at - 1].quoted
        else { return nil }
        return placeName(words[at], lexicon: lexicon)
    }

    /// The word as a namespace's name (code-quoted or bare): a valid label that is no place word, joining word, kind
    /// or number; nil otherwise.
    static func placeName(_ word: RequestToken, lexicon: Lexicon) -> String? {
        guard !word.quoted || word.code else { return nil }
        let name = word.quoted ? word.text : word.norm
        guard KubernetesName.labelProblem(name) == nil, !RequestFrame.notPlaces.contains(name),
            !RequestFrame.joiningWords.contains(name), lexicon.kind(named: name) == nil, lexicon.number(from: name) == nil
        else { return nil }
        return name
    }

    /// "The srvthreds namespace feels sluggish.", "Namespace shop is slow today.": the namespace a sentence of context
    /// is about, said beside the word without a preposition; nil when none is.
    static func namespaceMentioned(in words: [RequestToken], lexicon: Lexicon) -> String? {
        func place(_ index: Int) -> String? {
            guard words.indices.contains(index), let name = placeName(words[index], lexicon: lexicon),
                !RequestFrame.chatWords.contains(name), !statementWords.contains(name)
            else { return nil }
            return name
        }
        let mentions = words.indices.filter { !words[$0].quoted && ["namespace", "ns"].contains(words[$0].norm) }
        guard mentions.count == 1, let at = mentions.first else { return nil }
        return place(at - 1) ?? place(at + 1)
    }

    /// "… reachable at todo-app.example.org. Can you create an ingress for that host …?": "that host" (or "this
    /// image", "the same tag") is the one value of its sort another sentence of the message says, put in its place;
    /// with none, or several, the words stay as they are.
    static func valuesSaidElsewhere(in sentences: [[RequestToken]]) -> [[RequestToken]] {
        guard sentences.count > 1 else { return sentences }
        // Each sort: the nouns "that" goes with, which words of another sentence are such a value (given the word
        // before), and the noun said before the value, if any ("that revision" → "revision 3").
        let sorts: [(nouns: Set<String>, value: (RequestToken, RequestToken?) -> Bool, noun: String?)] = [
            (["host", "hostname", "domain", "address", "url"], { word, _ in SlotParsing.host(word.norm) != nil && word.norm.contains(".") }, nil),
            (["image", "build"], { word, _ in !word.quoted || word.code ? word.text.contains(":") && SlotParsing.image(word.text) != nil : false }, nil),
            // "Dana says revision 3 was fine. Roll the backend back to that revision."
            (["revision", "rev"], { word, before in
                Int(word.norm) != nil && before.map { !$0.quoted && ["revision", "rev", "revisions"].contains($0.norm) } == true }, "revision"),
            // "… still has FEATURE_NEW_CART in its env. Please remove that variable."
            (["variable", "var", "env", "setting", "flag", "key"], { word, _ in
                !word.quoted && word.text.count > 2 && word.text.contains("_") && RequestFrame.isVariableName(Substring(word.text)) }, "variable"),
        ]
        var result = sentences
        for (index, sentence) in sentences.enumerated() {
            var words = sentence
            var at = 0
            while at + 1 < words.count {
                let determiner = words[at], noun = words[at + 1]
                guard !determiner.quoted, !noun.quoted, ["that", "this", "same"].contains(determiner.norm),
                    let sort = sorts.first(where: { $0.nouns.contains(noun.norm) })
                else {
                    at += 1
                    continue
                }
                let values = Set(
                    sentences.enumerated().filter { $0.offset != index }.flatMap { other in
                        other.element.indices.filter { sort.value(other.element[$0], $0 > 0 ? other.element[$0 - 1] : nil) }
                            .map { other.element[$0].text }
                    })
                guard values.count == 1, let value = values.first else {
                    at += 1
                    continue
                }
                var token = RequestToken(text: value)
                token.endsSentence = noun.endsSentence
                token.endsClause = noun.endsClause
                words.replaceSubrange(at...(at + 1), with: (sort.noun.map { [RequestToken(text: $0)] } ?? []) + [token])
                at += 1
            }
            result[index] = words
        }
        return result
    }

    /// Words that open a sentence forbidding something: "Don't delete …", "Never touch …".
    static let forbiddingOpeners: Set<String> = ["don't", "dont", "never", "don’t", "avoid"]

    /// Words that open a clause of time ("before I delete anything").
    static let timeOpeners: Set<String> = ["before", "after", "when", "while", "once", "until", "since", "as"]

    /// Openings of a sentence that says what the person needs to do: context when another sentence asks. A chat
    /// message often drops the "I" ("need to reboot it").
    static let wishOpenings: [[String]] = [
        ["i", "need", "to"], ["we", "need", "to"], ["i", "want", "to"], ["we", "want", "to"], ["i'd", "like", "to"],
        ["i", "have", "to"], ["we", "have", "to"], ["i", "am", "going", "to"], ["i'm", "going", "to"],
        ["we're", "going", "to"], ["i'm", "trying", "to"], ["i", "was", "hoping", "to"], ["i", "plan", "to"],
        ["need", "to"], ["have", "to"], ["gotta"], ["i", "gotta"], ["we", "gotta"], ["going", "to"], ["trying", "to"],
        ["planning", "to"], ["about", "to"], ["i'm", "about", "to"], ["we're", "about", "to"],
    ]

    /// Verbs that say what something is: after a verb's word ("the fix is in"), they make it a thing.
    static let copulas: Set<String> = ["is", "are", "was", "were", "isn't", "wasn't", "has", "had", "seems", "looks"]

    /// Openings that ask for something to be done: "could you …", "can you …", "please …".
    static let askOpenings: [[String]] = [
        ["could", "you"], ["can", "you"], ["would", "you"], ["will", "you"], ["can", "u"], ["could", "u"], ["please"],
        ["pls"], ["plz"], ["kindly"], ["would", "you", "mind"], ["any", "chance", "you"], ["can", "someone"],
        ["could", "someone"], ["can", "somebody"], ["could", "somebody"], ["can", "anyone"], ["could", "anyone"],
        ["would", "someone"], ["can", "we"], ["could", "we"],
    ]

    /// The first of `openings` the words open with, with at least one word after it; nil when none.
    static func opening(of words: [RequestToken], among openings: [[String]]) -> [String]? {
        openings.first { words.count > $0.count && RequestToken.spell(words.prefix($0.count), $0) }
    }

    /// Openings that ask for something for the speaker: "Can I get two of them running …".
    static let selfAskOpenings: [[String]] = [["can", "i", "get"], ["could", "i", "get"], ["can", "we", "get"], ["could", "we", "get"], ["can", "i", "have"], ["could", "i", "have"]]

    /// Whether a sentence opens by asking for something to be done ("Could you check …").
    static func opensWithAsk(_ sentence: [RequestToken]) -> Bool {
        opening(of: sentence, among: askOpenings) != nil
    }

    /// Whether a sentence opens with what the person needs or wants to do ("I need to …", "I'm trying to …").
    static func opensWithWish(_ sentence: [RequestToken]) -> Bool {
        opening(of: sentence, among: wishOpenings) != nil
    }

    /// Phrases that take back what was just asked: "actually no", "wait", "don't do that", "never mind".
    static let retractions: [[String]] = [
        ["actually", "no"], ["no", "wait"], ["wait"], ["hold", "on"], ["never", "mind"], ["nevermind"],
        ["scratch", "that"], ["cancel", "that"], ["forget", "it"], ["forget", "that"], ["don't", "do", "that"],
        ["don't", "do", "it"], ["do", "not", "do", "that"], ["on", "second", "thought"], ["ignore", "that"],
        ["don't"], ["do", "not"], ["never"], ["no"], ["don't", "bother"], ["disregard"], ["nope"],
    ]

    /// Words that, among the first few of a later sentence, take the ask back ("sorry, NO, don't …",
    /// "actually, disregard").
    static let retractionWords: Set<String> = [
        "no", "nope", "don't", "dont", "never", "wait", "disregard", "ignore", "cancel", "nevermind", "scratch", "hold",
    ]

    /// Whether a sentence takes back an earlier one: it starts with a retraction, or holds "don't do that"-like
    /// words anywhere.
    static func takesBack(_ sentence: [RequestToken]) -> Bool {
        let words = sentence.filter { !$0.quoted }
        // "sorry, NO, don't …", "actually, disregard": a sentence that opens with a second thought.
        let openers: Set<String> = retractionWords.union(["sorry", "actually", "oops", "hmm", "oh", "ah", "um", "uh"])
        if let first = words.first, openers.contains(first.norm),
            words.prefix(4).contains(where: { retractionWords.contains($0.norm) })
        {
            return true
        }
        for phrase in retractions {
            if words.count >= phrase.count, RequestToken.spell(words.prefix(phrase.count), phrase) { return true }
            if phrase.count >= 2, words.count >= phrase.count,
                (0...(words.count - phrase.count)).contains(where: {
                    RequestToken.spell(words[$0..<($0 + phrase.count)], phrase)
                })
            {
                return true
            }
        }
        return false
    }

    /// Words that start a sentence of thanks or apology: courtesy, never a request.
    static let gratitudeWords: Set<String> = ["thanks", "thank", "thx", "ty", "cheers", "sorry", "appreciate", "appreciated"]

    /// Openings of a sentence that asks to be told how it went ("Let me know if that breaks anything."): courtesy.
    static let followUpOpenings: [[String]] = [
        ["let", "me", "know"], ["tell", "me", "when"], ["tell", "me", "if"], ["keep", "me", "posted"],
        ["ping", "me"], ["lmk"], ["report", "back"],
        // What it is for: "I need it for the release notes."
        ["i", "need", "it"], ["we", "need", "it"], ["i", "need", "this"], ["i", "need", "that"], ["it's", "for"],
        ["this", "is", "for"], ["that's", "for"], ["need", "it", "for"],
    ]

    /// Greetings that open a message: "Good morning.", "Hey there!".
    static let greetings: [[String]] = [
        ["good", "morning"], ["good", "afternoon"], ["good", "evening"], ["good", "day"], ["morning"],
        ["afternoon"], ["evening"], ["greetings"], ["howdy"], ["hiya"], ["hey", "there"], ["hi", "there"],
        ["hello", "there"], ["hey", "team"], ["hi", "team"], ["hi", "all"], ["hey", "all"], ["hello", "all"],
    ]

    /// A sentence of one clause of greeting, thanks, apology or "let me know …": never a request. ("Thanks, can
    /// you restart it?" has a second clause, which is read.)
    static func isCourtesy(_ sentence: [RequestToken]) -> Bool {
        guard let first = sentence.first, !first.quoted,
            !sentence.dropLast().contains(where: \.endsClause)
        else { return false }
        if gratitudeWords.contains(first.norm) { return true }
        if greetings.contains(where: { sentence.count <= $0.count + 1 && RequestToken.spell(sentence.prefix($0.count), $0) }) {
            return true
        }
        return followUpOpenings.contains { opening in
            sentence.count >= opening.count && RequestToken.spell(sentence.prefix(opening.count), opening)
        }
    }

    /// Words that ask for what another sentence says ("Please show me.", "Can you list them?").
    static let askingWords: Set<String> = [
        "show", "list", "tell", "explain", "see", "check", "why", "pull", "fetch", "grab", "get", "do", "handle",
        "run", "give", "send", "share", "bring", "look", "find", "dig", "sort", "out", "up", "thing", "that",
    ]

    /// Verbs a sentence of context may start with, saying what the person is about to do with something: "(I want
    /// to) open the todo backend from my laptop."
    static let contextVerbs: Set<String> = [
        "open", "test", "hit", "reach", "see", "try", "debug", "call", "access", "visit", "use", "curl", "poke", "check",
        "view", "load", "browse", "query", "ping",
    ]

    /// Words said with a name that are not part of it: "the todo app backend", "I think the api …".
    static let notNameWords: Set<String> = [
        "app", "application", "i", "think", "guess", "suspect", "believe", "feel", "there", "here", "so", "ok",
        "okay", "well", "yeah", "also", "now", "hi", "hey", "hello", "update", "upgrade", "rollout", "change",
        "changes", "version", "new", "latest", "last", "nothing", "something", "everything", "anything",
        "like", "our", "my", "your", "we", "maybe", "probably", "somehow",
    ]

    /// Words that make a sentence a statement about how things are, not a request.
    static let statementWords: Set<String> = [
        "is", "are", "was", "were", "keeps", "kept", "has", "have", "had", "seems", "seem", "looks", "look", "runs",
        "lives", "sits", "uses", "got", "gets", "isn't", "aren't", "doesn't", "don't", "won't", "can't", "cannot",
        "didn't", "wasn't", "started", "stopped", "crashed", "crashes", "failed", "fails", "broke", "went", "it's",
        "goes", "comes", "works", "gets", "takes", "throws", "returns", "happens", "happened", "became", "becomes",
        "dies", "died", "hangs", "hung", "restarts", "needs", "wants",
        "i'm", "we're", "there's", "that's", "think", "noticed", "see", "saw",
        // What should be, said of something: "The todo backend should log less now."
        "should",
        // How things feel, and what is done: "the nodes feel sluggish.", "done testing on the sandbox for now."
        "feel", "feels", "felt", "done", "acting", "behaving",
        // What the speaker supposes: "I suspect something's stuck in pending somewhere."
        "suspect", "reckon", "guess", "believe", "wonder", "bet",
        // What someone did or will do: "Earlier someone froze the updates.", "we'll debug it later."
        "we'll", "i'll", "they'll", "someone", "somebody", "asked", "told", "mentioned", "said", "reported",
        "complained", "froze", "blanked", "merged", "pushed", "published", "bought",
    ]

    static func isStatement(_ words: [RequestToken]) -> Bool {
        words.contains { !$0.quoted && statementWords.contains($0.norm) }
    }

    /// What a sentence of context is about: "The backend is in namespace todo" → backend; "our api keeps
    /// crashing" → api; "The `checkout` service is down" → checkout. One word before the verb, kind words aside;
    /// nil when the sentence does not start that way.
    static func subject(of words: [RequestToken], lexicon: Lexicon) -> String? {
        // "The live version is checkout-blue": a word shaped like an object's name says what the sentence is about.
        let named = words.filter { word in
            // "throwing 500s", "for 2h": a number with a letter after it is no name.
            // ("ticket SEC-311": a word typed in capitals is a ticket's, never an object's.)
            !word.quoted && (word.norm.contains("-") || word.norm.contains(where: \.isNumber))
                && word.norm.filter(\.isLetter).count >= 2 && !word.norm.hasPrefix("-")
                && !word.text.contains(where: \.isUppercase)
                && KubernetesName.subdomainProblem(word.norm) == nil && lexicon.kind(named: word.norm) == nil
        }
        if named.count == 1 { return named[0].norm }
        // "backend bad deploy": a clause that is only a name and its kind, with words of chat.
        let said = words.filter { !$0.quoted && !RequestFrame.chatWords.contains($0.norm) && !RequestFrame.joiningWords.contains($0.norm) }
        let kinds = said.filter { lexicon.kind(named: $0.norm)?.typos == 0 }
        if words.count <= 5, said.count == 2, kinds.count == 1, let name = said.first(where: { lexicon.kind(named: $0.norm) == nil }),
            KubernetesName.subdomainProblem(name.norm) == nil, lexicon.number(from: name.norm) == nil
        {
            return name.norm
        }
        let verbs: Set<String> = [
            "is", "are", "was", "were", "keeps", "kept", "has", "had", "runs", "seems", "looks", "isn't", "won't",
            "needs", "wants", "should", "must", "goes", "gets",
            "doesn't", "can't", "cannot", "does", "did", "crashes", "crashed", "fails", "failed", "lives", "sits",
            // Verbs whose past does not end in -ed: "the engine threw something weird".
            "threw", "broke", "went", "ran", "came", "fell", "took", "gave", "got", "made", "began", "hit", "lost",
            "ate", "blew", "froze", "hung", "shut", "woke", "stuck", "sent", "left", "quit", "spat", "spit", "wrote",
            "started", "stopped", "died", "dies", "throws", "spits", "hangs", "eats",
        ]
        // "I need to test the frontend from my laptop": the object of what the person needs to do; "(I want to) open
        // the todo backend from my computer": the object of a sentence that starts with what to do.
        let opening = wishOpenings.first(where: { words.count > $0.count + 1 && RequestToken.spell(words.prefix($0.count), $0) })
            ?? (words.count > 1 && !words[0].quoted && contextVerbs.contains(words[0].norm) ? [] : nil)
        if let opening {
            // "debug something in the session agent": past a place word when nothing was named before it.
            var rest = words.dropFirst(opening.isEmpty ? 1 : opening.count + 1)
            let stops: Set<String> = ["from", "in", "on", "at", "with", "for", "so", "because", "to", "around", "into", "inside"]
            let isWord: (RequestToken) -> Bool = {
                $0.quoted || lexicon.kind(named: $0.norm)?.typos != 0 && !RequestFrame.joiningWords.contains($0.norm)
            }
            if let stop = rest.firstIndex(where: { !$0.quoted && stops.contains($0.norm) }),
                !rest[..<stop].contains(where: isWord), ["in", "on", "with", "at", "around", "into", "inside"].contains(rest[stop].norm)
            {
                rest = rest[(stop + 1)...]
            }
            let object = rest.prefix { $0.quoted || !stops.contains($0.norm) }.filter(isWord)
            if (1...3).contains(object.count), let name = joinedName(object, droppingPossessives: true) { return name }
        }
        // "I think the api is down": the speaker's hedge is not the subject.
        // "Since this morning the session agent restarts …": when it happens is not the subject either.
        let leadingTime: Set<String> = [
            "since", "this", "that", "last", "morning", "today", "yesterday", "tonight", "afternoon", "evening",
            "lately", "recently", "earlier", "overnight", "night", "week", "weekend", "after", "before", "around",
        ]
        let words = Array(words.drop { !$0.quoted && (notNameWords.contains($0.norm) || leadingTime.contains($0.norm)) })
        // The verb: one of these, another word that makes a statement ("started", "went"), or a past form.
        let verb = words.firstIndex { word in
            !word.quoted
                && (verbs.contains(word.norm) || statementWords.contains(word.norm)
                    || word.norm.count > 4 && word.norm.hasSuffix("ed") && lexicon.kind(named: word.norm) == nil)
        }
        guard let verb else { return objectOfPhrase(words, lexicon: lexicon) }
        // "We tested the new checkout" (the speaker went with the hedges): when people did something, what they did
        // it to.
        // ("We keep getting paged by …": the people, then what they keep doing, before the verb.)
        let people: Set<String> = [
            "we", "i", "they", "someone", "somebody", "you", "nobody", "noone", "everyone", "everybody", "anyone",
            "people", "users", "customers", "folks", "we're", "i'm", "we've", "i've", "they're",
        ]
        let doing: Set<String> = ["keep", "kept", "getting", "get", "got", "been", "being", "still", "just", "all"]
        // (The hedges before went with the people: "we" may be gone by now.)
        if words[..<verb].allSatisfy({ !$0.quoted && (people.contains($0.norm) || doing.contains($0.norm)) }) {
            // "We just pushed a new config for the todo backend": what it was for, first.
            if let object = objectOfPhrase(words, lexicon: lexicon) { return object }
            // "We're done debugging the todo backend": what was being done to it is not its name.
            let object = words[(verb + 1)...]
                .drop {
                    !$0.quoted
                        && (!RequestFrame.gerundStems(of: $0.norm).isEmpty || ["done", "finished", "through"].contains($0.norm))
                }
                .prefix {
                    $0.quoted
                        || !["from", "in", "on", "at", "with", "for", "so", "because", "to", "and", "but", "over", "during",
                            "since", "until", "after", "before", "anymore", "by"].contains($0.norm)
                }
                .filter {
                    $0.quoted || lexicon.kind(named: $0.norm)?.typos != 0 && !RequestFrame.joiningWords.contains($0.norm)
                }
            if (1...3).contains(object.count), let name = joinedName(object, droppingPossessives: true) { return name }
            return nil
        }
        // "The engine in srvthreds has …": where it is is not part of its name.
        let place = words[..<verb].firstIndex { !$0.quoted && ["in", "on", "at", "from", "inside", "within"].contains($0.norm) }
        // Kind words and what a release is made of are not part of the name: "the backend helm release".
        // "the todo app's backend seems frozen": a possessive joins the words of one name.
        let before = words[..<(place ?? verb)].filter {
            $0.quoted
                || lexicon.kind(named: $0.norm)?.typos != 0
                    && !Self.notNameWords.contains(Lexicon.droppingPossessive($0.norm))
                    && !["local", "locally", "remote"].contains($0.norm)
                    // "The shop's website still runs …": an adverb is no part of the name.
                    && !["still", "now", "currently", "already", "really", "just", "also", "suddenly", "again"].contains($0.norm)
        }
        // "our persistence agent is down": the words of a name said apart are its parts.
        guard (1...3).contains(before.count), before.allSatisfy({ !ConversationMemory.pronouns.contains($0.norm) })
        else { return nil }
        return joinedName(before, droppingPossessives: true)
    }

    /// What a sentence names with an article, a possessive or a preposition of relation ("the todo backend", "our
    /// persistence agent's output", "from the engine container"): each phrase of up to three words after one, kind
    /// words aside, as a name; places ("in shop", "the shop namespace") are not things named.
    static func thingsNamed(in sentence: [RequestToken], lexicon: Lexicon) -> [String] {
        let openers: Set<String> = ["the", "our", "my", "your", "their", "from", "of", "for", "on", "about", "with", "by"]
        let places: Set<String> = ["namespace", "namespaces", "ns", "cluster", "laptop", "machine", "computer"]
        var names: [String] = []
        for (index, opener) in sentence.enumerated() where !opener.quoted && openers.contains(opener.norm) && !opener.endsClause
            && !opener.endsSentence
        {
            var phrase: [RequestToken] = []
            var place = false
            for word in sentence[(index + 1)...] {
                let bare = Lexicon.droppingPossessive(word.norm)
                if !word.quoted && (RequestFrame.joiningWords.contains(bare) || openers.contains(bare)
                    || ConversationMemory.pronouns.contains(bare) || lexicon.number(from: bare) != nil
                    || RequestFrame.questionWords.contains(bare) || RequestFrame.chatWords.contains(bare))
                {
                    break
                }
                if !word.quoted && places.contains(bare) { place = true }
                if word.quoted || lexicon.kind(named: bare)?.typos != 0 { phrase.append(word) }
                if word.endsClause || word.endsSentence || bare != word.norm || phrase.count == 3 { break }
            }
            guard !place, !phrase.isEmpty, let name = joinedName(phrase, droppingPossessives: true) else { continue }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The words of a name said apart, as the name: "session agent" → `session-agent`; nil when that is no valid
    /// name.
    static func joinedName(_ words: some Collection<RequestToken>, droppingPossessives: Bool) -> String? {
        let name = words.map { word in
            droppingPossessives ? Lexicon.droppingPossessive(word.text.lowercased()) : word.text.lowercased()
        }.joined(separator: "-")
        return KubernetesName.subdomainProblem(name) == nil ? name : nil
    }
}

extension RuleCatalog {
    /// "We just pushed a new config for the todo backend": what a sentence ends on, after "for", "of", "on" or
    /// "about" (one to three words, kind words aside), is what it is about; nil when it does not end that way.
    static func objectOfPhrase(_ words: [RequestToken], lexicon: Lexicon) -> String? {
        // Clause by clause: "Hi there, I changed the settings file for the engine"; "We're done with the bootstrap
        // job in srvthreds, it finished weeks ago".
        var start = words.startIndex
        for index in words.indices where words[index].endsClause || index == words.index(before: words.endIndex) {
            if let object = objectOfClause(words[start...index], lexicon: lexicon) { return object }
            start = words.index(after: index)
        }
        return nil
    }

    private static func objectOfClause(_ words: ArraySlice<RequestToken>, lexicon: Lexicon) -> String? {
        let prepositions: Set<String> = ["for", "of", "on", "about", "with", "to", "around", "into", "inside", "at"]
        guard let at = words.lastIndex(where: { !$0.quoted && prepositions.contains($0.norm) }), at + 1 < words.endIndex
        else { return nil }
        // Where it is ("… in srvthreds") is not part of its name.
        // Words for what runs and times ("the srvthreds stuff now") are not part of its name either.
        let after = words[(at + 1)...].prefix { $0.quoted || !["in", "at", "from", "inside", "within"].contains($0.norm) }
            .filter { $0.quoted || lexicon.kind(named: $0.norm)?.typos != 0 }
            .filter { $0.quoted || !["stuff", "things", "thing", "now", "today", "tonight", "bits", "part"].contains($0.norm) }
        guard (1...3).contains(after.count),
            after.allSatisfy({
                $0.quoted
                    || !(ConversationMemory.pronouns.contains($0.norm) || RequestFrame.joiningWords.contains($0.norm)
                        || RequestFrame.questionWords.contains($0.norm) || lexicon.number(from: $0.norm) != nil)
            })
        else { return nil }
        return joinedName(after, droppingPossessives: true)
    }
}

// MARK: - Frames

extension RuleCatalog {
    /// The request read by the frames (``RequestFrame``): the one frame that reads it, or, when frames of different
    /// actions read it, the one with clearly more cues; nil when none does. Two readings that disagree are not a
    /// guess kagent makes: the request is then not understood.
    func readFrames(_ words: [RequestToken]) throws(IntentError) -> ParseOutcome? {
        var tokens = dropFillers(words)
        let scope = extractClusterScope(&tokens)
        let namespace = extractNamespace(&tokens)
        guard !tokens.isEmpty else { return nil }
        var readings: [(rule: IntentRule, reading: RequestFrame.Reading)] = []
        // "Can you do a rolling restart of the session agent?" asks for it: after "can you", "do" asks nothing.
        let question = RequestFrame.isQuestion(tokens) && !Self.opensWithAsk(words)
        // Most frames have no cue in the request: a few bit tests say so (``FrameFilter``).
        let frameFilter = frameFilter
        let words = frameFilter.words(in: tokens)
        let prepared = frameFilter.prepare(tokens)
        var failure = ""
        for (index, rule) in rules.enumerated() where frameFilter.mayRead(rule: index, words) {
            guard let frame = frameFilter.frames[index], let phrases = frameFilter.phrases[index],
                !question || frame.answersQuestions,
                let reading = frame.read(
                    prepared, phrases: phrases, lexicon: lexicon, frameWords: frameFilter.nameExcluded[index] ?? frameWords,
                    namespaceGiven: namespace != nil || scope != nil && frame.answersQuestions, implicitSubject: implicitSubject,
                    failure: &failure)
            else { continue }
            readings.append((rule, reading))
        }
        // A reading that found the one name is ahead of any that found several words that may each be it.
        if readings.contains(where: { $0.reading.nameCandidates.isEmpty }) {
            readings.removeAll { !$0.reading.nameCandidates.isEmpty }
        }
        guard let most = readings.map(\.reading.cues).max() else { return nil }
        var best = readings.filter { $0.reading.cues == most }
        // "what images are the pods in todo running?": one frame reads todo as the object, another as where to
        // look. Said after "in", a word is where to look.
        let places = Set(best.compactMap { $0.reading.slots["namespace"]?.text })
        if best.count > 1, !places.isEmpty {
            let placeAsObject: (RequestFrame.Reading) -> Bool = { reading in
                reading.slots["namespace"] == nil
                    && reading.types.contains { $0.value == .name && places.contains(reading.slots[$0.key]?.text ?? "") }
            }
            if best.contains(where: { !placeAsObject($0.reading) }) { best.removeAll { placeAsObject($0.reading) } }
        }
        var intents: [UserIntent] = []
        for (rule, reading) in best {
            var said = namespace
            if let inline = reading.slots["namespace"]?.text {
                if let namespace, namespace != inline {
                    throw .invalidName(
                        inline, slot: "namespace", reason: "the request names two namespaces, '\(inline)' and '\(namespace)'")
                }
                said = inline
            }
            var slots = reading.slots
            slots["namespace"] = nil
            let match = PatternMatch(slots: slots, types: reading.types, typos: 0, literals: reading.cues)
            var intent = try makeIntent(rule: rule, match: match, namespace: said, scope: scope)
            intent.source = .rule(id: rule.id)
            intent.nameCandidates = reading.nameCandidates
            if let other = intents.first, !other.sameRequest(as: intent) {
                return .notUnderstood(
                    reason: "the request can be read two ways (as \(other.action) and as \(intent.action))",
                    suggestions: [])
            }
            if intents.isEmpty { intents.append(intent) }
        }
        return intents.isEmpty ? nil : .understood(intents)
    }
}
