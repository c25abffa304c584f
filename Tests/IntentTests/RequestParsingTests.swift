import Intent
import TestSupport
import Testing

@Suite("Reading requests")
struct RequestParsingTests {
    let catalog = Catalog.shared

    @Test("words: quotes group, trailing punctuation goes, case is kept in text")
    func tokenizer() {
        let tokens = RequestTokenizer.tokens(of: #"Scale "My App" to 3."#)
        #expect(tokens.map(\.text) == ["Scale", "My App", "to", "3"])
        #expect(tokens.map(\.norm) == ["scale", "my app", "to", "3"])
        #expect(tokens.map(\.quoted) == [false, true, false, false])
        #expect(RequestTokenizer.tokens(of: "what's (in srvthreds)?").map(\.text) == ["what's", "in", "srvthreds"])
    }

    @Test(
        "chat quoting that wraps no name: a command in code is its words, a quoted KEY=VALUE is the pair, a period after a quote ends the sentence",
        arguments: [true, false])
    func literalsUnwrapped(unicode: Bool) {
        // The Unicode reading and the plain-ASCII one must agree: a "…" forces the first.
        let tail = unicode ? " …" : ""
        let command = RequestTokenizer.tokens(of: "`kubectl get ingress -n shop`" + tail)
        #expect(command.prefix(5).map(\.text) == ["kubectl", "get", "ingress", "-n", "shop"])
        #expect(command.prefix(5).allSatisfy { !$0.quoted && !$0.code })
        let pair = RequestTokenizer.tokens(of: "set `LOG_LEVEL=debug` on 'api'." + tail)
        #expect(pair.map(\.text).prefix(4) == ["set", "LOG_LEVEL=debug", "on", "api"])
        #expect(pair[1].quoted == false)
        #expect(pair[3].quoted && pair[3].endsSentence)
        #expect(!pair.contains { $0.text == "." })
        // A command that is not kubectl, helm or docker stays one code word: its words are a command's arguments.
        let code = RequestTokenizer.tokens(of: "run `ls /app` in backend" + tail)
        #expect(code[1].code && code[1].text == "ls /app")
        // A "." on its own is a folder.
        #expect(RequestTokenizer.tokens(of: "docker build ." + tail).map(\.text).prefix(3) == ["docker", "build", "."])
    }

    @Test("a number and its unit are one value; a variable set 'to' a value is the pair; a count stays a count")
    func joinedValues() {
        func joined(_ request: String) -> [String] {
            RequestTokenizer.joiningValues(RequestTokenizer.tokens(of: request)).map(\.text)
        }
        #expect(joined("let it use up to 1 gigabyte") == ["let", "it", "use", "up", "to", "1Gi"])
        #expect(joined("limit it to 512 megabytes") == ["limit", "it", "to", "512Mi"])
        #expect(joined("500 millicores of cpu") == ["500m", "of", "cpu"])
        #expect(joined("set LOG_LEVEL to debug on api") == ["set", "LOG_LEVEL=debug", "on", "api"])
        // A name in capitals without an underscore is no variable: "scale API to 3" keeps its count.
        #expect(joined("scale API to 3") == ["scale", "API", "to", "3"])
        #expect(joined("scale api to 3 replicas") == ["scale", "api", "to", "3", "replicas"])
    }

    @Test("courtesy sentences (thanks, let me know …) are never read as requests, and never stop one")
    func courtesy() throws {
        guard
            case .understood(let intents) = try catalog.parse(
                "The todo frontend is hogging the node. Give it a cpu limit of 1 core. Let me know if that breaks anything.")
        else {
            Issue.record("not understood")
            return
        }
        #expect(intents.map(\.action) == ["set_resources"])
        #expect(intents.first?.text("name") == "todo-frontend")
        // "thanks for the help earlier" once read as a rollback of "it".
        let outcome = try catalog.parse("thanks for the help earlier! one more thing, what image is the engine running?")
        guard case .understood(let asked) = outcome else {
            Issue.record("not understood: \(outcome)")
            return
        }
        #expect(asked.map(\.action) == ["images"])
    }

    @Test(
        "no changing plan from a guess: advice asked as a question, a count after up or down, a negation",
        arguments: [
            "should we restart the backend?", "do we need to scale the api to 3?", "scale web-service down 1",
            "scale down web-service 2", "don't restart the backend", "please never delete the backend pod",
            // "turn … off" once read as a restart.
            "turn the backend off",
            // A statement of how things are is no order.
            "the backend has 3 replicas", "the frontend image is nginx:1.25", "I think the backend has 3 replicas",
            // A negation is never a name: "restart the pods that are not running" once restarted "not".
            "restart the pods that are not running",
            // How to do it, or do it later: no change now.
            "explain how to roll back the frontend", "how would I scale the backend to 3",
            "how do I know whether it's safe to roll back the backend", "how do i undo a kubectl delete in general?",
            "if the backend crashes again, restart it",
            // Whether to do what someone proposed is advice, not an order.
            "Paul suggested we delete the old pods in shop. Should we do that?",
            // What was done is reported, not asked.
            "I already restarted the backend", "we scaled the backend to 3 yesterday",
        ])
    func noGuessedChange(request: String) throws {
        guard case .notUnderstood = try catalog.parse(request) else {
            Issue.record("a changing reading of \(request.debugDescription)")
            return
        }
    }

    @Test("advice about looking is still answered; a count after 'to' with a direction is read")
    func adviceToLook() throws {
        guard case .understood(let logs) = try catalog.parse("should I look at the backend logs?"),
            case .understood(let scale) = try catalog.parse("scale the backend down to 1")
        else {
            Issue.record("not understood")
            return
        }
        #expect(logs.map(\.action) == ["logs"])
        #expect(scale.first?.number("replicas") == 1)
    }

    @Test("chat: greetings and thanks are courtesy, a clause of context names the subject, a sentence names the namespace")
    func chatContext() throws {
        let cases: [(String, String, String?)] = [
            ("Good morning. The engine in srvthreds has been restarting all night. Can you figure out why?", "troubleshoot", "engine"),
            ("Hi! Thanks, can you restart the backend?", "restart", "backend"),
            ("Context: namespace `todo`\nTask: restart the backend", "restart", "backend"),
            ("the shop api isn't answering anymore, what went wrong with it?", "troubleshoot", "shop-api"),
            // What the person needs to do, with its "I" dropped, is context; so is a thing that "is" ("fix is in").
            ("drain worker-2 --ignore-daemonsets, need to reboot it", "drain", "worker-2"),
            ("fix is in, resume the api rollout in shop", "resume_rollout", "api"),
            // Values after a colon belong to the clause before it.
            ("set img on deploy/api -n shop: api=shop/api:3.2.1, leave envoy alone", "set_image", "api"),
            // "can someone …", "can we …" ask, as "can you …" does.
            ("Product wants more headroom on the shop frontend, can someone scale web-app in shop to 6? thx", "scale", "web-app"),
            // A ticket's id (capitals) is no object: "it" is the web-app.
            ("QA flagged a bug on the web-app (ticket QA-42). Please restart it.", "restart", "web-app"),
            // "Can you set that up?" asks for what another sentence describes, once who proposed it is taken off.
            ("Maria suggested an HPA for web-app: min 2, max 6, 70% cpu. Can you set that up?", "autoscale", "web-app"),
            // The same ask said again of "it" is the one ask, of what the other sentence named.
            ("I would like to see all the details of the api service in shop. How do I describe it?", "describe", "api"),
            // An apology before ", but" says nothing of what is asked.
            ("Sorry to bother you, but could you restart the api in shop?", "restart", "api"),
            // An article among a command's words is English: read by meaning, never passed through as typed.
            ("helm upgrade the frontend chart --values values-dev.yaml -n todo", "deploy", nil),
            // How to do it now asks for it: the plan is the answer, shown and asked about like any other.
            ("How do I put a label team=payments on the checkout-blue deployment?", "label", "checkout-blue"),
            ("Is it possible to make the session agent reachable inside the cluster on port 3000?", "expose", "session-agent"),
            // A clause that is only a name and its kind names "it"; "bad" is no part of a name.
            ("web-app bad deploy, roll it back to rev 2", "rollback", "web-app"),
            // "that" after a kind's word names nothing: "the services that exist".
            ("show me all the services that exist in the shop namespace", "get", nil),
            // A clause after the request that says how something is.
            ("compose logs for redis please, the cache init looks stuck", "compose_logs", nil),
            // "that revision", "that variable": the one such value another sentence says.
            ("Mia says revision 2 was fine. Roll the api in shop back to that revision.", "rollback", "api"),
            ("The engine still has OLD_FLAG set. Please remove that variable from srvthreds-engine.", "set_env", "srvthreds-engine"),
            // No sentence says what it is about: each thing named with an article or a preposition may be "it", and
            // the planner takes the one that names an object (the first is the name; the others are candidates).
            ("We keep getting paged about noise. It comes from the todo backend. Could you set LOG_LEVEL=warning on it?", "set_env", "noise"),
            // One sentence asks; the other says what the person needs it for.
            ("Where is the worker's service listening? I need the port for my local config.", "get", "worker"),
        ]
        for (request, action, name) in cases {
            guard case .understood(let intents) = try catalog.parse(request) else {
                Issue.record("not understood: \(request.debugDescription)")
                continue
            }
            #expect(intents.map(\.action) == [action], "\(request)")
            #expect(intents.first?.text("name") == name, "\(request)")
        }
    }

    @Test("things named in another sentence are the candidates for 'it', in the order said")
    func pronounCandidates() throws {
        let request = "We keep getting paged about noise. It comes from the todo backend. Could you set LOG_LEVEL=warning on it?"
        guard case .understood(let intents) = try catalog.parse(request) else {
            Issue.record("not understood")
            return
        }
        #expect(intents.first?.nameCandidates == ["noise", "todo-backend"])
        // People who keep getting something are no object: what it comes from is.
        guard case .understood(let found) = try catalog.parse(
            "We keep getting paged by noise from the todo backend. Could you set LOG_LEVEL=warning on it?")
        else {
            Issue.record("not understood")
            return
        }
        #expect(found.first?.nameCandidates == ["noise", "todo-backend"])
    }

    @Test("a sentence that asks is read with the next when that one says the values it needs")
    func valuesInNextSentence() throws {
        let request = "The api in shop is overloaded. Can you put an autoscaler on it? Min 3, max 12, at 65% CPU."
        guard case .understood(let intents) = try catalog.parse(request) else {
            Issue.record("not understood")
            return
        }
        #expect(intents.map(\.action) == ["autoscale"])
        #expect(intents.first?.text("name") == "api")
        #expect(intents.first?["min"]?.number == 3 && intents.first?["max"]?.number == 12)
        #expect(intents.first?["cpu"]?.number == 65)
    }

    @Test("a value said as 'it' or 'its' is what another sentence names, when exactly one such reading has no pronoun")
    func pronounValues() throws {
        let cases: [(String, String, String, String)] = [
            ("I tested the checkout flow. The green version looks solid. Please flip the checkout service over to it.",
                "switch_traffic", "value", "green"),
            ("We're ready to take the billing api to production. Please deploy its helm chart with the prod values file.",
                "deploy", "target", "billing-api"),
        ]
        for (request, action, slot, value) in cases {
            guard case .understood(let intents) = try catalog.parse(request) else {
                Issue.record("not understood: \(request)")
                continue
            }
            #expect(intents.map(\.action) == [action], "\(request)")
            #expect(intents.first?.text(slot) == value, "\(request)")
        }
    }

    @Test("a command line with an article among its words is English, never passed through as typed")
    func articleInCommand() throws {
        let outcome = try catalog.parse("drain the node --ignore-daemonsets")
        if case .understood(let intents) = outcome { #expect(!intents.contains { $0.action == "passthrough" }) }
    }

    @Test("a frame with no kind of its own does not read a kind only another action makes")
    func otherActionsKind() throws {
        guard case .understood(let intents) = try catalog.parse("put an autoscaler on the todo frontend") else { return }
        #expect(!intents.contains { $0.action == "deploy" })
    }

    @Test("what a later sentence takes back is not asked")
    func takenBack() throws {
        for request in [
            "Please delete the srvthreds namespace... actually no, wait, don't do that. Just show me what's in it.",
            "restart the backend. never mind.", "scale the api to 0. scratch that.",
        ] {
            guard case .notUnderstood = try catalog.parse(request) else {
                Issue.record("a retracted change was planned: \(request.debugDescription)")
                continue
            }
        }
    }

    @Test("an empty request is refused", arguments: ["", "   ", "\t"])
    func emptyRequest(_ request: String) {
        #expect(throws: IntentError.emptyRequest) { try catalog.parse(request) }
    }

    @Test("a 100 KB request is refused before any rule reads it")
    func hugeRequest() {
        let request = "scale backend to 3 " + String(repeating: "a", count: 100_000)
        #expect(throws: IntentError.requestTooLong(characters: request.count, limit: RequestValidator.maximumLength)) {
            try catalog.parse(request)
        }
    }

    @Test(
        "shell syntax is refused, never passed on",
        arguments: [
            ("scale backend to 3; rm -rf /", ";"), ("scale backend to $(whoami)", "$("),
            ("scale backend to 3 && reboot", "&&"),
            ("scale `id to 3", "`"), ("scale backend to 3 > /etc/passwd", ">"), ("scale backend | sh", "|"),
        ])
    func shellSyntax(_ request: String, _ syntax: String) {
        #expect(throws: IntentError.shellSyntax(syntax)) { try catalog.parse(request) }
    }

    @Test("control characters are refused; a line break is text, and a line that is not understood is never skipped")
    func controlCharacters() throws {
        #expect(throws: IntentError.controlCharacters) { try catalog.parse("scale backend\u{1B}[2J to 3") }
        #expect(throws: IntentError.controlCharacters) { try catalog.parse("scale backend to 3\rrm -rf /") }
        let withCommand = try catalog.parse("scale backend to 3\nrm -rf /")
        guard case .notUnderstood = withCommand else {
            Issue.record("a line kagent cannot read was skipped: \(withCommand)")
            return
        }
        let withThanks = try catalog.parse("scale backend to 3\nthanks!")
        guard case .understood(let intents) = withThanks else {
            Issue.record("a line of thanks stopped the request: \(withThanks)")
            return
        }
        #expect(intents.map(\.action) == ["scale"])
    }

    @Test("a secret's values are a secret however the request is read: by a pattern or by a frame")
    func secretValuesStaySecret() throws {
        for request in [
            "create secret db-creds with password=hunter2", "please store password=hunter2 as a secret called db-creds",
            "The backend needs a login. Store password=hunter2 in a secret db-creds.",
        ] {
            guard case .understood(let intents) = try catalog.parse(request), let intent = intents.first else {
                Issue.record("not understood: \(request)")
                continue
            }
            #expect(intent["data"] == .secret(["password=hunter2"]), "\(request): \(String(describing: intent["data"]))")
            #expect(!"\(intent)".contains("hunter2"))
        }
    }

    @Test("a sentence of context is passed over; a sentence that starts like an order kagent cannot read never is")
    func contextAndOrders() throws {
        for request in [
            "restart the backend.\nwipe the database", "scale backend to 3\ndrop the todo namespace",
            "hey! restart the backend please\nsudo reboot",
        ] {
            guard case .notUnderstood = try catalog.parse(request) else {
                Issue.record("a sentence that gives an order was skipped: \(request.debugDescription)")
                continue
            }
        }
        for request in [
            "we pushed a new config this morning.\nplease restart the backend\njust want it picked up, cheers",
            "black friday is coming.\nscale backend to 3",
        ] {
            guard case .understood(let intents) = try catalog.parse(request) else {
                Issue.record("context stopped the request: \(request.debugDescription)")
                continue
            }
            #expect(intents.count == 1 && ["restart", "scale"].contains(intents[0].action))
        }
    }

    @Test(
        "names that are not valid Kubernetes names are refused with the reason",
        arguments: [
            "scale Back_End to 3", "scale -backend to 3", "scale backend-- to 3", "scale backend to 3 -n Bad_NS",
        ])
    func invalidNames(_ request: String) throws {
        do {
            let outcome = try catalog.parse(request)
            Issue.record("\"\(request)\" was accepted: \(outcome)")
        } catch {
            guard case .invalidName = error else {
                Issue.record("\"\(request)\": expected invalidName, got \(error)")
                return
            }
            #expect(error.isBadRequest)
        }
    }

    @Test("quoted shell syntax is text, not a command")
    func quotedSyntaxIsText() throws {
        // It is still not a valid name, so it is refused as a name, not run.
        #expect(throws: IntentError.self) { try catalog.parse(#"scale "a;b" to 3"#) }
        #expect(throws: Never.self) { try RequestValidator.validate(#"scale "a;b" to 3"#) }
    }

    @Test("what no rule understands is said, with suggestions, and no intent")
    func notUnderstood() throws {
        let outcome = try catalog.parse("make the coffee stronger")
        guard case .notUnderstood(let reason, let suggestions) = outcome else {
            Issue.record("expected notUnderstood, got \(outcome)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(!suggestions.isEmpty)
    }

    @Test("a near miss suggests the closest phrasing")
    func nearMissSuggestions() throws {
        let outcome = try catalog.parse("scale backend three times bigger")
        guard case .notUnderstood(_, let suggestions) = outcome else {
            Issue.record("expected notUnderstood, got \(outcome)")
            return
        }
        #expect(suggestions.contains { $0.hasPrefix("scale") }, "\(suggestions)")
    }

    @Test("two requests joined by 'and' become two intents in order")
    func compoundRequest() throws {
        let outcome = try catalog.parse("scale backend to 3 and scale frontend to 2")
        #expect(
            outcome
                == .understood([
                    UserIntent(
                        action: "scale", slots: ["name": "backend", "replicas": 3], source: .rule(id: "scale_to_count")),
                    UserIntent(
                        action: "scale", slots: ["name": "frontend", "replicas": 2], source: .rule(id: "scale_to_count")
                    ),
                ]))
    }

    @Test("-n and the request naming two namespaces is refused")
    func twoNamespaces() {
        #expect(throws: IntentError.self) { try catalog.parse("scale backend in shop to 3 -n todo") }
    }
}

@Suite("Patterns")
struct RulePatternTests {
    @Test(
        "a broken pattern is refused with the reason",
        arguments: ["scale [{name}", "scale {name:colour}", "(a|)", "scale {}"])
    func brokenPatterns(_ text: String) {
        #expect(throws: IntentError.self) { try RulePattern(text) }
    }

    @Test("slot names are collected from every branch")
    func slotNames() throws {
        let pattern = try RulePattern(
            "scale [{kind:workload}] {name} [in {namespace}] (to {replicas:count}|by {percent:percent})")
        #expect(pattern.slotNames == ["kind", "name", "namespace", "replicas", "percent"])
    }
}

@Suite("Names and distances")
struct NameRuleTests {
    @Test func labels() {
        #expect(KubernetesName.labelProblem("srvthreds") == nil)
        #expect(KubernetesName.labelProblem("a.b") != nil)
        #expect(KubernetesName.labelProblem(String(repeating: "a", count: 64)) != nil)
        #expect(KubernetesName.subdomainProblem("app.v1") == nil)
        #expect(KubernetesName.subdomainProblem("App") != nil)
        #expect(KubernetesName.subdomainProblem("-x") != nil)
        #expect(KubernetesName.subdomainProblem("x-") != nil)
    }

    @Test func editDistance() {
        #expect(EditDistance.isWithinOne("sacle", "scale"))
        #expect(EditDistance.isWithinOne("scal", "scale"))
        #expect(EditDistance.isWithinOne("scalle", "scale"))
        #expect(!EditDistance.isWithinOne("sclae", "scalp"))
        #expect(EditDistance.distance("bakend", "backend") == 1)
        #expect(EditDistance.distance("", "abc") == 3)
    }
}

@Suite("Every namespace, said in words")
struct EveryNamespaceReadingTests {
    let catalog = Catalog.shared

    // MARK: - Every namespace and quantifiers

    func intent(_ request: String) throws -> UserIntent? {
        guard case .understood(let intents) = try catalog.parse(request), intents.count == 1 else { return nil }
        return intents.first
    }

    @Test(
        "whole-cluster phrases are read like a namespace clause, in any rule",
        arguments: [
            ("get pods -A", "all_namespaces"), ("list deployments in all namespaces", "all_namespaces"),
            ("show pods across the whole cluster", "all_namespaces"), ("get pods cluster-wide", "all_namespaces"),
            ("get pods in every namespace", "all_namespaces"), ("show services everywhere", "all_namespaces"),
            ("get pods --all-namespaces", "all_namespaces"), ("which images are running in the cluster", "in_cluster"),
        ])
    func everyNamespacePhrase(_ request: String, _ slot: String) throws {
        let intent = try #require(try intent(request), "\(request) not understood")
        #expect(intent[slot] == "true", "\(request): \(intent.slots)")
        #expect(intent["namespace"] == nil, "\(request): \(intent.slots)")
    }

    @Test("-A is kubectl's only in its own case and not as the value of -n; after -- it is the container's")
    func everyNamespaceOption() throws {
        #expect(try intent("docker ps -a")?["all_namespaces"] == nil)
        #expect(throws: IntentError.self) { try catalog.parse("get pods -n -A") }
        let exec = try #require(try intent("exec into backend -- ls -A"))
        #expect(exec["all_namespaces"] == nil)
    }

    @Test("a possessive is the name it belongs to, and the kind it names")
    func possessive() throws {
        #expect(try intent("what's the backend's image?")?["name"] == "backend")
        #expect(try intent("show me the frontend service's port")?["kind"] == "service")
    }
}
