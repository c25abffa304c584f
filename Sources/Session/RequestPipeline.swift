import Executors
import Foundation
import Intent
import Planner

/// One request's way through kagent, as named stages that pass values:
/// understand → resolve → plan → gate → validate → confirm → run → verify (and re-check).
///
/// Every front end (the one-shot command, the shell, `--output json`, the MCP server) hands its requests to
/// ``handle(_:confirmer:observer:)`` or to its two halves, ``prepare(_:observer:)`` and
/// ``execute(_:confirmer:observer:)``, and renders the ``RequestOutcome`` it gets back. The front end decides how
/// questions are asked (``Confirmer``) and what is shown on the way (``SessionObserver``); the gates are the same.
public struct RequestPipeline: Sendable {
    public let catalog: RuleCatalog
    public var settings: SessionSettings
    public let directories: UserDirectories
    /// What "it" and "same for X" refer to; kept between requests of a shell or an MCP session.
    public var memory = ConversationMemory()
    /// Written into each audit-log line when set: where the request came from ("mcp").
    public var origin: String?

    public init(catalog: RuleCatalog, settings: SessionSettings, directories: UserDirectories = .current()) {
        self.catalog = catalog
        self.settings = settings
        self.directories = directories
    }

    /// Where commands are looked for: PATH, then kagent's own tool folder (scripts/setup puts helm there).
    public var runner: ProcessRunner {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        return ProcessRunner(searchPath: path + [directories.toolFolder])
    }

    /// What `kagent undo` plans from, and where the plan runner records what ran.
    public var undoJournal: UndoJournal { UndoJournal(file: URL(fileURLWithPath: directories.undoFile)) }

    public var kubeconfigFile: KubeconfigFile {
        KubeconfigFile.read(kubeconfig: settings.kubeconfig, context: settings.kubeContext)
    }

    /// What the planner may read: the namespace, the kubeconfig, the project folder, the cluster (not offline),
    /// the local Docker engine and kagent's own change history.
    public func planningContext() -> PlanningContext {
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

    /// Runs plans and records each step in the audit log and the undo journal.
    public func planRunner() -> PlanRunner {
        PlanRunner(
            runner: runner,
            journal: AuditLog(
                file: URL(fileURLWithPath: directories.auditFile), context: kubeconfigFile.context, origin: origin),
            undoJournal: undoJournal)
    }

    // MARK: - The whole way

    /// Understands, plans, gates, validates, asks, runs and verifies one request.
    public mutating func handle(_ request: String, confirmer: any Confirmer, observer: any SessionObserver) async
        -> RequestOutcome
    {
        Interruption.reset()
        var outcome = await prepare(request, observer: observer)
        guard outcome.status == .planned, let plan = outcome.plan else { return outcome }
        if settings.dryRun {
            if !plan.isReadOnly { observer.dryRunEnded(plan) }
            outcome.ending = .quiet
            return outcome
        }
        return await execute(outcome, confirmer: confirmer, observer: observer)
    }

    /// The first half: understand → resolve → plan → the read-only gate → validate. Runs nothing; a plan that
    /// got through ends with status ``RequestOutcome/Status/planned``.
    public mutating func prepare(_ request: String, observer: any SessionObserver) async -> RequestOutcome {
        // Until the request is understood, secret-looking values are hidden from any echo of it. A request far over
        // the length kagent reads is refused as input: only its start is kept to be echoed (hiding a megabyte costs
        // seconds, and nothing of it is planned).
        let echoed = request.count > 4 * RequestValidator.maximumLength
            ? String(request.prefix(RequestValidator.maximumLength)) + "…" : request
        var outcome = RequestOutcome(request: SecretPolicy.hide(in: echoed))
        outcome.offline = settings.offline
        guard let intents = await understand(request, into: &outcome) else { return outcome }
        return await prepare(understood: intents, outcome: outcome, observer: observer)
    }

    /// The first half for intents a front end built itself (an MCP tool's typed arguments): resolve → plan →
    /// the read-only gate → validate, exactly as for a request that was understood. `shownAs` is the request as
    /// the plan, the audit log and `kagent history` show it.
    public mutating func prepare(intents: [UserIntent], shownAs request: String, observer: any SessionObserver)
        async -> RequestOutcome
    {
        var outcome = RequestOutcome(request: SecretPolicy.hide(request: request, intents: intents))
        outcome.offline = settings.offline
        outcome.understood = true
        return await prepare(understood: intents, outcome: outcome, observer: observer)
    }

    private mutating func prepare(
        understood intents: [UserIntent], outcome: RequestOutcome, observer: any SessionObserver
    ) async -> RequestOutcome {
        var outcome = outcome
        guard let resolved = resolve(intents, into: &outcome) else { return outcome }
        guard let plan = await makePlan(resolved, into: &outcome) else { return outcome }
        observer.planned(plan, message: plan.steps.isEmpty ? outcome.message : nil)

        outcome.stage = .gate
        if let refusal = Gates.readOnly(plan, settings: settings) {
            return Self.refuse(outcome, refusal)
        }
        outcome.stage = .validate
        if !plan.isReadOnly && !settings.offline {
            var validation = await planRunner().validate(plan)
            // "Job.batch … field is immutable": the exact way through is to delete that Job and apply again; the
            // plan that does is shown, validated and confirmed like any other.
            if let rejection = validation.rejection,
                let revised = plan.recreatingJobs(
                    refused: rejection.step, message: rejection.error.localizedDescription)
            {
                outcome.plan = revised
                observer.planned(revised, message: nil)
                validation = await planRunner().validate(revised)
            }
            outcome.validation = validation
            if let rejection = validation.rejection {
                return Self.fail(outcome, SessionError.rejectedByServer(rejection.error.localizedDescription))
            }
            if validation.checked > 0 { observer.validated(checkedSteps: validation.checked) }
        }
        outcome.status = .planned
        outcome.ending = .quiet
        return outcome
    }

    /// The second half, for a prepared outcome: the gates after validation → confirm → run → verify → re-check.
    public func execute(_ prepared: RequestOutcome, confirmer: any Confirmer, observer: any SessionObserver) async
        -> RequestOutcome
    {
        var outcome = prepared
        guard let plan = prepared.plan else { return outcome }
        outcome.stage = .gate
        if let refusal = Gates.readOnly(plan, settings: settings) { return Self.refuse(outcome, refusal) }
        let questions: [ConfirmationQuestion]
        do {
            questions = try Gates.questions(for: plan, settings: settings)
        } catch {
            return Self.refuse(outcome, error)
        }

        outcome.stage = .confirm
        // Protected namespaces first: nothing else is asked until their names are typed.
        for question in questions {
            guard case .protectedNamespace = question else { continue }
            let answer = await confirmer.answer(question)
            if answer == .nobodyToAsk {
                let names = Gates.protectedNamespaces(in: plan, among: settings.protectedNamespaces).sorted()
                return Self.refuse(outcome, .protectedNamespaceUnconfirmed(names))
            }
            if answer != .yes {
                return Self.refuse(outcome, Gates.refusal(for: question, answer: answer), ending: .declined(noTerminal: false))
            }
        }
        // In the shell, troubleshooting's fixes come one at a time.
        if confirmer.guidesFixes && !settings.assumeYes && plan.findings.contains(where: { !$0.fix.isEmpty }) {
            return await guideFixes(outcome, confirmer: confirmer, observer: observer)
        }
        outcome.stage = .gate
        if let refusal = Gates.attached(plan, settings: settings) {
            return Self.refuse(outcome, refusal, ending: .quiet)
        }
        outcome.stage = .confirm
        for question in questions {
            if case .protectedNamespace = question { continue }
            let answer = await confirmer.answer(question)
            guard answer == .yes else {
                return Self.refuse(
                    outcome, Gates.refusal(for: question, answer: answer),
                    ending: .declined(noTerminal: answer == .nobodyToAsk))
            }
        }

        outcome.stage = .run
        let total = plan.steps.count
        let execution = await planRunner().run(plan) { observer.progress($0, total: total) }
        outcome.execution = execution
        guard execution.succeeded else {
            outcome.status = .failed
            outcome.ending = .stepFailed
            return outcome
        }
        outcome.stage = .verify
        outcome.status = .done
        outcome.ending = .verified
        outcome.message = plan.outcome
        if !plan.findings.isEmpty && !plan.isReadOnly {
            // Troubleshooting fixes: look again, and say what is left.
            outcome.message = plan.outcome + "\n" + (await recheck(plan))
        }
        return outcome
    }

    // MARK: - Stages

    /// Understand: the rules, then the model when one is configured and no rule understood.
    func understand(_ request: String, into outcome: inout RequestOutcome) async -> [UserIntent]? {
        outcome.stage = .understand
        var parsed: ParseOutcome
        do {
            parsed = try catalog.parse(request)
            // --llm asks the model first, except for requests with secret values: the model would see them
            // `(hidden)`, and its answer would carry `(hidden)` as the value.
            if settings.model != nil, settings.modelFirst, case .understood(let understood) = parsed,
                !understood.contains(where: {
                    $0.slots.values.contains { if case .secret = $0 { true } else { false } }
                }),
                SecretPolicy.hide(in: request) == request
            {
                parsed = .notUnderstood(reason: "the model was asked first (--llm)", suggestions: [])
            }
        } catch {
            outcome.status = error.isBadRequest ? .invalidRequest : .failed
            outcome.message = error.localizedDescription
            return nil
        }
        if case .notUnderstood(let reason, let suggestions) = parsed, let model = settings.model {
            do {
                if let answer = try await understandWithModel(model, request: request) {
                    parsed = .understood(answer)
                    outcome.source = "model"
                } else {
                    parsed = .notUnderstood(
                        reason: "\(reason), and the model \(model.displayName) did not understand it either",
                        suggestions: suggestions)
                }
            } catch {
                outcome.status = error is IntentError ? .notUnderstood : .failed
                outcome.message =
                    "kagent did not understand the request (\(reason)); \(error.localizedDescription)"
                outcome.suggestions = suggestions
                return nil
            }
        }
        switch parsed {
        case .understood(let intents):
            outcome.understood = true
            outcome.request = SecretPolicy.hide(request: request, intents: intents)
            return intents
        case .notUnderstood(let reason, let suggestions):
            outcome.status = .notUnderstood
            outcome.ending = .notUnderstood(reason: reason)
            outcome.message = "kagent did not understand the request: \(reason)"
            outcome.suggestions = suggestions
            return nil
        }
    }

    /// Resolve: "it", "that" and "same for X" from the conversation so far.
    func resolve(_ intents: [UserIntent], into outcome: inout RequestOutcome) -> [UserIntent]? {
        outcome.stage = .resolve
        outcome.intents = intents
        do {
            let resolved = try memory.resolve(intents)
            outcome.intents = resolved
            return resolved
        } catch {
            outcome.status = .invalidRequest
            outcome.message = error.localizedDescription
            return nil
        }
    }

    /// Plan: names resolved against the cluster (read-only reads), the steps, their checks and reversals.
    mutating func makePlan(_ intents: [UserIntent], into outcome: inout RequestOutcome) async -> ExecutionPlan? {
        outcome.stage = .plan
        var plan: ExecutionPlan
        do {
            plan = try await Planner(context: planningContext()).plan(request: outcome.request, intents: intents)
            if let note = Self.modelNote(intents) {
                plan.notes.insert(note, at: 0)
                outcome.diagnostics.append(.init(severity: .warning, text: note))
            }
        } catch {
            outcome.status = .failed
            outcome.message = error.localizedDescription
            outcome.suggestions = Self.suggestions(for: error, intents: intents) ?? []
            return nil
        }
        outcome.plan = plan
        memory.remember(
            intents,
            subject: plan.subjects.last.map { .init(kind: $0.kind, name: $0.name, namespace: $0.namespace) })
        if let namespace = plan.sessionNamespace {
            if settings.isShell { settings.namespace = namespace }
            outcome.message =
                settings.isShell
                ? "kagent now works in namespace \(namespace) (kubectl's own default is unchanged)"
                : "a namespace chosen this way lasts for a kagent shell; use -n \(namespace) here, or say "
                    + "\"set kubectl's namespace to \(namespace)\" to change kubectl's default"
            outcome.diagnostics.append(.init(severity: .info, text: outcome.message ?? ""))
        }
        return plan
    }

    /// Whether a finding is still there when the request is planned again: the same problem on any of its objects.
    static func remains(_ finding: Finding, in again: ExecutionPlan) -> Bool {
        again.findings.contains { $0.problem == finding.problem && !$0.subjects.isDisjoint(with: finding.subjects) }
    }

    /// After troubleshooting fixes ran: the same request planned again, and which problems remain.
    func recheck(_ plan: ExecutionPlan) async -> String {
        guard let again = try? await Planner(context: planningContext()).plan(request: plan.request, intents: plan.intents)
        else {
            return "re-check: the cluster could not be read again; run the request again to see what is left"
        }
        let fixed = plan.findings.filter { !$0.fix.isEmpty }
        let remaining = again.findings.map { "\($0.problem) (\($0.resource))" }
        let gone = fixed.filter { !Self.remains($0, in: again) }
        var lines = gone.map { "re-checked: \($0.problem) on \($0.resource) is gone" }
        lines.append(
            remaining.isEmpty
                ? "re-checked: no problems remain" : "re-checked: still found " + remaining.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    // MARK: - Endings

    static func refuse(_ outcome: RequestOutcome, _ error: SessionError, ending: RequestOutcome.Ending = .error)
        -> RequestOutcome
    {
        var outcome = outcome
        outcome.status = .notConfirmed
        outcome.ending = ending
        outcome.message = error.localizedDescription
        outcome.diagnostics.append(.init(severity: .error, text: error.localizedDescription))
        return outcome
    }

    static func fail(_ outcome: RequestOutcome, _ error: SessionError) -> RequestOutcome {
        var outcome = outcome
        outcome.status = .failed
        outcome.ending = .error
        outcome.message = error.localizedDescription
        outcome.diagnostics.append(.init(severity: .error, text: error.localizedDescription))
        return outcome
    }
}
