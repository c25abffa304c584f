import Executors
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Faults, through the real kagent binary on the sandbox: a kubectl that fails, hangs or exits mid-plan
/// (a stand-in on PATH, ``FakeKubectl``), Ctrl-C during a step, kubectl missing, the cluster unreachable, and
/// the API server's 403, 404 and 409. Each test checks the report (what ran, what did not, the command to
/// paste), the exit status, the audit log of what ran, and the cluster itself with real kubectl.
@Suite("Faults during planning and running", .enabled(if: Sandbox.enabled))
struct FaultTests {
    // MARK: - A kubectl that fails, hangs or exits mid-plan

    @Test("a changing step that fails: the report names the command, exit status 1, the steps not run; nothing changed")
    func changingStepFails() async throws {
        try await Sandbox.withNamespace("fail") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let fake = try FakeKubectl(faulting: [" scale "], with: .fail(stderr: "error: stand-in kubectl failed"))
            let state = try TemporaryFolder()
            let result = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "--output", "json", "scale backend to 3"],
                environment: fake.environment.merging(["XDG_STATE_HOME": state.path]) { _, new in new })
            #expect(fake.faulted, "the stand-in never saw the scale: \(result.stdout)\(result.stderr)")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            #expect(Self.statuses(json) == ["failed", "skipped", "skipped"])
            let failed = try #require(Self.results(json).first)
            #expect(failed["exit_code"] as? Int == 1)
            let scale = Self.kubectl(["scale", "deployment/todo-backend", "--replicas=3", "--namespace=\(ns)"])
            let error = try #require(failed["error"] as? String)
            #expect(error.contains("the command failed with exit status 1"), "\(error)")
            #expect(error.contains("| error: stand-in kubectl failed"), "the command's stderr is shown: \(error)")
            #expect(error.contains("command: \(ShellQuoting.command(scale))"), "the command, pasteable: \(error)")
            let message = try #require(json["message"] as? String)
            #expect(message.contains("The plan stopped at step 1 of 3"), "\(message)")
            #expect(message.contains("failed   1. scale deployment/todo-backend in \(ns) from 1 to 3 replicas"))
            #expect(message.contains("not run  2. check that deployment/todo-backend now asks for 3 replicas"))
            #expect(message.contains("not run  3. wait until 3 replicas are ready"), "\(message)")
            #expect(message.contains("No changing step completed"), "\(message)")
            #expect(try Self.audit(state).map(\.status) == ["failed"], "only the failed step ran")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test("a kubectl read that fails while planning is reported as that failure, never as an object that does not exist")
    func failedReadIsNotAbsence() async throws {
        try await Sandbox.withNamespace("rdf") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            // The API server's words for a failed list; "NotFound" in them says nothing about the deployment.
            let stderr = "Error from server (NotFound): the server could not find the requested resource"
            let fake = try FakeKubectl(faulting: [" get ", " --output=json "], with: .fail(stderr: stderr))
            let state = try TemporaryFolder()
            let result = try await fake.kagent(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "scale backend to 3"], state: state)
            fake.expectFailedRead(
                result, stderr: stderr, command: "kubectl --kubeconfig=\(Sandbox.kubeconfig) get ",
                absence: ["no deployment", "does not exist"])
            #expect(try Self.audit(state).isEmpty, "nothing ran")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test("a hanging step is stopped by its 15 s time-out: its process is gone, the plan stops, the file is unchanged")
    func hangingStepTimesOut() async throws {
        try await Sandbox.withNamespace("hang") { ns in
            // Setting kubectl's default namespace is a step with a 15 s time-out, on a kubeconfig of our own.
            let folder = try TemporaryFolder()
            let original = try String(contentsOfFile: Sandbox.kubeconfig, encoding: .utf8)
            let kubeconfig = try folder.write("kubeconfig", contents: original).path
            let fake = try FakeKubectl(faulting: [" config set-context "], with: .hang)
            let result = try await Kagent.run(
                ["--kubeconfig", kubeconfig, "--yes", "set kubectl's default namespace to \(ns)"],
                environment: fake.environment.merging(["XDG_STATE_HOME": folder.path]) { _, new in new })
            let pid = try #require(fake.faultedPID(), "the stand-in never saw set-context")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.seconds < 60, "the 15 s time-out stopped the step (took \(result.seconds) s)")
            #expect(!FakeKubectl.isAlive(pid), "the hanging process \(pid) is still running")
            let command = ShellQuoting.command([
                "kubectl", "--kubeconfig=\(kubeconfig)", "config", "set-context", "--current", "--namespace=\(ns)",
            ])
            #expect(
                result.stderr.contains("the command did not finish within 15 s and was stopped"), "\(result.stderr)")
            #expect(result.stderr.contains("command: \(command)"), "\(result.stderr)")
            #expect(result.stderr.contains("not run  2. check that kubectl's default namespace is \(ns)"))
            #expect(result.stderr.contains("No changing step completed"), "\(result.stderr)")
            #expect(!fake.calls().contains { $0.contains("config view") }, "the read-back did not run")
            #expect(try String(contentsOfFile: kubeconfig, encoding: .utf8) == original)
        }
    }

    @Test("kubectl exits mid-plan: step 1 ran and is reported as changed, step 2 failed, step 3 did not run")
    func exitsMidPlan() async throws {
        try await Sandbox.withNamespace("mid") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            // The change passes through to the real cluster; the read-back after it fails.
            let fake = try FakeKubectl(
                faulting: [" get deployment/todo-backend ", " --output=jsonpath={.spec.replicas} "],
                with: .fail(stderr: "error: stand-in kubectl exited mid-plan"))
            let state = try TemporaryFolder()
            let result = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "--output", "json", "scale backend to 2"],
                environment: fake.environment.merging(["XDG_STATE_HOME": state.path]) { _, new in new })
            #expect(fake.faulted, "the stand-in never saw the read-back: \(result.stdout)\(result.stderr)")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            #expect(Self.statuses(json) == ["succeeded", "failed", "skipped"])
            let message = try #require(json["message"] as? String)
            #expect(message.contains("The plan stopped at step 2 of 3"), "\(message)")
            #expect(message.contains("ran      1. scale deployment/todo-backend in \(ns) from 1 to 2 replicas"))
            #expect(message.contains("failed   2. check that deployment/todo-backend now asks for 2 replicas"))
            #expect(message.contains("| error: stand-in kubectl exited mid-plan"), "\(message)")
            #expect(message.contains("not run  3. wait until 2 replicas are ready"), "\(message)")
            #expect(
                message.contains("Already changed: scale deployment/todo-backend in \(ns) from 1 to 2 replicas."),
                "\(message)")
            #expect(!fake.calls().contains { $0.contains("rollout status") }, "the rollout wait did not run")
            #expect(try Self.audit(state).map(\.status) == ["succeeded", "failed"])
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 2, "the change ran")
            #expect(
                message.contains(
                    "To undo what ran: kagent undo (it would scale deployment/todo-backend in \(ns) back to 1 replica)"),
                "\(message)")
            // And it does: with the real kubectl, the undo journal the failed plan left puts the change back.
            let undo = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "--yes", "undo"], environment: ["XDG_STATE_HOME": state.path])
            #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1, "undone")
        }
    }

    // MARK: - Ctrl-C

    @Test("Ctrl-C during a hanging step stops its process and the plan; kagent exits 1 and says what did not run")
    func interruptOneShot() async throws {
        try await Sandbox.withNamespace("sigint") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let fake = try FakeKubectl(faulting: [" scale "], with: .hang)
            let state = try TemporaryFolder()
            let kagent = try RunningKagent(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "scale backend to 3"],
                environment: fake.environment.merging(["XDG_STATE_HOME": state.path]) { _, new in new })
            let pid = try #require(try await fake.waitForFault(), "the stand-in never saw the scale")
            #expect(FakeKubectl.isAlive(pid))
            kagent.interrupt()
            let result = try #require(try await kagent.finish(within: 30), "kagent did not stop after Ctrl-C")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            #expect(!FakeKubectl.isAlive(pid), "the step's process \(pid) survived Ctrl-C")
            #expect(result.stderr.contains("The plan stopped at step 1 of 3"), "\(result.stderr)")
            #expect(result.stderr.contains("interrupted; the command was stopped"), "\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "Step 1 was stopped while it ran: its change may or may not have been made. Check with: kubectl"),
                "\(result.stderr)")
            #expect(result.stderr.contains("not run  2. check that deployment/todo-backend now asks for 3 replicas"))
            #expect(result.stderr.contains("not run  3. wait until 3 replicas are ready"), "\(result.stderr)")
            #expect(!fake.calls().contains { $0.contains("rollout status") }, "the plan went on after Ctrl-C")
            #expect(try Self.audit(state).map(\.status) == ["failed"])
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test(
        "Ctrl-C during a hanging step in the shell stops it, and the shell answers the next request",
        .enabled(if: ProcessRunner().locate("tmux") != nil))
    func interruptShell() async throws {
        try await Sandbox.withNamespace("shsig") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let fake = try FakeKubectl(faulting: [" scale "], with: .hang)
            let state = try TemporaryFolder()
            let screen = ShellTests.Screen()
            defer { Task { await screen.kill() } }
            try await screen.start([
                "env", "PATH=\(fake.environment["PATH"] ?? "")", "XDG_STATE_HOME=\(state.path)", "TERM=xterm",
                "NO_COLOR=1", Repository.kagentExecutable, "--kubeconfig", Sandbox.kubeconfig, "-n", ns,
            ])
            try await screen.waitFor("kagent (")
            try await screen.type("-l", "scale backend to 3")
            try await screen.type("Enter")
            try await screen.waitFor("[y/N]")
            try await screen.type("-l", "y")
            try await screen.type("Enter")
            let pid = try #require(try await fake.waitForFault(), "the stand-in never saw the scale")
            try await screen.type("C-c")
            let stopped = try await screen.waitFor("interrupted; the command was stopped")
            #expect(stopped.contains("not run  3. wait until 3 replicas are ready"), "\(stopped)")
            for _ in 0..<50 where FakeKubectl.isAlive(pid) { try await Task.sleep(for: .milliseconds(100)) }
            #expect(!FakeKubectl.isAlive(pid), "the step's process \(pid) survived Ctrl-C")
            #expect(try await screen.isRunning(), "Ctrl-C ended the shell")
            try await screen.type("-l", "get deployments")
            try await screen.type("Enter")
            // The table's rows come after its header: wait for the row itself.
            let answered = try await screen.waitFor("todo-backend   1/1")
            #expect(answered.contains("todo-backend   1/1"), "the shell answered the next request: \(answered)")
            #expect(
                answered.split(separator: "\n").contains { $0.contains("NAME") && $0.contains("UP-TO-DATE") },
                "output is shown a whole line at a time, not piece by piece: \(answered)")
            try await screen.type("C-d")
            #expect(try await screen.waitUntilGone())
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    // MARK: - kubectl missing, cluster unreachable

    @Test("without kubectl on PATH kagent names kubectl and how to get it, runs nothing, and exits 1")
    func kubectlMissing() async throws {
        try await Sandbox.withNamespace("nokc") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            // Every folder of PATH that has no kubectl; a cache folder (kagent's tool folder) of our own.
            let path = Sandbox.searchPath.filter { ProcessRunner(searchPath: [$0]).locate("kubectl") == nil }
            let state = try TemporaryFolder()
            let result = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "--output", "json", "scale backend to 3"],
                environment: [
                    "PATH": path.joined(separator: ":"), "XDG_CACHE_HOME": state.path + "/cache",
                    "XDG_STATE_HOME": state.path,
                ])
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            let message = try #require(json["message"] as? String)
            #expect(message.hasPrefix("'kubectl' is not installed or not on PATH; install kubectl"), "\(message)")
            #expect((json["steps"] as? [Any])?.isEmpty == true, "nothing was planned")
            #expect(json["executed"] == nil, "nothing ran")
            #expect(try Self.audit(state).isEmpty)
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test("without helm, helm requests name helm and how to get it, when planning and when running; nothing changed")
    func helmMissing() async throws {
        try Sandbox.require()
        let state = try TemporaryFolder()
        let path = Sandbox.searchPath.filter { ProcessRunner(searchPath: [$0]).locate("helm") == nil }
        let environment = [
            "PATH": path.joined(separator: ":"), "XDG_CACHE_HOME": state.path + "/cache", "XDG_STATE_HOME": state.path,
        ]
        let hint = "'helm' is not installed or not on PATH; install helm (https://helm.sh/docs/intro/install/)"
        // Planning reads the releases with helm: it stops there.
        let uninstall = try await Kagent.run(
            ["--kubeconfig", Sandbox.kubeconfig, "--yes", "--output", "json", "uninstall the frontend release"],
            environment: environment)
        #expect(uninstall.exitCode == 1, "\(uninstall.stdout)\(uninstall.stderr)")
        let planning = try Kagent.json(uninstall)
        #expect((planning["message"] as? String)?.hasPrefix(hint) == true, "\(uninstall.stdout)")
        #expect(planning["executed"] == nil)
        // A plan of one helm step: the step fails with the same message, and nothing was changed.
        let list = try await Kagent.run(
            ["--kubeconfig", Sandbox.kubeconfig, "--output", "json", "helm list"], environment: environment)
        #expect(list.exitCode == 1, "\(list.stdout)\(list.stderr)")
        let running = try Kagent.json(list)
        #expect(Self.statuses(running) == ["failed"])
        #expect((Self.results(running).first?["error"] as? String)?.hasPrefix(hint) == true, "\(list.stdout)")
        #expect((running["message"] as? String)?.contains("Nothing was changed.") == true, "\(list.stdout)")
    }

    @Test("without docker, a compose plan's step fails naming docker and how to get it; nothing else runs")
    func dockerMissing() async throws {
        let state = try TemporaryFolder()
        let path = Sandbox.searchPath.filter { ProcessRunner(searchPath: [$0]).locate("docker") == nil }
        let result = try await Kagent.run(
            [
                "--offline", "--project-dir", Repository.examples.path, "--yes", "--output", "json",
                "start the srvthreds databases and docker ps",
            ],
            environment: [
                "PATH": path.joined(separator: ":"), "XDG_CACHE_HOME": state.path + "/cache",
                "XDG_STATE_HOME": state.path,
            ])
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        let json = try Kagent.json(result)
        #expect(Self.statuses(json) == ["failed", "skipped"], "\(result.stdout)")
        #expect(
            (Self.results(json).first?["error"] as? String)?.hasPrefix("'docker' is not installed or not on PATH")
                == true,
            "\(result.stdout)")
        #expect((json["message"] as? String)?.contains("not run  2.") == true, "\(result.stdout)")
    }

    @Test("an unreachable cluster is said plainly with the address, exit 1, and no step ran")
    func clusterUnreachable() async throws {
        try Sandbox.require()
        let port = try await FakeModelServer.closedPort()
        let folder = try TemporaryFolder()
        let kubeconfig = try folder.unreachableKubeconfig(port: port).path
        let result = try await Kagent.run(
            ["--kubeconfig", kubeconfig, "--yes", "--output", "json", "scale backend to 3"],
            environment: ["XDG_STATE_HOME": folder.path])
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        let json = try Kagent.json(result)
        let message = try #require(json["message"] as? String)
        #expect(message.hasPrefix("cannot reach the cluster; is it running and is the context right?"), "\(message)")
        #expect(message.contains("127.0.0.1:\(port)"), "the address is shown: \(message)")
        #expect((json["steps"] as? [Any])?.isEmpty == true)
        #expect(json["executed"] == nil)
        #expect(try Self.audit(folder).isEmpty)
    }

    // MARK: - The API server's 403, 404 and 409

    @Test("403: a user who may only look is refused in validation, with the server's message, and nothing runs")
    func forbidden() async throws {
        try await Sandbox.withNamespace("403") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let state = try TemporaryFolder()
            let result = try await Kagent.run(
                [
                    "--kubeconfig", Sandbox.viewerKubeconfig, "-n", ns, "--yes", "--output", "json",
                    "scale backend to 3",
                ],
                environment: ["XDG_STATE_HOME": state.path])
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            let message = try #require(json["message"] as? String)
            #expect(message.hasPrefix("the API server rejected the plan, so nothing ran"), "\(message)")
            #expect(message.contains("the cluster refused: your user may not do this"), "\(message)")
            #expect(
                message.contains(
                    "Error from server (Forbidden): deployments.apps \"todo-backend\" is forbidden: "
                        + "User \"kagent-viewer\" cannot patch resource \"deployments/scale\""), "\(message)")
            #expect(message.contains("--dry-run=server"), "the rejected check is shown: \(message)")
            #expect(json["executed"] == nil, "nothing ran")
            #expect(try Self.audit(state).isEmpty)
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test("404: the object deleted between planning and running; the server's NotFound is shown, the rest not run")
    func deletedBeforeRunning() async throws {
        try await Sandbox.withNamespace("404") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let fake = try FakeKubectl(
                faulting: [" scale "],
                with: .before([
                    [
                        "--kubeconfig=\(Sandbox.kubeconfig)", "delete", "deployment", "todo-backend",
                        "--namespace=\(ns)", "--wait=true",
                    ]
                ]))
            let state = try TemporaryFolder()
            let result = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "--output", "json", "scale backend to 3"],
                environment: fake.environment.merging(["XDG_STATE_HOME": state.path]) { _, new in new })
            #expect(fake.faulted, "the stand-in never saw the change: \(result.stdout)\(result.stderr)")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            #expect(Self.statuses(json) == ["failed", "skipped", "skipped"])
            let error = try #require(Self.results(json).first?["error"] as? String)
            #expect(error.hasPrefix("the object does not exist"), "\(error)")
            #expect(
                error.contains("deployments.apps \"todo-backend\" not found"), "the server's message: \(error)")
            let message = try #require(json["message"] as? String)
            #expect(message.contains("not run  2.") && message.contains("not run  3."), "\(message)")
            #expect(message.contains("No changing step completed"), "\(message)")
            #expect(try Self.audit(state).map(\.status) == ["failed"])
            let gone = try await Sandbox.kubectl("get", "deployment/todo-backend", "--namespace=\(ns)")
            #expect(gone.stderr.contains("NotFound"), "kagent did not bring it back: \(gone.stdout)\(gone.stderr)")
        }
    }

    @Test("409: the namespace created between planning and running; the server's AlreadyExists is shown")
    func conflictAlreadyExists() async throws {
        try await Sandbox.withNamespace("409") { ns in
            let name = "\(ns)-new"
            let fake = try FakeKubectl(
                faulting: [" create namespace \(name) "],
                with: .before([["--kubeconfig=\(Sandbox.kubeconfig)", "create", "namespace", name]]))
            let state = try TemporaryFolder()
            let result = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "--yes", "--output", "json", "create namespace \(name)"],
                environment: fake.environment.merging(["XDG_STATE_HOME": state.path]) { _, new in new })
            _ = try? await Sandbox.kubectl("delete", "namespace", name, "--wait=false")
            #expect(fake.faulted, "the stand-in never saw the change: \(result.stdout)\(result.stderr)")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            #expect(Self.statuses(json) == ["failed", "skipped"])
            let failed = try #require(Self.results(json).first)
            #expect(failed["exit_code"] as? Int == 1)
            let error = try #require(failed["error"] as? String)
            #expect(
                error.contains("Error from server (AlreadyExists): namespaces \"\(name)\" already exists"), "\(error)")
            #expect(error.contains("command: kubectl --kubeconfig=\(Sandbox.kubeconfig) create namespace \(name)"))
            let message = try #require(json["message"] as? String)
            #expect(message.contains("not run  2. check that namespace \(name) is active"), "\(message)")
            #expect(try Self.audit(state).map(\.status) == ["failed"])
        }
    }

    @Test("a relative scale whose replicas changed after planning is refused by --current-replicas; no stale write")
    func conflictCurrentReplicas() async throws {
        try await Sandbox.withNamespace("cur") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let fake = try FakeKubectl(
                faulting: [" scale "],
                with: .before([
                    [
                        "--kubeconfig=\(Sandbox.kubeconfig)", "scale", "deployment/todo-backend", "--replicas=5",
                        "--namespace=\(ns)",
                    ]
                ]))
            let result = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "--output", "json", "scale backend up by 1"],
                environment: fake.environment)
            #expect(fake.faulted, "the stand-in never saw the change: \(result.stdout)\(result.stderr)")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            #expect(Self.statuses(json) == ["failed", "skipped", "skipped"])
            let error = try #require(Self.results(json).first?["error"] as? String)
            #expect(error.contains("Expected replicas to be 1, was 5"), "\(error)")
            #expect(error.contains("--replicas=2 --namespace=\(ns) --current-replicas=1"), "\(error)")
            #expect(
                try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 5,
                "the plan made from 1 replica did not overwrite the 5 set since")
        }
    }

    // MARK: - Helpers

    /// kubectl against the sandbox, as kagent's plans write it.
    static func kubectl(_ arguments: [String]) -> [String] {
        ["kubectl", "--kubeconfig=\(Sandbox.kubeconfig)"] + arguments
    }

    /// The `results` of a JSON report (one per step, when steps ran).
    static func results(_ json: [String: Any]) -> [[String: Any]] {
        json["results"] as? [[String: Any]] ?? []
    }

    static func statuses(_ json: [String: Any]) -> [String] {
        results(json).compactMap { $0["status"] as? String }
    }

    /// The audit log kagent wrote under the state folder: one entry per step that ran.
    static func audit(_ state: TemporaryFolder) throws -> [AuditLog.Entry] {
        let file = state.path + "/kagent/audit.jsonl"
        guard FileManager.default.fileExists(atPath: file) else { return [] }
        return try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(AuditLog.Entry.self, from: Data($0.utf8))
        }
    }
}
