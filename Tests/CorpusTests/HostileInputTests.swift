import Executors
import Foundation
import Intent
import Planner
import RequestCorpus
import TestSupport
import Testing

/// Hostile requests (`Tests/HostileCorpus/hostile.yaml`, and the huge ones made here) through the real rules and
/// planner against the fixture cluster, in process (there is no command runner: nothing can run), and through
/// the real binary with `--offline --dry-run --output json`.
@Suite("Hostile input")
struct HostileInputTests {
    static let cases = (try? HostileCorpus.load())?.cases ?? []
    /// The labelled corpus, for its fixture cluster.
    static let labelled = try? RequestCorpus.load()

    /// What the rules and the planner made of a request.
    enum Outcome {
        case refused(String)
        case notUnderstood
        case planRefused(String)
        case planned(ExecutionPlan)
    }

    static func outcome(of request: String) async throws -> Outcome {
        let labelled = try #require(labelled, "Tests/Corpus does not load")
        let parsed: ParseOutcome
        do {
            parsed = try Catalog.shared.parse(request)
        } catch {
            return .refused(error.localizedDescription)
        }
        guard case .understood(let intents) = parsed else { return .notUnderstood }
        do {
            let resolved = try ConversationMemory().resolve(intents)
            let context = labelled.context(for: .init(request: request))
            return .planned(try await Planner(context: context).plan(request: request, intents: resolved))
        } catch {
            return .planRefused(error.localizedDescription)
        }
    }

    /// What is unsafe in a plan's argv: a control or format character anywhere, a program kagent does not run,
    /// or the hostile text anywhere but as the one whole element `value` (which is never an option).
    static func problems(in steps: [[String]], hostile: String?, value: String?) -> [String] {
        var found: [String] = []
        for argv in steps {
            if !["kubectl", "helm", "docker", "minikube", "kind"].contains(argv.first ?? "") {
                found.append("runs \(argv.first ?? "nothing")")
            }
            for element in argv {
                let unsafe: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]
                if element.unicodeScalars.contains(where: { unsafe.contains($0.properties.generalCategory) }) {
                    found.append("a control or format character in \(element.debugDescription)")
                }
                if let hostile, element.contains(hostile), element != value || element.hasPrefix("-") {
                    found.append("'\(hostile)' reached the argv element \(element.debugDescription)")
                }
            }
        }
        return found
    }

    // MARK: - The corpus in process

    @Test("the hostile corpus loads, with every kind of expectation")
    func corpusLoads() throws {
        let corpus = try HostileCorpus.load()
        #expect(corpus.cases.count >= 100)
        let kinds = Set(corpus.cases.map(\.expect.rawValue))
        #expect(kinds == ["refused", "not_understood", "plan_refused", "understood", "literal"])
        for testCase in corpus.cases where [.refused, .planRefused].contains(testCase.expect) {
            #expect(testCase.reason?.isEmpty == false, "\(testCase): a refusal names its reason")
        }
        for testCase in corpus.cases where testCase.expect == .understood {
            #expect(testCase.hostile?.isEmpty == false, "\(testCase): an understood case names its hostile text")
        }
    }

    @Test("each hostile request is refused with its reason, not understood, or planned safely", arguments: cases)
    func hostileRequest(_ testCase: HostileCorpus.Case) async throws {
        let outcome = try await Self.outcome(of: testCase.request)
        switch (testCase.expect, outcome) {
        case (.refused, .refused(let message)), (.planRefused, .planRefused(let message)):
            #expect(message.contains(testCase.reason ?? "?"), "\(testCase): \(message)")
        case (.notUnderstood, .notUnderstood):
            break
        case (.understood, .planned(let plan)), (.literal, .planned(let plan)):
            let argvs = plan.steps.map(\.argv)
            if let steps = testCase.steps {
                #expect(argvs.map(ShellQuoting.command) == steps, "\(testCase)")
            }
            if testCase.expect == .understood {
                #expect(!plan.steps.isEmpty, "\(testCase): nothing was planned")
                let problems = Self.problems(in: argvs, hostile: testCase.hostile, value: testCase.value)
                #expect(problems.isEmpty, "\(testCase): \(problems.joined(separator: "; "))")
            } else {
                #expect(argvs.count == 1 && argvs.first?.first == "kubectl", "\(testCase): one literal command")
                #expect(Self.problems(in: argvs, hostile: nil, value: nil).isEmpty, "\(testCase)")
            }
        case (let expected, .planned(let plan)):
            let commands = plan.steps.map { ShellQuoting.command($0.argv) }.joined(separator: " | ")
            Issue.record("\(testCase): expected \(expected.rawValue), but it was planned: \(commands)")
        default:
            Issue.record("\(testCase): expected \(testCase.expect.rawValue), got \(outcome)")
        }
    }

    // MARK: - Requests too big for the file

    @Test("a 1 MB request is refused for its length, at once")
    func oneMegabyte() async throws {
        let request = String(String(repeating: "scale backend to 3 ", count: 60_000).prefix(1_048_576))
        let clock = ContinuousClock()
        var outcome: Outcome = .notUnderstood
        let elapsed = try await clock.measure { outcome = try await Self.outcome(of: request) }
        guard case .refused(let message) = outcome else {
            Issue.record("a 1 MB request was not refused: \(outcome)")
            return
        }
        #expect(message == "the request is 1048576 characters long; kagent reads requests of up to 2000 characters")
        #expect(elapsed < .seconds(30), "refusing took \(elapsed)")
    }

    @Test(
        "1000 nested quotes are not understood or refused, never planned, and do not hang",
        arguments: [
            String(repeating: "\"'", count: 500) + " backend to 3",
            "scale " + String(repeating: "\"'", count: 500) + "backend" + String(repeating: "'\"", count: 500)
                + " to 3",
            "scale " + String(repeating: "\"", count: 1_000) + " backend to 3",
            "restart " + String(repeating: "'", count: 999) + "backend",
        ])
    func nestedQuotes(_ request: String) async throws {
        let clock = ContinuousClock()
        var outcome: Outcome = .notUnderstood
        let elapsed = try await clock.measure { outcome = try await Self.outcome(of: request) }
        switch outcome {
        case .notUnderstood, .refused, .planRefused: break
        case .planned(let plan):
            Issue.record("nested quotes were planned: \(plan.steps.map { ShellQuoting.command($0.argv) })")
        }
        #expect(elapsed < .seconds(30), "reading \(request.count) characters of quotes took \(elapsed)")
    }

    @Test("names longer than Kubernetes allows are refused with the length")
    func longNames() async throws {
        let cases: [(String, String)] = [
            ("scale \(String(repeating: "a", count: 300)) to 3", "names are at most 253 characters (this one has 300)"),
            (
                "scale backend to 3 -n \(String(repeating: "n", count: 64))",
                "names are at most 63 characters (this one has 64)"
            ),
            (
                "create namespace \(String(repeating: "x", count: 254))",
                "names are at most 253 characters (this one has 254)"
            ),
        ]
        for (request, reason) in cases {
            let outcome = try await Self.outcome(of: request)
            guard case .refused(let message) = outcome else {
                Issue.record("\(request.prefix(40))…: expected a refusal, got \(outcome)")
                continue
            }
            #expect(message.contains(reason), "\(message)")
        }
        // A host name longer than DNS allows is not a host: not understood.
        let label = String(repeating: "h", count: 60)
        let host = Array(repeating: label, count: 5).joined(separator: ".") + ".com"
        let outcome = try await Self.outcome(of: "create an ingress for \(host)")
        if case .planned(let plan) = outcome {
            Issue.record("a \(host.count)-character host was planned: \(plan.steps.map(\.argv))")
        }
    }

    // MARK: - Through the real binary

    /// Runs `kagent --offline --dry-run --output json` with a kubeconfig that points nowhere and a state folder
    /// of its own, so that nothing could change anything even if a plan ran.
    static func runBinary(_ arguments: [String], input: String? = nil) async throws -> (CommandResult, String) {
        let folder = try TemporaryFolder()
        let kubeconfig = try folder.unreachableKubeconfig()
        let runner = ProcessRunner(environment: ["XDG_STATE_HOME": folder.path, "NO_COLOR": "1"])
        let result = try await runner.run(
            [Repository.kagentExecutable, "--kubeconfig", kubeconfig.path, "--offline", "--dry-run"] + arguments,
            input: input, timeoutSeconds: 60, onOutput: nil)
        let audit = (try? String(contentsOfFile: folder.path + "/kagent/audit.jsonl", encoding: .utf8)) ?? ""
        return (result, audit)
    }

    @Test(
        "through the binary: refused exits 2, not understood 3, and no plan ever runs",
        arguments: cases.filter { $0.binary != false })
    func binary(_ testCase: HostileCorpus.Case) async throws {
        let (result, audit) = try await Self.runBinary(["--output", "json", testCase.request])
        #expect(audit.isEmpty, "\(testCase): a step ran: \(audit)")
        let json = try Kagent.json(result)
        #expect(json["executed"] == nil, "\(testCase)")
        let message = json["message"] as? String ?? ""
        switch testCase.expect {
        case .refused:
            #expect(result.exitCode == 2, "\(testCase): \(result.stdout)")
            #expect(message.contains(testCase.reason ?? "?"), "\(testCase): \(message)")
        case .notUnderstood:
            #expect(result.exitCode == 3, "\(testCase): \(result.stdout)")
            #expect(json["understood"] as? Bool == false)
        case .planRefused, .understood, .literal:
            // Offline, names are taken literally and the cluster is not read: planning may stop earlier than
            // against the fixture cluster, but whatever is planned is safe.
            #expect([0, 1].contains(result.exitCode), "\(testCase): \(result.stdout)\(result.stderr)")
            let steps = (json["steps"] as? [[String: Any]] ?? []).compactMap { $0["argv"] as? [String] }
            let hostile = testCase.expect == .understood ? testCase.hostile : nil
            let problems = Self.problems(in: steps, hostile: hostile, value: testCase.value)
            #expect(problems.isEmpty, "\(testCase): \(problems.joined(separator: "; "))")
        }
    }

    @Test("through the binary: a literal command's -nkube-system is a protected namespace, so it does not run")
    func attachedNamespaceIsProtected() async throws {
        // Not a dry run: the protected-namespace check must stop it (the kubeconfig points nowhere regardless).
        let folder = try TemporaryFolder()
        let runner = ProcessRunner(environment: ["XDG_STATE_HOME": folder.path])
        let kubeconfig = try folder.write("kubeconfig", contents: "apiVersion: v1\nkind: Config\n")
        let result = try await runner.run(
            [
                Repository.kagentExecutable, "--kubeconfig", kubeconfig.path, "--offline", "--yes", "--output", "json",
                "label pods --all owned=yes -nkube-system",
            ], timeoutSeconds: 60)
        #expect(result.exitCode == 4, "\(result.stdout)\(result.stderr)")
        let json = try Kagent.json(result)
        #expect((json["message"] as? String)?.contains("protected namespace kube-system") == true, "\(result.stdout)")
        #expect(json["executed"] == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/kagent/audit.jsonl"), "a step ran")
    }

    @Test("through the binary: a 100 kB argument exits 2; a 1 MB line to the shell is refused and the shell goes on")
    func binaryHuge() async throws {
        let long = String(repeating: "x", count: 100_000)
        let (argument, audit) = try await Self.runBinary(["--output", "json", "scale \(long) to 3"])
        #expect(argument.exitCode == 2)
        #expect(audit.isEmpty)
        let message = try Kagent.json(argument)["message"] as? String
        #expect(message == "the request is 100011 characters long; kagent reads requests of up to 2000 characters")

        // Too big for one argument (Linux allows 128 kB): a line on the shell's standard input instead.
        let megabyte = String(String(repeating: "scale backend to 3 ", count: 60_000).prefix(1_048_576))
        let (shell, shellAudit) = try await Self.runBinary([], input: megabyte + "\nscale backend to 2\n")
        #expect(
            shell.stderr.contains("the request is 1048576 characters long; kagent reads requests of up to 2000"),
            "\(shell.stderr.prefix(500))")
        #expect(shell.stdout.contains("kubectl --kubeconfig="), "the next request was planned: \(shell.stdout)")
        #expect(shell.stdout.contains("scale deployment/backend --replicas=2"), "\(shell.stdout)")
        #expect(!shell.stdout.contains("--replicas=3"), "nothing of the huge line was planned")
        #expect(shellAudit.isEmpty)
    }
}
