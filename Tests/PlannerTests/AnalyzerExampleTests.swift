import Executors
import Foundation
import Planner
import Testing

/// Every analyzer's example cluster states (`AnalyzerExamples/<id>.json`), run by one parameterized test:
/// each example lists the findings it must produce (problem, resource, evidence and fix commands), or none.
@Suite("Analyzer examples")
struct AnalyzerExampleTests {
    struct File: Decodable {
        var analyzer: String
        var examples: [Example]
    }

    struct Example: Decodable, Sendable {
        var name: String
        var namespace: String
        var objects: [JSONValue]
        var logs: [String: [String]]?
        var configMaps: [String]?
        var secrets: [String]?
        var literals: [String: String]?
        var expect: [Expected]
    }

    struct Expected: Decodable, Sendable {
        var problem: String
        var resource: String
        /// Each must be part of some evidence line.
        var evidence: [String]
        /// The fix's commands, each a prefix of one fix step (shell-quoted); [] means no fix; nil: not checked.
        var fix: [String]?
        var checks: [String]?
        var subjects: [String]?
        var explanation: String?
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var analyzer: String
        var example: Example
        var testDescription: String { "\(analyzer).json: \(example.name)" }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "AnalyzerExamples")

    static let files: [File] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return nil }
            return try? JSONDecoder().decode(File.self, from: data)
        }
    }()

    static let cases: [Case] = files.flatMap { file in file.examples.map { Case(analyzer: file.analyzer, example: $0) }
    }

    @Test("every analyzer has example files that decode, with a finding and a healthy example each")
    func everyAnalyzerHasExamples() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path))?.filter {
            $0.hasSuffix(".json")
        }
        #expect(names?.count == Self.files.count, "an example file does not decode")
        for analyzer in Analyzers.all {
            let examples = Self.files.filter { $0.analyzer == analyzer.id }.flatMap(\.examples)
            #expect(examples.contains { !$0.expect.isEmpty }, "\(analyzer.id) has no example with a finding")
            #expect(examples.contains { $0.expect.isEmpty }, "\(analyzer.id) has no example without findings")
            let found = Set(examples.flatMap { $0.expect.map(\.problem) })
            #expect(found.isSubset(of: Set(analyzer.problems)), "\(analyzer.id) examples name codes it does not report")
        }
    }

    @Test("an analyzer finds exactly its example's problems, with the evidence and fix", arguments: cases)
    func example(_ testCase: Case) throws {
        let analyzer = try #require(
            Analyzers.all.first { $0.id == testCase.analyzer }, "no analyzer \(testCase.analyzer)")
        let example = testCase.example
        let snapshot = ClusterSnapshot(
            namespace: example.namespace, objects: example.objects, logs: example.logs ?? [:],
            secretNames: example.secrets.map(Set.init), configMapNames: example.configMaps.map(Set.init))
        let findings = analyzer.analyze(snapshot, context: AnalysisContext(literals: example.literals ?? [:]))
        #expect(
            findings.map(\.problem) == example.expect.map(\.problem),
            "found \(findings.map { "\($0.problem) \($0.resource)" })")
        for (finding, expected) in zip(findings, example.expect) {
            #expect(finding.resource == expected.resource)
            #expect(finding.namespace == example.namespace)
            #expect(!finding.explanation.isEmpty)
            for part in expected.evidence {
                #expect(
                    finding.evidence.contains { $0.contains(part) }, "no evidence with '\(part)' in \(finding.evidence)"
                )
            }
            if let fix = expected.fix {
                let commands = finding.fix.map { ShellQuoting.command($0.argv) }
                #expect(commands.count >= fix.count, "fix: \(commands)")
                for (command, prefix) in zip(commands, fix) {
                    #expect(command.hasPrefix(prefix), "fix step '\(command)' is not '\(prefix)'")
                }
                for (index, step) in finding.fix.enumerated() where step.mutating {
                    // An object made again under its own name (a claim on another class) can be checked by the
                    // server only once the step before has deleted it.
                    let madeAgain = index > 0 && finding.fix[index - 1].argv.contains("delete")
                        && step.argv.contains("create") && step.argv.contains("--filename=-")
                    #expect(
                        step.validationArgv == step.argv + ["--dry-run=server"] || madeAgain && step.validationArgv == nil,
                        "\(step.argv) is not validated")
                    // Every fix says how undo puts it back, or why it cannot.
                    #expect(step.reversal != nil, "fix \(step.argv) does not say how to undo it")
                    for undo in step.reversal?.steps ?? [] where undo.mutating {
                        #expect(
                            undo.validationArgv == undo.argv + ["--dry-run=server"],
                            "undo \(undo.argv) is not validated")
                    }
                }
                if fix.isEmpty { #expect(!finding.checks.isEmpty, "no fix and nothing to check") }
            }
            for check in expected.checks ?? [] {
                #expect(
                    finding.checks.contains { ShellQuoting.command($0.argv).hasPrefix(check) }, "no check '\(check)'")
            }
            for subject in expected.subjects ?? [] {
                #expect(finding.concerns(subject), "the finding is not about \(subject): \(finding.subjects)")
            }
            if let explanation = expected.explanation {
                #expect(finding.explanation.contains(explanation), "\(finding.explanation)")
            }
            for step in finding.fix + finding.checks
            where step.argv.contains(where: {
                $0.hasPrefix("pod/") || $0.hasPrefix("deployment/") || $0.hasPrefix("service/")
            }) {
                #expect(step.argv.contains("--namespace=\(example.namespace)"), "\(step.argv) names no namespace")
            }
        }
    }
}
