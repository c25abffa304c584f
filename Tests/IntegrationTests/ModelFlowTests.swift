import Executors
import Foundation
import TestSupport
import Testing

/// The optional language model, through the real binary and a real HTTP server on 127.0.0.1
/// (`scripts/fake-llm-server`) speaking the chat-completions protocol with canned answers.
@Suite("Model flow", .serialized)
struct ModelFlowTests {
    /// A request no rule understands.
    static let request = "give the backend a bit more capacity, three in total"
    static let key = "sk-test-secret-key-5678"

    /// kagent with the model configured through the environment, the config folder empty.
    static func kagent(
        _ arguments: [String], server: FakeModelServer?, url: String? = nil, model: String? = "test-model",
        key: String = key, timeout: Int = 5, state: TemporaryFolder? = nil
    ) async throws -> CommandResult {
        let config = try TemporaryFolder()
        var environment = [
            "XDG_CONFIG_HOME": config.path, "KAGENT_LLM_API_KEY": key, "KAGENT_LLM_TIMEOUT": String(timeout),
        ]
        // A state folder of the test's own: its undo takes back its own change, not another test's.
        if let state { environment["XDG_STATE_HOME"] = state.path }
        if let address = url ?? server?.url { environment["KAGENT_LLM_URL"] = address }
        if let model { environment["KAGENT_LLM_MODEL"] = model }
        return try await Kagent.run(arguments, environment: environment)
    }

    static func offlineJSON(_ server: FakeModelServer, key: String = key, timeout: Int = 5) async throws
        -> (CommandResult, [String: Any])
    {
        let result = try await kagent(
            ["--offline", "--dry-run", "-o", "json", request], server: server, key: key, timeout: timeout)
        return (result, try Kagent.json(result))
    }

    /// Neither the key nor anything of it in any output.
    static func expectNoKey(_ result: CommandResult, key: String = key) {
        #expect(!result.stdout.contains(key) && !result.stderr.contains(key), "the API key was printed")
        #expect(!result.stdout.contains("Bearer") && !result.stderr.contains("Bearer"))
    }

    @Test("a good answer becomes the right plan, marked as the model's; the prompt and request are right")
    func goodAnswer() async throws {
        let server = try await FakeModelServer.start(mode: "good")
        let (result, json) = try await Self.offlineJSON(server)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(json["source"] as? String == "model")
        let intent = try #require(json["intent"] as? [String: Any])
        #expect(intent["action"] as? String == "scale" && intent["name"] as? String == "backend")
        #expect(intent["replicas"] as? Int == 3)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(
            steps.first?["argv"] as? [String] == [
                "kubectl", "scale", "deployment/backend", "--replicas=3", "--namespace=default",
            ])
        Self.expectNoKey(result)
        #expect(try await server.requestCount() == 1)

        let body = try await server.lastRequest()
        #expect(body["model"] as? String == "test-model")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.last?["content"] as? String == Self.request)
        let system = try #require(messages.first?["content"] as? String)
        #expect(system.contains("- scale: ") && system.contains("namespace default"))
        #expect(!system.contains("- passthrough:"))
        let format = try #require(body["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")

        let text = try await Self.kagent(["--offline", "--dry-run", Self.request], server: server)
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout.contains("understood by the model test-model at \(server.url)"))
        #expect(text.stdout.contains("$ kubectl scale deployment/backend --replicas=3 --namespace=default"))
        Self.expectNoKey(text)
    }

    @Test(
        "refused answers plan nothing and say why",
        arguments: [
            ("invalid_json", "not JSON"),
            ("unknown_action", "'launch_rockets' is not an action kagent knows"),
            ("inject", "'backend; rm -rf /' is not a valid resource name"),
            ("command", "never runs commands written by a model"),
            ("empty", "the answer is empty"),
        ])
    func refused(mode: String, expected: String) async throws {
        let server = try await FakeModelServer.start(mode: mode)
        let (result, json) = try await Self.offlineJSON(server)
        #expect(result.exitCode == 3, "\(mode): \(result.stdout) \(result.stderr)")
        #expect(json["understood"] as? Bool == false)
        #expect((json["steps"] as? [Any])?.isEmpty == true)
        #expect(!json.keys.contains("source"))
        let message = json["message"] as? String ?? ""
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("refused"), "\(message)")
        Self.expectNoKey(result)
    }

    @Test("a model may answer with a template's slots: the plan is the template's manifest, shown and sent as it is")
    func templateAnswer() async throws {
        let answer =
            #"{"intents": [{"action": "create_role", "name": "log-peeker", "namespace": "todo", "kinds": ["pod", "pod/log"], "read": "yes"}]}"#
        let server = try await FakeModelServer.start(mode: "fixed", answer: answer)
        let result = try await Self.kagent(
            ["--offline", "--dry-run", "-o", "json", "our support folks should be able to peek at pod logs in todo"],
            server: server)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let json = try Kagent.json(result)
        #expect(json["source"] as? String == "model")
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.first?["argv"] as? [String] == ["kubectl", "create", "--filename=-", "--namespace=todo"])
        let manifest = try #require(steps.first?["stdin"] as? String, "\(result.stdout)")
        #expect(manifest.contains("kind: Role") && manifest.contains("- pods/log") && manifest.contains("- watch"))
        #expect(!manifest.contains("- delete"), "read access only: \(manifest)")
        // A job or a pod carries a command: they are not offered to the model, and an answer naming one is refused.
        let system = try #require(
            ((try await server.lastRequest())["messages"] as? [[String: Any]])?.first?["content"] as? String)
        #expect(system.contains("- create_role: ") && !system.contains("- create_job:") && !system.contains("- create_pod:"))
        Self.expectNoKey(result)
    }

    @Test(
        "a model may answer with Kubernetes objects: shown, validated by the API server, created through stdin, read back, and undone",
        .enabled(if: Sandbox.enabled))
    func objectsAnswer() async throws {
        try await Sandbox.withNamespace("modelobj") { ns in
            let answer =
                #"{"intents": [], "objects": [{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "echo", "labels": {"app": "echo"}}, "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "echo"}}, "template": {"metadata": {"labels": {"app": "echo"}}, "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0", "ports": [{"containerPort": 5678}]}]}}}}, {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "echo"}, "spec": {"selector": {"app": "echo"}, "ports": [{"port": 80, "targetPort": 5678}]}}]}"#
            let server = try await FakeModelServer.start(mode: "fixed", answer: answer)
            let request = "put an http echo server behind a service on port 80"
            let state = try TemporaryFolder()
            let made = try await Self.kagent(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", request], server: server, timeout: 10,
                state: state)
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("written by the model"), "\(made.stdout)")
            #expect(made.stdout.contains("kind: Deployment") && made.stdout.contains("kind: Service"), "\(made.stdout)")
            #expect(made.stdout.contains("the API server accepts the change"), "validated first: \(made.stdout)")
            let image = try await Sandbox.kubectlOK(
                "get", "deployment/echo", "--namespace=\(ns)",
                "--output=jsonpath={.spec.template.spec.containers[0].image} {.status.readyReplicas}")
            #expect(image == "hashicorp/http-echo:1.0 1", "\(image)")
            let port = try await Sandbox.kubectlOK(
                "get", "service/echo", "--namespace=\(ns)", "--output=jsonpath={.spec.ports[0].port}")
            #expect(port == "80")
            Self.expectNoKey(made)

            let undone = try await Self.kagent(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "undo"], server: server, state: state)
            #expect(undone.exitCode == 0, "\(undone.stdout)\(undone.stderr)")
            for object in ["deployment/echo", "service/echo"] {
                let gone = try await Sandbox.kubectl("get", object, "--namespace=\(ns)")
                #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "\(object): \(gone.stderr)")
            }

            // A Secret in the answer: refused, nothing planned, nothing created.
            let secret = try await FakeModelServer.start(
                mode: "fixed",
                answer: #"{"intents": [], "objects": [{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"}, "stringData": {"password": "hunter2"}}]}"#)
            let refused = try await Self.kagent(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "store the db password"], server: secret)
            #expect(refused.exitCode == 3, "\(refused.stdout)\(refused.stderr)")
            #expect(!(refused.stdout + refused.stderr).contains("hunter2"), "the value is never printed")
            let none = try await Sandbox.kubectl("get", "secret/db", "--namespace=\(ns)")
            #expect(!none.succeeded, "\(none.stdout)")
        }
    }

    @Test("a model that understands nothing leaves the request not understood")
    func nothing() async throws {
        let server = try await FakeModelServer.start(mode: "none")
        let (result, json) = try await Self.offlineJSON(server)
        #expect(result.exitCode == 3)
        #expect((json["message"] as? String)?.contains("did not understand it either") == true)
    }

    @Test("429 then success: one retry")
    func rateLimitedOnce() async throws {
        let server = try await FakeModelServer.start(mode: "429once")
        let (result, json) = try await Self.offlineJSON(server)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(json["source"] as? String == "model")
        #expect(try await server.requestCount() == 2)
    }

    @Test("a server without json_schema is asked again in JSON mode")
    func jsonModeFallback() async throws {
        let server = try await FakeModelServer.start(mode: "noschema")
        let (result, json) = try await Self.offlineJSON(server)
        #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr)")
        #expect(json["source"] as? String == "model")
        #expect(try await server.requestCount() == 2)
        let format = try #require(try await server.lastRequest()["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_object")
    }

    @Test("500 twice fails after one retry")
    func serverError() async throws {
        let server = try await FakeModelServer.start(mode: "500")
        let (result, json) = try await Self.offlineJSON(server)
        #expect(result.exitCode == 1)
        #expect((json["message"] as? String)?.contains("HTTP 500, also after a retry") == true, "\(json)")
        #expect((json["steps"] as? [Any])?.isEmpty == true)
        #expect(try await server.requestCount() == 2)
    }

    @Test("a slow model times out")
    func timeout() async throws {
        let server = try await FakeModelServer.start(mode: "slow")
        let started = Date()
        let (result, json) = try await Self.offlineJSON(server, timeout: 1)
        #expect(result.exitCode == 1)
        #expect((json["message"] as? String)?.contains("did not answer within 1 s") == true, "\(json)")
        // The server answers after 30 s: kagent gave up long before (a busy machine may slow the process itself
        // down by seconds, so the bound is far from both).
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("connection refused")
    func refusedConnection() async throws {
        let port = try await FakeModelServer.closedPort()
        let result = try await Self.kagent(
            ["--offline", "--dry-run", "-o", "json", Self.request], server: nil, url: "http://127.0.0.1:\(port)/v1")
        let json = try Kagent.json(result)
        #expect(result.exitCode == 1)
        #expect((json["message"] as? String)?.contains("cannot reach the model at http://127.0.0.1:\(port)") == true)
    }

    @Test("certificates are verified: a self-signed HTTPS server is refused")
    func selfSigned() async throws {
        let folder = try TemporaryFolder()
        let cert = folder.path + "/cert.pem", key = folder.path + "/key.pem"
        let made = try await ProcessRunner().run([
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
            "-keyout", key, "-out", cert,
        ])
        try #require(made.exitCode == 0, "\(made.stderr)")
        let server = try await FakeModelServer.start(
            mode: "good", environment: ["FAKE_LLM_TLS_CERT": cert, "FAKE_LLM_TLS_KEY": key])
        let result = try await Self.kagent(
            ["--offline", "--dry-run", "-o", "json", Self.request], server: server,
            url: "https://127.0.0.1:\(server.port)/v1")
        let json = try Kagent.json(result)
        #expect(result.exitCode == 1)
        #expect((json["message"] as? String)?.contains("kagent always verifies certificates") == true, "\(json)")
    }

    @Test("a wrong key is refused clearly, and no key is ever printed (even one the server echoes)")
    func wrongKey() async throws {
        let server = try await FakeModelServer.start(mode: "auth")
        let (result, json) = try await Self.offlineJSON(server, key: "sk-wrong-key-9999")
        #expect(result.exitCode == 1)
        #expect((json["message"] as? String)?.contains("refused the API key (HTTP 401)") == true, "\(json)")
        Self.expectNoKey(result, key: "sk-wrong-key-9999")

        let text = try await Self.kagent(
            ["--offline", "--dry-run", Self.request], server: server, key: "sk-wrong-key-9999")
        #expect(text.exitCode == 1)
        Self.expectNoKey(text, key: "sk-wrong-key-9999")

        let (right, rightJSON) = try await Self.offlineJSON(server, key: FakeModelServer.rightKey)
        #expect(right.exitCode == 0, "\(right.stderr)")
        #expect(rightJSON["source"] as? String == "model")
        Self.expectNoKey(right, key: FakeModelServer.rightKey)
    }

    @Test("no network call without a model, for requests the rules understand, or with --no-llm")
    func noCall() async throws {
        let server = try await FakeModelServer.start(mode: "good")
        let unconfigured = try await Self.kagent(
            ["--offline", "--dry-run", "-o", "json", Self.request], server: server, model: nil)
        #expect(unconfigured.exitCode == 3)
        let ruled = try await Self.kagent(
            ["--offline", "--dry-run", "-o", "json", "scale backend to 3"], server: server)
        #expect(ruled.exitCode == 0)
        #expect(try !Kagent.json(ruled).keys.contains("source"))
        let forbidden = try await Self.kagent(
            ["--offline", "--dry-run", "--no-llm", "-o", "json", Self.request], server: server)
        #expect(forbidden.exitCode == 3)
        #expect(try await server.requestCount() == 0)

        // --llm asks the model even for a request the rules understand.
        let forced = try await Self.kagent(
            ["--offline", "--dry-run", "--llm", "-o", "json", "restart frontend"], server: server)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(try Kagent.json(forced)["source"] as? String == "model")
        #expect(try await server.requestCount() == 1)
        // … but a request with secret values never goes to the model, even with --llm.
        let secret = try await Self.kagent(
            ["--offline", "--dry-run", "--llm", "-o", "json", "create secret db-creds with user=app password=s3cret"],
            server: server)
        #expect(secret.exitCode == 0, "\(secret.stderr)")
        #expect(try !Kagent.json(secret).keys.contains("source"))
        #expect(!secret.stdout.contains("s3cret"))
        #expect(try await server.requestCount() == 1)
        let unconfiguredForced = try await Self.kagent(
            ["--offline", "--dry-run", "--llm", "restart frontend"], server: server, model: nil)
        #expect(unconfiguredForced.exitCode == 2)
        #expect(unconfiguredForced.stderr.contains("--llm needs a model"))
    }

    @Test("a model-made plan is validated by the API server, confirmed with --yes, run and verified")
    func onSandbox() async throws {
        try await Sandbox.withNamespace("llm") { namespace in
            try await Sandbox.deploy(["web": 1], namespace: namespace)
            let answer = #"{"intents": [{"action": "scale", "name": "web", "replicas": 2}]}"#
            let server = try await FakeModelServer.start(mode: "fixed", answer: answer)
            let config = try TemporaryFolder()
            let environment = [
                "XDG_CONFIG_HOME": config.path, "KAGENT_LLM_API_KEY": Self.key, "KAGENT_LLM_URL": server.url,
                "KAGENT_LLM_MODEL": "test-model",
            ]
            let dry = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", namespace, "--dry-run", "give web a second copy"],
                environment: environment)
            #expect(dry.exitCode == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("understood by the model test-model"))
            #expect(dry.stdout.contains("the API server accepts the change"), "\(dry.stdout)")
            let system = try #require(
                (try await server.lastRequest()["messages"] as? [[String: Any]])?.first?["content"] as? String)
            #expect(system.contains("namespace \(namespace); deployments: web"), "the cluster context names web")

            let run = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", namespace, "--yes", "give web a second copy"],
                environment: environment)
            #expect(run.exitCode == 0, "\(run.stdout) \(run.stderr)")
            #expect(try await Sandbox.replicas("deployment/web", namespace: namespace).spec == 2)
            Self.expectNoKey(run)
        }
    }
}
