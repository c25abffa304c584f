// kagent-bench: figures, not tests.
//   kagent-bench corpus          accuracy of the labelled corpus, per action, and every miss by action;
//                                exits 1 when an action of the catalogue has no cases or any case misses
//   kagent-bench fuzz [N] [SEED]   N seeded random requests through the parser and planner, counted per
//                                generator; exits 1 on a changing plan from random characters, a malformed
//                                step, or a generator whose inputs never reach the planner
//   kagent-bench speed [N]       the catalogue's load time in fresh processes (without and with the cache),
//                                parse and parse+plan time per request over the corpus (N rounds), and the wall
//                                time and peak memory of `kagent --dry-run --offline --output json` processes
//                                beside those of `kagent --version`
//   kagent-bench heldout [--misses] [--templates]   accuracy of the held-out set (Tests/HeldOut; with --templates the
//                                  template families' sets in Tests/HeldOut/Templates) per voice and per action, and
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

func heldOut(showMisses: Bool, templates: Bool = false) async throws -> Int32 {
    let catalog = try RuleCatalog.load(from: rulesDirectory(), actions: Planner.ruleActions)
    let corpus = try RequestCorpus.load(
        from: templates ? RequestCorpus.templatesHeldOutDirectory : RequestCorpus.heldOutDirectory,
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

/// `kagent-bench speed`: the catalogue's load time in fresh processes, parse and plan times over the corpus, and
/// whole `kagent` processes beside `kagent --version` (the floor: the runtime and libraries loading), with the
/// peak memory of each.
func speed(rounds: Int) async throws -> Int32 {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kagent-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    // Each figure is wall time with CPU time in brackets: on a busy machine the wall clock also counts the time
    // other processes had the CPU, the CPU clock only this work.
    func figure(_ times: [Timing], _ p: Double) -> String {
        "\(format(percentile(times.map(\.wall).sorted(), p))) (\(format(percentile(times.map(\.cpu).sorted(), p))))"
    }

    let catalog = try RuleCatalog.load(from: rulesDirectory(), actions: Planner.ruleActions)
    let corpus = try RequestCorpus.load()
    print("rule catalogue: \(catalog.rules.count) rules in \(rulesDirectory().path)")
    // Each load is the first of its process, as in kagent: one-time runtime costs included.
    let loads = 10
    let cache = scratch.appendingPathComponent("catalogue")
    let cold = try loadTimes(runs: loads, cacheDirectory: nil, scratch: scratch)
    _ = try loadTimes(runs: 1, cacheDirectory: cache, scratch: scratch)
    let warm = try loadTimes(runs: loads, cacheDirectory: cache, scratch: scratch)
    print("load, the first in a fresh process (\(loads) runs each; wall time, CPU time in brackets):")
    print("  without the cache   median \(figure(cold, 0.5))   max \(figure(cold, 1))")
    print("  with the cache      median \(figure(warm, 0.5))   max \(figure(warm, 1))")

    var parse: [Timing] = []
    var parseAndPlan: [Timing] = []
    var perRequest: [String: [Double]] = [:]
    for _ in 0..<rounds {
        for testCase in corpus.cases {
            let start = Timing.now()
            let outcome = try? catalog.parse(testCase.request)
            let parsed = Timing.now()
            if case .understood(let intents)? = outcome, let resolved = try? ConversationMemory().resolve(intents) {
                _ = try? await Planner(context: corpus.context(for: testCase)).plan(
                    request: testCase.request, intents: resolved)
            }
            let planned = Timing.now()
            parse.append(parsed - start)
            perRequest[testCase.request, default: []].append((parsed - start).cpu)
            parseAndPlan.append(planned - start)
        }
    }
    print("requests: \(corpus.cases.count) × \(rounds) rounds (wall time, CPU time in brackets)")
    print("  parse          median \(figure(parse, 0.5))   p99 \(figure(parse, 0.99))   max \(figure(parse, 1))")
    print(
        "  parse + plan   median \(figure(parseAndPlan, 0.5))   p99 \(figure(parseAndPlan, 0.99))"
            + "   max \(figure(parseAndPlan, 1))")
    // Each request's median over the rounds: a request slow every time, not one slowed once by the machine.
    let typical = perRequest.mapValues { percentile($0.sorted(), 0.5) }
    let worst = typical.sorted { $0.value > $1.value }.prefix(8)
    let over = typical.values.filter { $0 > 0.000_1 }.count
    print("  requests whose median parse (CPU) is over 100 µs: \(over) of \(typical.count)")
    print("  slowest to parse (CPU, median): " + worst.map { "\"\($0.key)\" \(format($0.value))" }.joined(separator: ", "))

    let binary = buildProducts().appendingPathComponent("kagent").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("process: \(binary) not built; run swift build first")
        return 0
    }
    // kagent's own folders in the scratch folder: the cache starts empty, and the user's config plays no part.
    var environment = ProcessInfo.processInfo.environment
    let folders = ["XDG_CACHE_HOME": "cache", "XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state"]
    for (variable, folder) in folders { environment[variable] = scratch.appendingPathComponent(folder).path }
    let version = [binary, "--version"]
    let request = [binary, "--dry-run", "--offline", "--output", "json", "scale backend to 3"]
    let first = try ChildProcess.run(request, environment: environment)
    guard first.exitCode == 0 else {
        print("process: \(request.joined(separator: " ")) exited with \(first.exitCode)")
        return 1
    }
    // Alternately, so that whatever else the machine does weighs on both alike.
    let processes = 30
    var runs: (version: [Timing], request: [Timing]) = ([], [])
    for _ in 0..<processes {
        runs.version.append(try ChildProcess.run(version, environment: environment).timing)
        runs.request.append(try ChildProcess.run(request, environment: environment).timing)
    }
    // Peak memory from separate runs: GNU time's own fork and wait add to the wall time.
    let memoryRuns = 5
    var peaks: (version: [Int], request: [Int]) = ([], [])
    for _ in 0..<memoryRuns {
        if let peak = ChildProcess.peakMemory(version, environment: environment) { peaks.version.append(peak) }
        if let peak = ChildProcess.peakMemory(request, environment: environment) { peaks.request.append(peak) }
    }
    func line(_ label: String, _ group: [Timing], _ peaks: [Int]) -> String {
        let memory =
            peaks.max().map { String(format: "max RSS %.1f MiB", Double($0) / 1_048_576) }
            ?? "max RSS unknown (no GNU time at \(ChildProcess.gnuTime))"
        return "  " + label.padding(toLength: 62, withPad: " ", startingAt: 0)
            + "median \(figure(group, 0.5))   p99 \(figure(group, 0.99))   " + memory
    }
    print(
        "process (\(processes) runs each, alternating, the cache filled by one run before; wall time, CPU time in"
            + " brackets; max RSS of \(memoryRuns) more runs):")
    print(line("kagent --version", runs.version, peaks.version))
    print(line("kagent --dry-run --offline --output json \"scale backend to 3\"", runs.request, peaks.request))
    let difference = Timing(
        wall: percentile(runs.request.map(\.wall).sorted(), 0.5) - percentile(runs.version.map(\.wall).sorted(), 0.5),
        cpu: percentile(runs.request.map(\.cpu).sorted(), 0.5) - percentile(runs.version.map(\.cpu).sorted(), 0.5))
    print(
        "  difference of the medians: \(figure([difference], 0.5));"
            + "   the first run, with an empty cache: \(figure([first.timing], 0.5))")
    return 0
}

/// The folder kagent-bench was built into, where `kagent` is too.
func buildProducts() -> URL {
    let executable =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: executable).deletingLastPathComponent()
}

/// What `RuleCatalog.load` took in each of `runs` fresh kagent-bench processes (`load-once`).
func loadTimes(runs: Int, cacheDirectory: URL?, scratch: URL) throws -> [Timing] {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let output = scratch.appendingPathComponent("load-once.txt").path
    let argv =
        [buildProducts().appendingPathComponent("kagent-bench").path, "load-once"]
        + (cacheDirectory.map { [$0.path] } ?? [])
    return try (0..<runs).map { _ in
        let run = try ChildProcess.run(argv, output: output)
        let figures = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: " ")
            .compactMap { Double($0) }
        guard run.exitCode == 0, figures.count >= 2 else {
            throw ChildProcess.Failure.exit(argv.joined(separator: " "), status: run.exitCode)
        }
        return Timing(wall: figures[0], cpu: figures[1])
    }
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
    // A word salad may make a changing plan (its words are rules' words): listed, to be read.
    for request in salads.changingExamples { print("changing plan from a word salad: \(request.debugDescription)") }
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
        exit(try await heldOut(showMisses: arguments.contains("--misses"), templates: arguments.contains("--templates")))
    case "frames":
        // Why each frame that could read the request did not (the words it needs are there).
        guard let request = arguments.dropFirst().first else {
            print("usage: kagent-bench frames REQUEST")
            exit(64)
        }
        let catalog = try RuleCatalog.load(from: rulesDirectory(), actions: Planner.ruleActions)
        for (id, verdict) in catalog.explainFrames(request) { print(id.padding(toLength: 40, withPad: " ", startingAt: 0) + verdict) }
        exit(0)
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
    case "parse-loop":
        // For a profiler (perf, callgrind): the corpus (or one REQUEST) parsed ROUNDS times in this process, nothing else timed.
        let rounds = arguments.dropFirst().first.flatMap(Int.init) ?? 20
        let catalog = try RuleCatalog.load(from: rulesDirectory(), actions: Planner.ruleActions)
        let requests = try arguments.count > 2 ? [arguments[2]] : RequestCorpus.load().cases.map(\.request)
        var understood = 0
        for _ in 0..<rounds {
            for request in requests where (try? catalog.parse(request)).map({ if case .understood = $0 { true } else { false } }) == true {
                understood += 1
            }
        }
        print("\(understood) understood of \(rounds * requests.count) parses")
        exit(0)
    case "load-once":
        // For `speed`: one catalogue load, the first of this process, as kagent does it; prints its wall and CPU
        // seconds.
        let cacheDirectory = arguments.dropFirst().first.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let start = Timing.now()
        let catalog = try RuleCatalog.load(
            from: rulesDirectory(), cacheDirectory: cacheDirectory, actions: Planner.ruleActions)
        let took = Timing.now() - start
        // Printed after the clocks stop: the catalogue's release is no part of loading it.
        print(took.wall, took.cpu, catalog.rules.count)
        exit(0)
    case "troubleshoot":
        let numbers = arguments.dropFirst().compactMap { Int($0) }
        exit(try await TroubleshootBenchmark.run(pods: numbers.first ?? 500, failing: numbers.dropFirst().first ?? 100))
    default:
        print(
            "usage: kagent-bench corpus | heldout [--misses] [--templates] | rules | speed [ROUNDS] | fuzz [COUNT] [SEED]"
                + " | plan REQUEST [NAMESPACE] | frames REQUEST | parse-loop [ROUNDS] [REQUEST]"
                + " | troubleshoot [PODS] [FAILING]")
        exit(64)
    }
} catch {
    print("kagent-bench: \(error.localizedDescription)")
    exit(1)
}
