import Executors
import Foundation
import Intent
import Planner

/// One request, start to end: understand → plan → show → validate → confirm → run → verify → report.
///
/// The one-shot command and every line of the shell go through ``handle(_:)``.
struct RequestSession: Sendable {
    let catalog: RuleCatalog
    var settings: SessionSettings
    let terminal: Terminal
    let directories = UserDirectories.current()
    /// What "it" and "same for X" refer to; kept by the shell between requests.
    var memory = ConversationMemory()
    /// Whether this session is the interactive shell (where "use namespace X" lasts).
    var isShell = false

    /// Where commands are looked for: PATH, then kagent's own tool folder (scripts/setup puts helm there).
    var runner: ProcessRunner {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        return ProcessRunner(searchPath: path + [directories.toolFolder])
    }

    /// What `kagent undo` plans from, and where the plan runner records what ran.
    var undoJournal: UndoJournal { UndoJournal(file: URL(fileURLWithPath: directories.undoFile)) }

    var kubeconfigFile: KubeconfigFile {
        KubeconfigFile.read(kubeconfig: settings.kubeconfig, context: settings.kubeContext)
    }

    func planningContext() -> PlanningContext {
        let file = kubeconfigFile
        var context = PlanningContext(
            namespace: settings.namespace, defaultNamespace: file.namespace,
            kubeContext: settings.kubeContext, kubeconfig: settings.kubeconfig, cluster: nil,
            project: settings.projectDirectory.map { DiskProjectReader(root: URL(fileURLWithPath: $0), shownAs: $0) }
                ?? DiskProjectReader(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            kubeconfigContexts: .init(names: file.contexts, current: file.currentContext))
        context.history = undoJournal
        // The local Docker engine is not the cluster: it is read even offline.
        context.containers = DockerContainerReader(runner: runner)
        if !settings.offline {
            context.cluster = KubectlCluster(runner: runner, context: context)
        }
        return context
    }

    mutating func handle(_ request: String) async -> ExitStatus {
        Interruption.reset()
        // Until the request is understood, secret-looking values are hidden from any echo of it.
        var report = JSONReport(request: SecretPolicy.hide(in: request))
        report.offline = settings.offline
        let renderer = PlanRenderer(terminal: terminal)

        // 1. Understand: the rules, then the model when one is configured and no rule understood.
        var intents: [UserIntent]
        var outcome: ParseOutcome
        do {
            outcome = try catalog.parse(request)
            // --llm asks the model first, except for requests with secret values: the model would see them
            // `(hidden)`, and its answer would carry `(hidden)` as the value.
            if settings.model != nil, settings.modelFirst, case .understood(let understood) = outcome,
                !understood.contains(where: {
                    $0.slots.values.contains { if case .secret = $0 { true } else { false } }
                }),
                SecretPolicy.hide(in: request) == request
            {
                outcome = .notUnderstood(reason: "the model was asked first (--llm)", suggestions: [])
            }
        } catch {
            report.message = error.localizedDescription
            return finish(report, status: error.isBadRequest ? .invalidRequest : .failure) {
                renderer.error(error.localizedDescription)
            }
        }
        if case .notUnderstood(let reason, let suggestions) = outcome, let model = settings.model {
            do {
                if let answer = try await understandWithModel(model, request: request) {
                    outcome = .understood(answer)
                    report.source = "model"
                } else {
                    outcome = .notUnderstood(
                        reason: "\(reason), and the model \(model.displayName) did not understand it either",
                        suggestions: suggestions)
                }
            } catch {
                let status: ExitStatus = error is IntentError ? .notUnderstood : .failure
                report.message = "kagent did not understand the request (\(reason)); \(error.localizedDescription)"
                report.suggestions = suggestions
                return finish(report, status: status) {
                    renderer.error(report.message ?? "") + renderer.suggestions(suggestions)
                }
            }
        }
        switch outcome {
        case .understood(let understood):
            intents = understood
        case .notUnderstood(let reason, let suggestions):
            report.message = "kagent did not understand the request: \(reason)"
            report.suggestions = suggestions
            return finish(report, status: .notUnderstood) {
                renderer.notUnderstood(reason: reason, suggestions: suggestions)
            }
        }
        report.understood = true
        report.request = SecretPolicy.hide(request: request, intents: intents)
        let shownRequest = report.request
        do {
            intents = try memory.resolve(intents)
        } catch {
            report.intents = intents
            report.message = error.localizedDescription
            return finish(report, status: .invalidRequest) { renderer.error(error.localizedDescription) }
        }
        report.intents = intents

        // 2. Plan (read-only reads of the cluster to resolve names).
        var plan: ExecutionPlan
        do {
            plan = try await Planner(context: planningContext()).plan(request: shownRequest, intents: intents)
            if let note = Self.modelNote(intents) { plan.notes.insert(note, at: 0) }
        } catch {
            report.message = error.localizedDescription
            report.suggestions = Self.suggestions(for: error, intents: intents)
            return finish(report, status: .failure) {
                renderer.error(error.localizedDescription) + renderer.suggestions(report.suggestions ?? [])
            }
        }
        report.plan = plan
        memory.remember(
            intents,
            subject: plan.subjects.last.map { .init(kind: $0.kind, name: $0.name, namespace: $0.namespace) })
        if let namespace = plan.sessionNamespace {
            if isShell { settings.namespace = namespace }
            report.message =
                isShell
                ? "kagent now works in namespace \(namespace) (kubectl's own default is unchanged)"
                : "a namespace chosen this way lasts for a kagent shell; use -n \(namespace) here, or say "
                    + "\"set kubectl's namespace to \(namespace)\" to change kubectl's default"
        }
        if !settings.json {
            terminal.write(renderer.plan(plan))
            if plan.steps.isEmpty, let message = report.message { terminal.write(renderer.outcome(message)) }
        }

        // Read-only mode refuses every changing step before anything is asked of the server.
        if settings.readOnly, let first = plan.mutatingSteps.first {
            report.message =
                "not run: kagent is in read-only mode (--read-only, KAGENT_READ_ONLY or read_only in config.yaml) and this plan "
                + "changes the cluster (\(first.summary)); looking and troubleshooting still work"
            return finish(report, status: .notConfirmed) { renderer.error(report.message ?? "") }
        }

        // 3. Validate changing steps with the API server before asking.
        let planRunner = PlanRunner(
            runner: runner,
            journal: AuditLog(file: URL(fileURLWithPath: directories.auditFile), context: kubeconfigFile.context),
            undoJournal: undoJournal)
        if !plan.isReadOnly && !settings.offline {
            let validation = await planRunner.validate(plan)
            if let rejection = validation.rejection {
                report.message =
                    "the API server rejected the plan, so nothing ran: \(rejection.error.localizedDescription)"
                return finish(report, status: .failure) { renderer.error(report.message ?? "") }
            }
            if !settings.json && validation.checked > 0 {
                terminal.write(renderer.validated(validation.checked))
            }
        }
        if settings.dryRun {
            if !plan.isReadOnly && !settings.json {
                terminal.write(renderer.dryRunNote(plan))
            }
            return finish(report, status: .success) { "" }
        }

        // 4. Confirm. Changes in a protected namespace need its name typed, even with --yes, unless --force.
        let protected = Self.protectedNamespaces(in: plan, among: settings.protectedNamespaces)
        if !protected.isEmpty && !settings.force {
            let names = protected.sorted()
            if settings.json || !terminal.inputIsTerminal {
                report.message =
                    "not run: the plan changes the protected namespace \(names.joined(separator: ", ")); "
                    + "type its name at a terminal, or add --force"
                return finish(report, status: .notConfirmed) { renderer.error(report.message ?? "") }
            }
            for name in names {
                let question =
                    terminal.bold("This changes the protected namespace \(name). Type '\(name)' to confirm:") + " "
                guard terminal.ask(question)?.trimmingCharacters(in: .whitespaces) == name else {
                    report.message = "not run: the protected namespace was not typed as '\(name)'"
                    return finish(report, status: .notConfirmed) { renderer.notConfirmed(plan, noTerminal: false) }
                }
            }
        }
        // In the shell, troubleshooting's fixes come one at a time.
        if isShell && terminal.inputIsTerminal && !settings.json && !settings.assumeYes
            && plan.findings.contains(where: { !$0.fix.isEmpty })
        {
            let guided = await GuidedTroubleshooting(session: self, renderer: renderer, planRunner: planRunner)
                .run(plan, intents: intents)
            report.message = guided.message
            return finish(report, status: guided.status) { "" }
        }
        if settings.json, plan.steps.contains(where: \.attached) {
            report.message =
                "not run: this plan runs a command attached to the terminal, which --output json cannot show"
            return finish(report, status: .notConfirmed) { "" }
        }
        if !plan.isReadOnly && !settings.assumeYes {
            if settings.json || !terminal.inputIsTerminal {
                report.message =
                    "not run: the plan changes the cluster and needs confirmation; run again with --yes to apply it"
                return finish(report, status: .notConfirmed) { renderer.notConfirmed(plan, noTerminal: true) }
            }
            let count = plan.mutatingSteps.count
            let answer = terminal.ask(renderer.confirmation(count))
            guard let answer, ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                report.message = "not run: not confirmed"
                return finish(report, status: .notConfirmed) { renderer.notConfirmed(plan, noTerminal: false) }
            }
            for step in plan.steps where step.mutating {
                guard case .typeName(let name) = step.confirmation else { continue }
                guard terminal.ask(renderer.typeNameQuestion(name))?.trimmingCharacters(in: .whitespaces) == name else {
                    report.message = "not run: the name was not typed as '\(name)'"
                    return finish(report, status: .notConfirmed) { renderer.notConfirmed(plan, noTerminal: false) }
                }
            }
        }

        // 5. Run and verify.
        let progress = settings.json ? nil : renderer.progressHandler(total: plan.steps.count)
        let execution = await planRunner.run(plan, onEvent: progress)
        report.execution = execution
        if execution.succeeded {
            report.message = plan.outcome
            if !plan.findings.isEmpty && !plan.isReadOnly {
                // Troubleshooting fixes: look again, and say what is left.
                let recheck = await Self.recheck(plan, intents: intents, context: planningContext())
                report.message = plan.outcome + "\n" + recheck
            }
            return finish(report, status: .success) {
                renderer.outcome(report.message ?? plan.outcome) + renderer.undoHint(plan)
            }
        }
        report.message = renderer.failureSummary(execution, colored: false)
        return finish(report, status: .failure) { renderer.failureSummary(execution, colored: true) }
    }

    /// After troubleshooting fixes ran: the same request planned again, and which problems remain.
    static func recheck(_ plan: ExecutionPlan, intents: [UserIntent], context: PlanningContext) async -> String {
        guard let again = try? await Planner(context: context).plan(request: plan.request, intents: intents) else {
            return "re-check: the cluster could not be read again; run the request again to see what is left"
        }
        let fixed = plan.findings.filter { !$0.fix.isEmpty }
        let remaining = again.findings.map { "\($0.problem) (\($0.resource))" }
        let gone = fixed.filter { finding in
            !again.findings.contains {
                $0.problem == finding.problem && !$0.subjects.isDisjoint(with: finding.subjects)
            }
        }
        var lines = gone.map { "re-checked: \($0.problem) on \($0.resource) is gone" }
        lines.append(
            remaining.isEmpty
                ? "re-checked: no problems remain" : "re-checked: still found " + remaining.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// The protected namespaces the plan's changing steps act in (`--namespace=NS`, `-n NS`, or the namespace
    /// itself as the object of a kubectl command).
    static func protectedNamespaces(in plan: ExecutionPlan, among protected: Set<String>) -> Set<String> {
        var found: Set<String> = []
        for step in plan.steps where step.mutating {
            for (index, word) in step.argv.enumerated() {
                if word.hasPrefix("--namespace=") { found.insert(String(word.dropFirst("--namespace=".count))) }
                // kubectl's attached form (-nNAME, -n=NAME), and every namespace at once.
                if word.hasPrefix("-n"), word.count > 2, !word.hasPrefix("--") {
                    found.insert(String(word.dropFirst(2).drop { $0 == "=" }))
                }
                if word == "-A" || word == "--all-namespaces" || word == "--all-namespaces=true" {
                    found.formUnion(protected)
                }
                if (word == "-n" || word == "--namespace"), index + 1 < step.argv.count {
                    found.insert(step.argv[index + 1])
                }
                if (word == "namespace" || word == "ns" || word.hasPrefix("namespace/")), step.argv.first == "kubectl" {
                    let name =
                        word.hasPrefix("namespace/")
                        ? String(word.dropFirst("namespace/".count))
                        : (index + 1 < step.argv.count ? step.argv[index + 1] : "")
                    found.insert(name)
                }
            }
        }
        return found.intersection(protected)
    }

    /// Prints the JSON report, or the text the closure makes, and passes the status through.
    private func finish(_ report: JSONReport, status: ExitStatus, text: () -> String) -> ExitStatus {
        if settings.json {
            terminal.write(report.encoded() + "\n")
        } else {
            // Error messages may echo a word of the request: its secret values are hidden once more.
            let message = SecretPolicy.hide(in: text())
            if !message.isEmpty {
                if status == .success { terminal.write(message) } else { terminal.writeError(message) }
            }
        }
        return status
    }

    /// Re-phrasings that would work, for errors where the user must choose (ambiguous names, near names).
    static func suggestions(for error: PlannerError, intents: [UserIntent]) -> [String]? {
        guard let intent = intents.first else { return nil }
        switch error {
        case .ambiguous(_, let candidates):
            return candidates.map { "\(rephrase(intent, name: $0.name)) -n \($0.namespace)" }
        case .notFound(_, _, _, let nearby) where !nearby.isEmpty:
            return nearby.map { rephrase(intent, name: $0) }
        default:
            return nil
        }
    }

    /// The request said again with another name: "scale todo-backend to 3".
    static func rephrase(_ intent: UserIntent, name: String) -> String {
        switch intent.action {
        case "scale":
            if let replicas = intent.number("replicas") { return "scale \(name) to \(replicas)" }
            let direction = intent.text("direction") ?? "up"
            if let by = intent.number("by") { return "scale \(name) \(direction) by \(by)" }
            if let percent = intent.number("percent") { return "scale \(name) \(direction) by \(percent)%" }
            return "scale \(name)"
        case "exec":
            let command = intent["command"]?.list?.joined(separator: " ") ?? intent.text("shell") ?? "sh"
            return "run \(command) in \(name)"
        case "port_forward":
            let ports = intent.text("ports") ?? "8080"
            return "port-forward \(name) \(ports)" + (intent.number("remote").map { ":\($0)" } ?? "")
        default:
            return "\(intent.action) \(name)"
        }
    }
}
