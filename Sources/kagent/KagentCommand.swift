import ArgumentParser
import Executors
import Foundation
import Intent
import KagentMCP
import Session
import Planner

/// `kagent [options] [REQUEST]`: one request, or the interactive shell when there is none.
struct KagentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kagent",
        abstract: "Plain-English Kubernetes operations: planned exactly, shown, confirmed, verified.",
        discussion: """
            With a request, kagent plans it, shows every command, asks before anything changes, runs it and \
            checks the result. Without one, it opens an interactive shell. `kagent help` lists what it understands; \
            `kagent history` shows what ran; `kagent undo` puts the last change back; `kagent mcp` serves kagent's \
            tools to an MCP client on stdio (read-only unless --allow-changes).

            Exit status: 0 done (or planned, with --dry-run); 1 failed; 2 request refused as input; \
            3 not understood; 4 not confirmed (nothing ran).
            """,
        version: KagentCommand.version)

    static let version = "0.1.0"

    @Argument(help: "What to do, in plain English (quote it: kagent \"scale backend to 3\").")
    var request: [String] = []

    @Flag(name: .long, help: "Plan and validate only; run nothing.")
    var dryRun = false

    @Flag(name: [.customShort("y"), .long], help: "Run changing steps without asking.")
    var yes = false

    @Option(name: [.short, .long], help: "The namespace (overrides the kubeconfig context's namespace).")
    var namespace: String?

    @Option(name: .long, help: "The kubeconfig context to use.")
    var context: String?

    @Option(name: .long, help: "The kubeconfig file to use (default: KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(name: [.customShort("o"), .long], help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Flag(name: .long, help: "Plan without contacting the cluster: names are taken literally, nothing is validated.")
    var offline = false

    @Flag(name: .long, help: "Refuse every changing step (also KAGENT_READ_ONLY=1); looking and troubleshooting work.")
    var readOnly = false

    @Flag(name: .long, help: "Change protected namespaces (kube-system, …) without typing their name.")
    var force = false

    @Option(
        name: .customLong("project-dir"),
        help:
            "The project folder with the charts, Kustomize folders and compose files (default: the working directory).")
    var projectDirectory: String?

    @Option(name: .long, help: "The language model API's base URL (default: KAGENT_LLM_URL, the config file).")
    var llmUrl: String?

    @Option(name: .long, help: "The language model to ask when no rule understands (default: KAGENT_LLM_MODEL).")
    var llmModel: String?

    @Flag(name: .long, help: "Ask the configured language model even when a rule understands the request.")
    var llm = false

    @Flag(name: .long, help: "Never ask a language model.")
    var noLlm = false

    @Flag(name: .long, help: "With `kagent mcp`: let run_plan run plans that change the cluster (default: read-only).")
    var allowChanges = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if let namespace, let problem = KubernetesName.labelProblem(namespace) {
            throw ValidationError("--namespace '\(namespace)': \(problem)")
        }
        if let context, context.isEmpty || context.hasPrefix("-") {
            throw ValidationError("--context needs a context name")
        }
        if let kubeconfig, kubeconfig.isEmpty || kubeconfig.hasPrefix("-") {
            throw ValidationError("--kubeconfig needs a file path")
        }
        if let kubeconfig, !FileManager.default.fileExists(atPath: kubeconfig) {
            throw ValidationError("--kubeconfig '\(kubeconfig)': no such file")
        }
        if let projectDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: projectDirectory, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { throw ValidationError("--project-dir '\(projectDirectory)': no such folder") }
        }
        if llm && noLlm { throw ValidationError("--llm and --no-llm contradict each other; give one") }
        if let llmUrl, !(llmUrl.hasPrefix("https://") || llmUrl.hasPrefix("http://")) {
            throw ValidationError("--llm-url '\(llmUrl)': give the API's http:// or https:// base URL")
        }
    }

    func run() async throws {
        let terminal = Terminal.current()
        let catalog: RuleCatalog
        let rulesDirectory = RuleCatalog.locateRulesDirectory(
            executablePath: CommandLine.arguments.first.flatMap(Self.executablePath))
        do {
            catalog = try RuleCatalog.load(
                from: rulesDirectory,
                cacheDirectory: URL(fileURLWithPath: UserDirectories.current().cache + "/rules"),
                actions: Planner.ruleActions)
        } catch {
            terminal.writeError("kagent: \(error.localizedDescription)\n")
            throw ExitStatus.failure.code
        }
        // The catalogue is kept until the process ends: letting go of its many small objects one by one just before
        // exiting would be work for nothing (about half a millisecond of a one-shot request).
        _ = Unmanaged.passRetained(CatalogKeeper(catalog))
        let text = request.joined(separator: " ")
        var settings = SessionSettings(
            namespace: namespace, kubeContext: context, kubeconfig: kubeconfig, dryRun: dryRun, assumeYes: yes,
            frontEnd: output == .json ? .json : .terminal, offline: offline, projectDirectory: projectDirectory)
        let environment = ProcessInfo.processInfo.environment
        let configuration: ConfigurationFile
        do {
            configuration = try ConfigurationFile.load(from: ModelSetup.configFile)
        } catch {
            terminal.writeError("kagent: \(error.localizedDescription)\n")
            throw ExitStatus.failure.code
        }
        // Any of the three turns read-only mode on; none of them turns off what another turned on.
        settings.readOnly =
            readOnly || ["1", "true", "yes"].contains(environment["KAGENT_READ_ONLY"]?.lowercased() ?? "")
            || configuration.readOnly == true
        settings.force = force
        if let list = environment["KAGENT_PROTECTED_NAMESPACES"] {
            settings.protectedNamespaces = Set(
                list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        } else if let list = configuration.protectedNamespaces {
            settings.protectedNamespaces = Set(list.filter { !$0.isEmpty })
        }
        if !noLlm {
            settings.model = ModelSetup.model(
                urlFlag: llmUrl, modelFlag: llmModel, rulesDirectory: rulesDirectory)
            settings.modelFirst = llm
            if llm && settings.model == nil {
                terminal.writeError("kagent: --llm needs a model: \(ModelSetup.howToConfigure)\n")
                throw ExitStatus.invalidRequest.code
            }
        }

        if let scope = HelpText.Scope.parse(text.trimmingCharacters(in: .whitespaces), catalog: catalog) {
            terminal.write(HelpText.render(catalog: catalog, terminal: terminal, scope: scope))
            return
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "init":
            try ModelSetup.initialize(terminal: terminal)
            return
        case "history":
            terminal.write(HistoryText.render(file: UserDirectories.current().auditFile, terminal: terminal))
            return
        case "version":
            terminal.write(Self.versionLine + "\n")
            return
        case "mcp":
            // Standard output is the protocol's: nothing else is written to it.
            settings.frontEnd = .mcp
            let tools = KagentTools(
                pipeline: RequestPipeline(catalog: catalog, settings: settings), allowChanges: allowChanges)
            terminal.writeError(
                "kagent \(Self.version): MCP server on stdio, "
                    + (await tools.changesAllowed ? "changes allowed (--allow-changes)" : "read-only") + "\n")
            do {
                try await KagentMCPServer.serve(tools, version: Self.version)
            } catch {
                terminal.writeError("kagent mcp: \(error.localizedDescription)\n")
                throw ExitStatus.failure.code
            }
            return
        default:
            if allowChanges {
                terminal.writeError("kagent: --allow-changes is for `kagent mcp`; a request asks before it changes anything\n")
                throw ExitStatus.invalidRequest.code
            }
        }

        if request.isEmpty {
            guard terminal.inputIsTerminal || output == .text else {
                terminal.writeError("kagent: --output json needs a request\n")
                throw ExitStatus.invalidRequest.code
            }
            SignalHandling.install(leaveOnSecondInterrupt: false)
            var shell = InteractiveShell(
                session: RequestSession(catalog: catalog, settings: settings, terminal: terminal, json: output == .json))
            await shell.run()
            return
        }

        SignalHandling.install(leaveOnSecondInterrupt: true)
        var session = RequestSession(catalog: catalog, settings: settings, terminal: terminal, json: output == .json)
        let status = await session.handle(text)
        if status != .success { throw status.code }
    }

    static var versionLine: String {
        "kagent \(version) (\(CurlLibrary.version.split(separator: " ").first ?? "libcurl"), readline \(InteractiveShell.readlineVersion))"
    }

    /// The running executable's path, for finding rules beside an installed binary.
    static func executablePath(_ argv0: String) -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return argv0.contains("/") ? argv0 : nil
    }
}

/// Holds a catalogue that is never released (``KagentCommand/run()``).
private final class CatalogKeeper: Sendable {
    let catalog: RuleCatalog
    init(_ catalog: RuleCatalog) { self.catalog = catalog }
}
