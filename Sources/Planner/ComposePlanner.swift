import Intent

/// Plans Docker Compose requests: `compose_up`, `compose_down`, `compose_ps` and `compose_logs`.
///
/// The compose file is the one the request points at: given with `-f`, narrowed by a word of its path or
/// project name ("the srvthreds databases"), found by a service it defines ("start mongo"), or the only one
/// under the working directory. When several fit, the plan is refused with the candidates: never a guess.
struct ComposePlanner: ActionPlanner {
    let actions = ["compose_up", "compose_down", "compose_ps", "compose_logs"]
    /// `up --wait` returns once the services are running (healthy, when they have a health check).
    static let upTimeoutSeconds = 600

    /// The compose file a request is about, and the services it names (empty: the whole file).
    struct Selection: Equatable {
        var file: ComposeFile
        var services: [String]

        /// A file's databases: the whole file when they are all it holds, else their services by name.
        static func databases(of file: ComposeFile) -> Selection {
            Selection(
                file: file,
                services: file.databaseServices.count == file.services.count ? [] : file.databaseServices.map(\.name))
        }
    }

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let selections = try Self.select(intent, request: request, project: context.project)
        var steps: [PlanStep] = []
        var outcomes: [String] = []
        for selection in selections {
            let base = ["docker", "compose", "--file", selection.file.path]
            let services = selection.services
            let what = services.isEmpty ? "the services of \(selection.file.path)" : services.joined(separator: ", ")
            switch intent.action {
            case "compose_up":
                steps.append(
                    PlanStep(
                        argv: base + ["up", "--detach", "--wait"] + services, mutating: true,
                        summary: "start \(what) and wait until \(services.count == 1 ? "it is" : "they are") running",
                        timeoutSeconds: Self.upTimeoutSeconds
                    ).undone(
                        by: "stop \(what) again (the containers are kept)",
                        [
                            PlanStep(
                                argv: base + ["stop"] + services, mutating: true,
                                summary: "stop \(what) again (the containers are kept)", timeoutSeconds: 180)
                        ]))
                outcomes.append("started \(what)")
            case "compose_down":
                // `down` removes every container of the file; a part of it is only stopped.
                let argv = services.isEmpty ? base + ["down"] : base + ["stop"] + services
                steps.append(
                    PlanStep(
                        argv: argv, mutating: true,
                        summary: services.isEmpty
                            ? "stop and remove the containers of \(selection.file.path)" : "stop \(what)",
                        timeoutSeconds: 180
                    ).undone(
                        by: services.isEmpty
                            ? "start \(what) again (new containers; named volumes were kept)" : "start \(what) again",
                        [
                            PlanStep(
                                argv: services.isEmpty
                                    ? base + ["up", "--detach", "--wait"] : base + ["start"] + services,
                                mutating: true, summary: "start \(what) again", timeoutSeconds: Self.upTimeoutSeconds)
                        ]))
                outcomes.append(services.isEmpty ? "stopped and removed \(what)" : "stopped \(what)")
            case "compose_ps":
                steps.append(
                    PlanStep(
                        argv: base + ["ps"] + (intent.text("scope") == "all" ? ["--all"] : []) + services,
                        mutating: false,
                        summary: "list the containers of \(what)\(intent.text("scope") == "all" ? ", stopped ones too" : "")")
                )
                outcomes.append("listed the containers of \(what)")
            default:
                let lines = try DockerPlanner.tail(intent)
                steps.append(
                    PlanStep(
                        argv: base + ["logs", "--tail=\(lines)"] + services, mutating: false,
                        summary: "show the last \(lines) log lines of \(what)"))
                outcomes.append("showed the logs of \(what)")
            }
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, outcome: outcomes.joined(separator: "\n"))
    }

    // MARK: - Choosing the file and services

    static func select(_ intent: UserIntent, request: String, project: (any ProjectReader)?) throws(PlannerError)
        -> [Selection]
    {
        var named = (intent["services"]?.list ?? intent.text("service").map { [$0] } ?? [])
            .filter { !["and", ","].contains($0.lowercased()) }
        let databases = intent.text("group") == "databases"
        let narrowing = intent.text("project").map { [$0] } ?? []

        var files: [ComposeFile]
        if let path = intent.text("file") {
            let all = try project?.composeFiles() ?? []
            // A file named by its own name ("docker-compose-db.yml") is the project's file of that name.
            let sameName = all.filter { $0.path.split(separator: "/").last.map(String.init) == path }
            if let known = all.first(where: { $0.path == path || $0.path == "./" + path }) {
                files = [known]
            } else if sameName.count == 1 {
                files = sameName
            } else if sameName.count > 1 {
                throw .invalidValue(
                    slot: "file", value: path,
                    reason: "several compose files have that name: \(sameName.map(\.path).joined(separator: ", ")); "
                        + "give its path")
            } else {
                files = [ComposeFile(path: path, services: [])]
            }
        } else {
            guard let project else {
                throw .invalidValue(
                    slot: "request", value: request,
                    reason: "kagent cannot see the project's compose files here; give one with -f, "
                        + "for example: docker compose -f docker-compose.yml up")
            }
            files = try project.composeFiles()
            guard !files.isEmpty else {
                throw .invalidValue(
                    slot: "request", value: request,
                    reason: "no docker compose file (compose.yaml, docker-compose.yml…) under the working directory")
            }
        }
        // The files say what a word is: one that names no service but a compose file ("the srvthreds compose
        // project", "srvthreds-db") narrows to that file; first among all files, then among those it left.
        for word in narrowing { try narrow(&files, by: word) }
        for _ in 0..<2 {
            let words = named.filter { word in
                !files.contains { file in file.services.contains { $0.isNamed(word) } }
                    && files.contains { $0.isNarrowed(by: word) }
            }
            named.removeAll { words.contains($0) }
            for word in words { try narrow(&files, by: word) }
        }

        if !named.isEmpty {
            // "compose logs rabitmq": for a read, a word one slip from exactly one service is that service (the
            // command shows its real name); a change never takes a name that was not said.
            if ["compose_logs", "compose_ps"].contains(intent.action) {
                named = named.map { word in
                    guard word.count >= 5, !files.contains(where: { $0.services.contains { $0.isNamed(word) } }) else {
                        return word
                    }
                    return Self.nearService(word, in: files) ?? word
                }
            }
            return [try selectServices(named, in: files)]
        }
        if databases {
            let withDatabases = files.filter { !$0.databaseServices.isEmpty }
            guard let file = withDatabases.first else {
                throw .invalidValue(
                    slot: "services", value: "databases",
                    reason: "no compose file defines a database (\(files.map(\.path).joined(separator: ", ")))")
            }
            if intent.action == "compose_ps" {
                return withDatabases.map(Selection.databases)
            }
            // "I'm working on srvthreds today. Can you start the local databases?": a word of the request that is
            // the project folder of exactly one of the files says which.
            let said = Set(request.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init))
            let projects = withDatabases.filter { file in
                file.path.split(separator: "/").first.map { folder in
                    let folder = folder.lowercased()
                    return said.contains(folder)
                        || folder.split(separator: "-").contains { $0.count > 3 && said.contains(String($0)) }
                } ?? false
            }
            if withDatabases.count > 1, projects.count == 1, let file = projects.first {
                return [Selection.databases(of: file)]
            }
            guard withDatabases.count == 1 else {
                throw .invalidValue(
                    slot: "services", value: "databases",
                    reason: "several compose files have databases: "
                        + withDatabases.map {
                            "\($0.path) (\($0.databaseServices.map(\.name).joined(separator: ", ")))"
                        }
                        .joined(separator: "; ") + "; say which, for example: \(example(intent, for: withDatabases))")
            }
            return [Selection.databases(of: file)]
        }
        if files.count == 1 || intent.action == "compose_ps" {
            return files.map { Selection(file: $0, services: []) }
        }
        throw .invalidValue(
            slot: "request", value: request,
            reason:
                "several compose files are under the working directory: \(files.map(\.path).joined(separator: ", ")); "
                + "say which, for example: docker compose -f \(files[0].path) \(verb(intent))")
    }

    /// The files a word of a path or project name keeps; refused when it keeps none.
    static func narrow(_ files: inout [ComposeFile], by word: String) throws(PlannerError) {
        let narrowed = files.filter { $0.isNarrowed(by: word) }
        guard !narrowed.isEmpty else {
            throw .invalidValue(
                slot: "project", value: word,
                reason: "no compose file\(files.count == 1 ? " left" : "") has it in its path or name; the compose files: "
                    + files.map(\.path).joined(separator: ", "))
        }
        files = narrowed
    }

    /// The one service name of the files one slip from `word`; nil when none is, or several are.
    static func nearService(_ word: String, in files: [ComposeFile]) -> String? {
        let near = Set(files.flatMap(\.services).map(\.name).filter { EditDistance.isWithinOne($0, word) })
        return near.count == 1 ? near.first : nil
    }

    /// The one file that defines every named service, and the services' own names ("postgres" → `db`).
    static func selectServices(_ named: [String], in files: [ComposeFile]) throws(PlannerError) -> Selection {
        var chosen: ComposeFile?
        var services: [String] = []
        for word in named {
            let holders = files.filter { file in file.services.contains { $0.isNamed(word) } }
            let candidates = chosen.map { current in holders.filter { $0 == current } } ?? holders
            guard let file = candidates.first else {
                let known = files.map { "\($0.path) (\($0.services.map(\.name).joined(separator: ", ")))" }
                throw .invalidValue(
                    slot: "services", value: word,
                    reason: "no compose file \(chosen == nil ? "" : "with the other services ")defines it; "
                        + (nearService(word, in: files).map { "did you mean \($0)? " } ?? "")
                        + "the services: \(known.joined(separator: "; "))")
            }
            guard candidates.count == 1 else {
                throw .invalidValue(
                    slot: "services", value: word,
                    reason:
                        "it is a service of several compose files: \(candidates.map(\.path).joined(separator: ", ")); "
                        + "give the file with -f")
            }
            chosen = file
            for service in file.services where service.isNamed(word) && !services.contains(service.name) {
                services.append(service.name)
            }
        }
        guard let chosen else {
            throw .invalidValue(slot: "services", value: "", reason: "say which service")
        }
        return Selection(file: chosen, services: services)
    }

    private static func verb(_ intent: UserIntent) -> String {
        switch intent.action {
        case "compose_up": return "up"
        case "compose_down": return "down"
        case "compose_ps": return "ps"
        default: return "logs"
        }
    }

    /// "start the srvthreds databases": the request again, narrowed by a word of the first file's path.
    private static func example(_ intent: UserIntent, for files: [ComposeFile]) -> String {
        let word = files.first.flatMap { $0.path.split(separator: "/").first.map(String.init) } ?? "app"
        let narrowed = word.split(separator: "-").first.map(String.init) ?? word
        return "\(intent.action == "compose_down" ? "stop" : "start") the \(narrowed) databases"
    }
}
