// kagent-bench: figures, not tests.
//   kagent-bench corpus          accuracy of the labelled corpus, per action, and every miss by action;
//                                exits 1 when an action of the catalogue has no cases or any case misses
//   kagent-bench fuzz [N] [SEED]   N seeded random requests through the parser and planner, counted per
//                                generator; exits 1 on a changing plan from random characters, a malformed
//                                step, or a generator whose inputs never reach the planner
//   kagent-bench speed [N]       parse+plan time per request over the corpus (N rounds), catalogue load time,
//                                and the wall time of `kagent --dry-run --offline --output json` processes
//   kagent-bench heldout [--misses]   accuracy of the held-out set (Tests/HeldOut) per voice and per action, and
//                                every wrong changing plan; exits 1 on a wrong changing plan
//   kagent-bench plan REQUEST [NAMESPACE]   the intents (with the rule that read each) and the plan one request
//                                makes against the corpus's fixture cluster, in the corpus's form (the steps, or
//                                the error, or "not understood"): for labelling cases and finding a miss's cause
//   kagent-bench troubleshoot [PODS] [FAILING]   kubectl calls, wall time and analysis share of one troubleshooting
//                                read of a namespace with PODS pods (500), FAILING of them failing (100)
import Executors
import Foundation
import Intent
import Planner
import RequestCorpus

func rulesDirectory() -> URL {
    RuleCatalog.locateRulesDirectory(executablePath: nil)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded(.up)))
    return sorted[index]
}

func format(_ seconds: Double) -> String {
    seconds < 0.001 ? String(format: "%.1f µs", seconds * 1e6) : String(format: "%.2f ms", seconds * 1e3)
}

func heldOut(showMisses: Bool) async throws -> Int32 {
    let catalog = try RuleCatalog.load(from: rulesDirectory(), actions: Planner.ruleActions)
    let corpus = try RequestCorpus.load(
        from: RequestCorpus.heldOutDirectory,
        cluster: RequestCorpus.defaultDirectory.appendingPathComponent("cluster.yaml"))
    let results = await corpus.evaluateAll(catalog: catalog)
    func line(_ label: String, _ group: [RequestCorpus.Result]) -> String {
        let correct = group.filter(\.correct).count
        return label.padding(toLength: 26, withPad: " ", startingAt: 0)
            + String(
                format: " %7d / %-5d   %6.1f%%", correct, group.count, Double(correct) / Double(max(group.count, 1)) * 100)
    }
    print("set                        correct / total   accuracy")
    for file in Set(results.compactMap(\.testCase.file)).sorted() {
        print(line(file, results.filter { $0.testCase.file == file }))
    }
    print("\nvoice                      correct / total   accuracy")
    for voice in Set(results.compactMap(\.testCase.voice)).sorted() {
        print(line(voice, results.filter { $0.testCase.voice == voice }))
    }
    print("\naction                     correct / total   accuracy")
    for action in Set(results.compactMap(\.testCase.action)).sorted() {
        print(line(action, results.filter { $0.testCase.action == action }))
    }
    print(line("all", results))
    let wrong = results.filter(\.isWrongChangingPlan)
    print("\(wrong.count) wrong changing plans")
    for result in wrong { print("- \(result.missDescription)") }
    if showMisses {
        print("\nmisses:")
        for result in results where !result.correct { print("- \(result.missDescription)") }
    }
    return wrong.isEmpty ? 0 : 1
}

func corpus() async throws -> Int32 {
    let catalog = try RuleCatalog.load(from: rulesDirectory(), actions: Planner.ruleActions)
    let actions = Set(catalog.rules.map(\.action))
    let corpus = try RequestCorpus.load()
    let results = await corpus.evaluateAll(catalog: catalog)
    let groups = RequestCorpus.byAction(results, actions: actions)
    print("action                     correct / total   accuracy")
    for (action, cases) in groups {
        let correct = cases.filter(\.correct).count
        let percent = Double(correct) / Double(max(cases.count, 1)) * 100
        let flag = cases.isEmpty ? "   no cases" : actions.contains(action) ? "" : "   no rule names this action"
        print(
            action.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: " %7d / %-5d   %6.1f%%", correct, cases.count, percent) + flag)
    }
    let correct = results.filter(\.correct).count
    print(
        "all".padding(toLength: 26, withPad: " ", startingAt: 0)
            + String(
                format: " %7d / %-5d   %6.1f%%", correct, results.count,
                Double(correct) / Double(max(results.count, 1)) * 100))
    let missed = groups.filter { $0.results.contains { !$0.correct } }
    if !missed.isEmpty {
        print("\nmisses, by action:")
        for (action, cases) in missed {
            print("\(action):")
            for miss in cases where !miss.correct {
                print("- [\(miss.testCase.file ?? "?")] \(miss.testCase.request)")
                print("    expected: \(miss.expected)")
                print("    actual:   \(miss.actual.replacingOccurrences(of: "\n", with: " ⏎ "))")
            }
        }
    }
    // The suite's guard: every action of the catalogue has cases, and all of them pass.
    let uncovered = groups.filter { $0.results.isEmpty || !actions.contains($0.action) }
    return missed.isEmpty && uncovered.isEmpty ? 0 : 1
}

func speed(rounds: Int) async throws -> Int32 {
    let loadStart = Date()
    let catalog = try RuleCatalog.load(from: rulesDirectory())
    let loadTime = Date().timeIntervalSince(loadStart)
    let corpus = try RequestCorpus.load()

    var parse: [Double] = []
    var parseAndPlan: [Double] = []
    var slowest: [String: Double] = [:]
    for _ in 0..<rounds {
        for testCase in corpus.cases {
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = try? catalog.parse(testCase.request)
            let parsed = DispatchTime.now().uptimeNanoseconds
            if case .understood(let intents)? = outcome, let resolved = try? ConversationMemory().resolve(intents) {
                _ = try? await Planner(context: corpus.context(for: testCase)).plan(
                    request: testCase.request, intents: resolved)
            }
            let planned = DispatchTime.now().uptimeNanoseconds
            parse.append(Double(parsed - start) / 1e9)
            slowest[testCase.request] = max(slowest[testCase.request] ?? 0, Double(parsed - start) / 1e9)
            parseAndPlan.append(Double(planned - start) / 1e9)
        }
    }
    parse.sort()
    parseAndPlan.sort()
    print("rule catalogue: \(catalog.rules.count) rules, loaded in \(format(loadTime))")
    print("requests: \(corpus.cases.count) × \(rounds) rounds")
    print(
        "parse:        median \(format(percentile(parse, 0.5)))   p99 \(format(percentile(parse, 0.99)))   max \(format(parse.last ?? 0))"
    )
    let worst = slowest.sorted { $0.value > $1.value }.prefix(5)
    print("slowest to parse: " + worst.map { "\"\($0.key)\" \(format($0.value))" }.joined(separator: ", "))
    print(
        "parse + plan: median \(format(percentile(parseAndPlan, 0.5)))   p99 \(format(percentile(parseAndPlan, 0.99)))   max \(format(parseAndPlan.last ?? 0))"
    )

    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "kagent"
    ).path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("process: \(binary) not built; run swift build first")
        return 0
    }
    let runner = ProcessRunner()
    var wall: [Double] = []
    for _ in 0..<30 {
        let start = Date()
        let result = try await runner.run([binary, "--dry-run", "--offline", "--output", "json", "scale backend to 3"])
        wall.append(Date().timeIntervalSince(start))
        guard result.exitCode == 0 else {
            print("process: kagent failed: \(result.stderr)")
            return 1
        }
    }
    wall.sort()
    print(
        "process (kagent --dry-run --offline --output json \"scale backend to 3\", 30 runs): median \(format(percentile(wall, 0.5)))   p99 \(format(percentile(wall, 0.99)))"
    )
    return 0
}

/// Random characters and word salads, alternately, through the parser and planner: what each generator's
/// inputs came to, and any changing plan made from random characters (there must be none).
func fuzz(count: Int, seed: UInt64) async throws -> Int32 {
    let catalog = try RuleCatalog.load(from: rulesDirectory(), actions: Planner.ruleActions)
    let corpus = try RequestCorpus.load()
    var random = RandomRequests(seed: seed, catalog: catalog)
    var characters = FuzzTally(generator: .characters)
    var salads = FuzzTally(generator: .wordSalad)
    let start = Date()
    for round in 0..<count {
        if round % 2 == 0 {
            await corpus.fuzz(random.characters(), catalog: catalog, into: &characters)
        } else {
            await corpus.fuzz(random.wordSalad(), catalog: catalog, into: &salads)
        }
    }
    let seconds = Date().timeIntervalSince(start)
    print("fuzz: \(count) inputs (seed \(seed)) in \(String(format: "%.1f", seconds)) s; no crash, no hang")
    for tally in [characters, salads] { print("  \(tally)") }
    for request in characters.changingExamples {
        print("changing plan from random characters: \(request.debugDescription)")
    }
    for request in characters.malformedExamples + salads.malformedExamples {
        print("malformed step from: \(request.debugDescription)")
    }
    let idle = [characters, salads].filter { $0.inputs > 0 && !$0.exercised }
    for tally in idle {
        print("\(tally.generator.rawValue): the inputs did not reach what they are for (FuzzTally.exercised)")
    }
    print("\(characters.changingPlans) changing plans from random characters")
    let broken = characters.changingPlans + characters.malformedSteps + salads.malformedSteps
    return broken == 0 && idle.isEmpty ? 0 : 1
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "corpus":
        exit(try await corpus())
    case "rules":
        let catalog = try RuleCatalog.load(from: rulesDirectory())
        let requests = try RequestCorpus.load().cases.map(\.request)
        let costs = catalog.matchingCost(of: requests)
        print("all rules: " + format(costs.map(\.seconds).reduce(0, +) / Double(requests.count)) + " per request")
        for (id, seconds) in costs.prefix(15) {
            print(
                id.padding(toLength: 36, withPad: " ", startingAt: 0) + format(seconds / Double(requests.count))
                    + " per request")
        }
        exit(0)
    case "fuzz":
        let count = arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
        let seed = arguments.dropFirst(2).first.flatMap(UInt64.init) ?? 2026
        exit(try await fuzz(count: count, seed: seed))
    case "heldout":
        exit(try await heldOut(showMisses: arguments.contains("--misses")))
    case "plan":
        guard let request = arguments.dropFirst().first else {
            print("usage: kagent-bench plan REQUEST [NAMESPACE]")
            exit(64)
        }
        let catalog = try RuleCatalog.load(from: rulesDirectory(), actions: Planner.ruleActions)
        let corpus = try RequestCorpus.load()
        var testCase = RequestCorpus.Case(request: request, namespace: arguments.dropFirst(2).first)
        testCase.steps = []
        let result = await corpus.evaluate(testCase, catalog: catalog)
        // The intents and the rule that read each, to find which rule a request went through.
        if case .understood(let intents)? = try? catalog.parse(request) {
            for intent in intents {
                let slots = intent.slots.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                print("# \(intent.action) \(slots.joined(separator: " ")) (\(intent.source))")
            }
        }
        print(result.actual)
        exit(0)
    case "speed":
        exit(try await speed(rounds: arguments.dropFirst().first.flatMap(Int.init) ?? 20))
    case "troubleshoot":
        let numbers = arguments.dropFirst().compactMap { Int($0) }
        exit(try await TroubleshootBenchmark.run(pods: numbers.first ?? 500, failing: numbers.dropFirst().first ?? 100))
    default:
        print(
            "usage: kagent-bench corpus | heldout [--misses] | rules | speed [ROUNDS] | fuzz [COUNT] [SEED]"
                + " | plan REQUEST [NAMESPACE]"
                + " | troubleshoot [PODS] [FAILING]")
        exit(64)
    }
} catch {
    print("kagent-bench: \(error.localizedDescription)")
    exit(1)
}
