import Executors
import Foundation
import Planner
import TestSupport
import Testing

/// A step with private values run by the real PlanRunner and ProcessRunner: `sh -c SCRIPT` stands in for helm and
/// records what it was given while it runs.
@Suite("The private values file of a step", .serialized)
struct PrivateValuesFileTests {
    /// Records its arguments, the file's path, mode, content and its folder's mode into `record/`, then `then`.
    static func step(record: String, then: String, timeout: Int = 60) throws -> PlanStep {
        let values = try PrivateValues(pairs: ["db.passwd=hunter2", "api.token=t0k"])
        let script = """
            for word in "$@"; do printf '%s\\n' "$word"; done > \(record)/argv
            file=${1#--values=}
            printf '%s' "$file" > \(record)/path
            stat -c %a "$file" > \(record)/file-mode
            stat -c %a "$(dirname "$file")" > \(record)/folder-mode
            cat "$file" > \(record)/content
            \(then)
            """
        return PlanStep(
            argv: ["sh", "-c", script, "helm", values.argument, "--wait"], mutating: true, summary: "deploy",
            validationArgv: ["sh", "-c", script, "helm", values.argument, "--dry-run=server"],
            timeoutSeconds: timeout, privateValues: values)
    }

    static func read(_ folder: TemporaryFolder, _ name: String) -> String {
        (try? String(contentsOfFile: folder.path + "/" + name, encoding: .utf8)) ?? ""
    }

    func run(_ step: PlanStep) async -> ExecutionReport {
        await PlanRunner(runner: ProcessRunner()).run(
            ExecutionPlan(request: "test", intents: [], steps: [step], notes: [], outcome: "done"))
    }

    @Test("written 0600 in a 0700 folder with the nested YAML, its path only in the argv given to the process")
    func written() async throws {
        let record = try TemporaryFolder()
        let report = await run(try Self.step(record: record.path, then: "exit 0"))
        #expect(report.succeeded)
        let path = Self.read(record, "path")
        #expect(path.hasSuffix("/values.yaml") && path.contains("/kagent-values."), "\(path)")
        #expect(Self.read(record, "file-mode") == "600\n")
        #expect(Self.read(record, "folder-mode") == "700\n")
        #expect(Self.read(record, "content") == "\"db\":\n  \"passwd\": \"hunter2\"\n\"api\":\n  \"token\": \"t0k\"\n")
        #expect(Self.read(record, "argv") == "--values=\(path)\n--wait\n")
        #expect(!FileManager.default.fileExists(atPath: path), "the file is removed after the step")
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
        // What is reported (JSON results, audit log, errors) is the placeholder, never the path.
        #expect(report.outcomes.first?.result?.argv.contains("--values=<private file with 2 secret values>") == true)
    }

    @Test("removed after a failure too, and the error shows the placeholder, not a value or a path")
    func failure() async throws {
        let record = try TemporaryFolder()
        let report = await run(try Self.step(record: record.path, then: "echo 'Error: bad chart' >&2; exit 1"))
        #expect(!report.succeeded)
        let path = Self.read(record, "path")
        #expect(!path.isEmpty && !FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
        let message = report.outcomes.first?.error?.localizedDescription ?? ""
        #expect(message.contains("--values=<private file with 2 secret values>"), "\(message)")
        #expect(!message.contains("hunter2") && !message.contains(path), "\(message)")
    }

    @Test("removed after a time-out")
    func timeout() async throws {
        let record = try TemporaryFolder()
        let report = await run(try Self.step(record: record.path, then: "sleep 30", timeout: 1))
        #expect(report.outcomes.first?.error?.isStop == true)
        let path = Self.read(record, "path")
        #expect(!path.isEmpty && !FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
    }

    @Test("the server-side validation gets its own private file, removed afterwards")
    func validation() async throws {
        let record = try TemporaryFolder()
        let step = try Self.step(record: record.path, then: "exit 0")
        let validation = await PlanRunner(runner: ProcessRunner()).validate(
            ExecutionPlan(request: "test", intents: [], steps: [step], notes: [], outcome: "done"))
        #expect(validation.checked == 1 && validation.accepted)
        let path = Self.read(record, "path")
        #expect(Self.read(record, "argv") == "--values=\(path)\n--dry-run=server\n")
        #expect(Self.read(record, "content").contains("\"passwd\": \"hunter2\""))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
