import Executors
import Foundation
import TestSupport
import Testing

/// The text kagent prints for typical plans and outcomes, compared with golden files in
/// `Tests/IntegrationTests/Golden/`: a change to the rendering shows up as a diff to review. Offline, with a
/// kubeconfig and state folders of the test's own, so the text is the same on every machine.
/// `KAGENT_RECORD_GOLDEN=1 swift test --filter GoldenTests` writes the files anew.
@Suite("Rendered text (golden files)")
struct GoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var arguments: [String]
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "plan-scale", arguments: ["--dry-run", "scale backend to 3"]),
        Case(file: "plan-two-requests", arguments: ["--dry-run", "scale web-app to 3 and restart web-service"]),
        Case(file: "plan-json", arguments: ["--dry-run", "--output", "json", "set the image of backend to nginx:1.25"]),
        Case(file: "not-confirmed-no-terminal", arguments: ["restart the backend"]),
        Case(file: "delete-no-terminal", arguments: ["delete deployment web in shop"]),
        Case(file: "not-understood", arguments: ["make it faster"]),
        Case(file: "read-only-refused", arguments: ["--read-only", "--yes", "scale backend to 3"]),
        Case(file: "shell-syntax-refused", arguments: ["scale backend to 3; rm -rf /"]),
        Case(file: "advice-not-an-order", arguments: ["should we restart the backend?"]),
    ]

    static let folder = Repository.root.appendingPathComponent("Tests/IntegrationTests/Golden")

    @Test("kagent prints what the golden file holds", arguments: cases)
    func rendering(_ testCase: Case) async throws {
        let home = try TemporaryFolder()
        let kubeconfig = try home.write(
            "kubeconfig",
            contents: """
                apiVersion: v1
                kind: Config
                current-context: golden
                clusters: [{name: golden, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: someone, user: {}}]
                contexts: [{name: golden, context: {cluster: golden, user: someone, namespace: default}}]
                """)
        let result = try await Kagent.run(
            ["--offline", "--no-llm"] + testCase.arguments,
            environment: [
                "HOME": home.path, "XDG_STATE_HOME": home.path + "/state", "XDG_CONFIG_HOME": home.path + "/config",
                "KUBECONFIG": kubeconfig.path, "NO_COLOR": "1", "TERM": "dumb",
            ])
        let shown = testCase.arguments.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
        let rendered =
            "$ kagent --offline \(shown)\nexit status \(result.exitCode)\n--- standard output\n\(result.stdout)"
            + "--- standard error\n\(result.stderr)"
        let file = Self.folder.appendingPathComponent(testCase.file + ".txt")
        if ProcessInfo.processInfo.environment["KAGENT_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try rendered.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let golden = try #require(
            try? String(contentsOf: file, encoding: .utf8),
            "no golden file \(file.path): record it with KAGENT_RECORD_GOLDEN=1")
        #expect(rendered == golden, "the rendering changed; if on purpose, re-record with KAGENT_RECORD_GOLDEN=1")
    }
}
