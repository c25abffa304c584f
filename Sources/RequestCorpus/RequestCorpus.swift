import Executors
import Foundation
import Intent
import Planner
import Yams

/// The labelled corpus of requests (`Tests/Corpus/*.yaml`), each with the exact commands it must plan,
/// evaluated through the real rules and planner against the fixture cluster (`Tests/Corpus/cluster.yaml`).
public struct RequestCorpus: Sendable {
    public let cases: [Case]
    public let cluster: FixtureCluster

    /// One labelled request.
    public struct Case: Sendable, Decodable {
        /// The action it is labelled with (for accuracy per action); defaults to the file's name.
        public var action: String?
        public var request: String
        /// `-n` for this request, if any.
        public var namespace: String?
        /// The plan's steps, each as the shell-quoted command kagent shows.
        public var steps: [String]?
        /// false when kagent must say it does not understand.
        public var understood: Bool?
        /// Part of the message when planning must fail (unknown name, ambiguity, refused input).
        public var error: String?
        /// How `kagent undo` would put the plan's changes back, last first: each reversal step as its shell-quoted
        /// command, or `cannot: REASON` for a change that cannot be undone. Checked when given.
        public var undo: [String]?
        /// The file it came from.
        public var file: String?
        /// Held-out cases: the voice it was written in (newcomer, typist, chat, flags, question, quoting).
        public var voice: String?
        /// Held-out cases: the plain phrasing whose plan labels it.
        public var like: String?
        /// true when no changing plan may come of it: not understood, refused, or a plan that only reads.
        public var refuse: Bool?

        public init(request: String, namespace: String? = nil) {
            self.request = request
            self.namespace = namespace
        }
    }

    struct File: Decodable { var cases: [Case] }

    /// The folder holding the corpus: `KAGENT_CORPUS_DIR`, else `Tests/Corpus` of the source tree.
    public static var defaultDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["KAGENT_CORPUS_DIR"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Corpus")
    }

    /// The held-out set (`Tests/HeldOut`): requests written by people who never read the rules, kept apart from
    /// the corpus and never tuned on.
    public static var heldOutDirectory: URL {
        defaultDirectory.deletingLastPathComponent().appendingPathComponent("HeldOut")
    }

    /// The held-out sets of the template families (`Tests/HeldOut/Templates`): objects made from typed templates,
    /// measured on their own (their accuracy is far from the older sets').
    public static var templatesHeldOutDirectory: URL {
        heldOutDirectory.appendingPathComponent("Templates")
    }

    /// The corpus in `directory`, planned against the fixture cluster `cluster` (the corpus's own by default).
    public static func load(from directory: URL = defaultDirectory, cluster: URL? = nil) throws -> RequestCorpus {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var cases: [Case] = []
        for name in names where name.hasSuffix(".yaml") && name != "cluster.yaml" {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let file = try YAMLDecoder().decode(File.self, from: text)
            let label = String(name.dropLast(".yaml".count))
            cases += file.cases.map { item in
                var item = item
                item.action = item.action ?? label
                item.file = name
                return item
            }
        }
        let fixture = cluster ?? directory.appendingPathComponent("cluster.yaml")
        return RequestCorpus(cases: cases, cluster: try FixtureCluster.load(from: fixture))
    }

    /// What the pipeline made of one case, and whether that is what the label says.
    public struct Result: Sendable {
        public var testCase: Case
        public var correct: Bool
        /// What kagent planned (commands), or why it did not.
        public var actual: String
        /// The plan, when one was made.
        public var plan: ExecutionPlan? = nil

        /// What the label asks for, on one line.
        public var expected: String {
            if testCase.refuse == true { return "no changing plan" }
            return testCase.steps?.joined(separator: " ⏎ ") ?? testCase.error.map { "error containing '\($0)'" }
                ?? "not understood"
        }

        /// A plan that changes something and is not what the label asks for: the one miss that must never be.
        public var isWrongChangingPlan: Bool {
            !correct && (plan?.steps.contains(where: \.mutating) ?? false)
        }

        /// A miss on one line: file, request, expected and actual.
        public var missDescription: String {
            "[\(testCase.file ?? "?")] \"\(testCase.request)\": expected \(expected); "
                + "got \(actual.replacingOccurrences(of: "\n", with: " ⏎ "))"
        }
    }

    /// The corpus's form of a plan's reversals (see ``Case/undo``).
    public static func undoLines(of plan: ExecutionPlan) -> [String] {
        plan.reversals.flatMap { reversal in
            reversal.isPossible
                ? reversal.steps.map { ShellQuoting.command($0.argv) } : ["cannot: \(reversal.summary)"]
        }
    }

    /// The context every case is planned in: kubectl's default namespace is `default`, the fixture cluster,
    /// the repository's `examples/` folder as the working directory (its compose files), and a kubeconfig
    /// with the contexts ``kubeconfigContexts``.
    public func context(for testCase: Case) -> PlanningContext {
        PlanningContext(
            namespace: testCase.namespace, defaultNamespace: "default", cluster: cluster,
            project: DiskProjectReader(root: Self.examplesDirectory), kubeconfigContexts: Self.kubeconfigContexts)
    }

    /// The repository's `examples/` folder: the corpus's working directory for docker compose requests.
    public static var examplesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
    }

    /// The corpus's kubeconfig: the sandbox's context, a minikube one and a production one; the sandbox's is current.
    public static let kubeconfigContexts = PlanningContext.KubeconfigContexts(
        names: ["kagent-sandbox", "minikube", "prod-eu"], current: "kagent-sandbox")

    /// Runs one case through the rules and the planner (nothing is executed).
    public func evaluate(_ testCase: Case, catalog: RuleCatalog) async -> Result {
        let outcome: ParseOutcome
        do {
            outcome = try catalog.parse(testCase.request)
        } catch {
            let message = error.localizedDescription
            let correct = testCase.error.map { message.contains($0) } ?? (testCase.refuse == true)
            return Result(testCase: testCase, correct: correct, actual: "refused: \(message)")
        }
        guard case .understood(let intents) = outcome else {
            return Result(
                testCase: testCase, correct: testCase.understood == false || testCase.refuse == true,
                actual: "not understood")
        }
        do {
            let resolved = try ConversationMemory().resolve(intents)
            let plan = try await Planner(context: context(for: testCase)).plan(
                request: testCase.request, intents: resolved)
            let commands = plan.steps.map { ShellQuoting.command($0) }
            let undo = Self.undoLines(of: plan)
            let correct =
                testCase.refuse == true
                ? !plan.steps.contains(where: \.mutating)
                : testCase.steps.map(Self.sameCommands(commands, lexicon: catalog.lexicon)) ?? false
                    && testCase.understood != false && testCase.error == nil
                    && (testCase.undo.map { $0 == undo } ?? true)
            var actual = commands.joined(separator: "\n")
            if testCase.undo != nil { actual += "\nundo:\n" + undo.joined(separator: "\n") }
            return Result(testCase: testCase, correct: correct, actual: actual, plan: plan)
        } catch {
            let message = error.localizedDescription
            let correct = testCase.error.map { message.contains($0) } ?? (testCase.refuse == true)
            return Result(testCase: testCase, correct: correct, actual: "planning failed: \(message)")
        }
    }

    /// Whether labelled steps say the same commands as the plan's: word for word, or the same argv written another
    /// way kubectl and docker read alike (`-n shop` and `--namespace=shop`, `svc x` and `service/x`, `--tail 40` and
    /// `--tail=40`, flags in another order; see ``CommandForm``).
    static func sameCommands(_ commands: [String], lexicon: Lexicon) -> ([String]) -> Bool {
        { labels in
            labels.count == commands.count
                && zip(labels, commands).allSatisfy { label, command in
                    sameFolder(label) == sameFolder(command)
                        || CommandForm(label, lexicon: lexicon).map { $0 == CommandForm(command, lexicon: lexicon) } == true
                }
        }
    }

    /// A `docker build` command with its folder written without a leading `./`: `./todo-app/backend` and
    /// `todo-app/backend` are the same build context, as people write either.
    static func sameFolder(_ command: String) -> String {
        guard command.hasPrefix("docker build "), let space = command.lastIndex(of: " ") else { return command }
        let folder = command[command.index(after: space)...]
        guard folder.hasPrefix("./"), folder.count > 2 else { return command }
        return String(command[...space]) + folder.dropFirst(2)
    }

    public func evaluateAll(catalog: RuleCatalog) async -> [Result] {
        var results: [Result] = []
        for testCase in cases { results.append(await evaluate(testCase, catalog: catalog)) }
        return results
    }

    /// The results by action, sorted by action: every action of the catalogue, with no results when the corpus
    /// has no case for it, and every label of the corpus (a label no rule names shows up here too).
    public static func byAction(_ results: [Result], actions: Set<String>) -> [(action: String, results: [Result])] {
        var table = Dictionary(uniqueKeysWithValues: actions.map { ($0, [Result]()) })
        for result in results { table[result.testCase.action ?? "?", default: []].append(result) }
        return table.keys.sorted().map { ($0, table[$0] ?? []) }
    }

    /// Accuracy per action label: (correct, total), sorted by label.
    public static func accuracy(of results: [Result]) -> [(action: String, correct: Int, total: Int)] {
        var table: [String: (Int, Int)] = [:]
        for result in results {
            let label = result.testCase.action ?? "?"
            let (correct, total) = table[label] ?? (0, 0)
            table[label] = (correct + (result.correct ? 1 : 0), total + 1)
        }
        return table.keys.sorted().map { ($0, table[$0]?.0 ?? 0, table[$0]?.1 ?? 0) }
    }
}
