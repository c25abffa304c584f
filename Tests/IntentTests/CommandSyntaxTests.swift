import Intent
import TestSupport
import Testing

/// The syntax check of literal commands: what passes through to kubectl, helm or docker word for word.
@Suite("Literal command syntax")
struct CommandSyntaxTests {
    struct Line: CustomTestStringConvertible, Sendable {
        let tool: String
        let words: String
        var testDescription: String { "\(tool) \(words)" }
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let tool: String
        let words: String
        let problem: SyntaxProblem
        var testDescription: String { "\(tool) \(words): \(problem)" }
    }

    /// Command lines people type, each one the tool takes.
    static let valid: [Line] =
        [
            "get pods -n shop -o wide", "get deploy,svc -l app=web", "get all",
            "get pods --all-namespaces --sort-by=.metadata.creationTimestamp", "get pods -oyaml",
            "describe deploy backend", "describe node/worker-1", "logs deploy/web -c app --tail 50 --since 1h",
            "logs -f web-7d9c-abcde", "logs -l app=web --tail=20", "logs web-0 -p",
            "rollout status deploy/mailer --timeout 60s", "rollout undo deployment web --to-revision 2",
            "rollout restart deployment/web", "rollout history deployment/todo-backend",
            "scale deploy web --replicas 3", "scale --replicas=0 deployment/web deployment/api",
            "expose deploy metrics-exp --port 9100 --type NodePort", "expose deploy/web --port=80 --target-port=8080",
            "set image deploy/web web=nginx:1.25", "set image deployment web *=ghcr.io/org/web:v2",
            "set env deploy/web LOG_LEVEL=debug", "set resources deploy web --limits=cpu=500m,memory=512Mi",
            "label pods web-0 tier=web --overwrite", "label pods --all tier=web", "annotate deploy web team-",
            "drain node-1 --ignore-daemonsets --delete-emptydir-data", "cordon node-1", "uncordon node-1",
            "taint nodes node-1 dedicated=db:NoSchedule", "apply -f deploy.yaml", "apply -k overlays/prod",
            "apply -f deploy.yaml --dry-run=server", "delete pod web-0 --grace-period 0 --force",
            "delete pods -l app=web", "exec -it web-0 -c app -- sh -c 'ls /'", "port-forward svc/web 8080:80",
            "create deployment web --image nginx --replicas 2", "create namespace shop",
            "create secret tls web-tls --cert tls.crt --key tls.key", "create -f job.yaml",
            "config use-context prod", "config set-context --current --namespace shop", "config view",
            "auth can-i create pods", "top pod -l app=web", "top nodes",
            "wait --for=condition=Available deploy/web --timeout 120s", "run debug --image busybox --rm -it -- sh",
            "explain deployment.spec.replicas", "api-resources", "cluster-info", "version",
            "get certificates.cert-manager.io -A", "--context prod get pods", "--kubeconfig=/tmp/k get nodes",
        ].map { Line(tool: "kubectl", words: $0) }
        + [
            "list -A", "ls", "status web", "history web --max 5", "get values web -o yaml", "get manifest web",
            "rollback web 3 --wait", "uninstall web --keep-history",
            "upgrade web ./chart -f values.yaml --install --wait --timeout 5m",
            "install redis bitnami/redis --version 18.1.0 --set architecture=standalone",
            "install demo ./examples/todo-app/helm/backend", "repo add bitnami https://charts.bitnami.com/bitnami",
            "repo update", "repo list", "template web ./chart -f values.yaml", "show values bitnami/redis",
            "dependency update ./chart", "search repo redis", "version", "env",
        ].map { Line(tool: "helm", words: $0) }
        + [
            "ps", "ps -a", "ps --filter status=exited", "images", "logs -f --tail 100 web", "exec -it web sh",
            "run -it --rm -p 8080:80 -v ./data:/data nginx:1.25", "run --rm alpine echo hello and goodbye",
            "build -t app:dev -f Dockerfile .", "build", "compose up -d --build", "compose -f compose.yml logs -f api",
            "compose down -v", "volume ls", "network ls", "system df", "stop web api", "rmi app:old",
            "tag app:dev registry.example.com/app:dev", "inspect redis", "pull nginx:1.25", "info",
        ].map { Line(tool: "docker", words: $0) }

    /// Lines that are English or typos, each refused with its reason.
    static let invalid: [Refusal] = [
        Refusal(
            tool: "kubectl", words: "rollout stauts deploy/mailer",
            problem: .unknownSubcommand("stauts", of: "kubectl rollout")),
        Refusal(
            tool: "kubectl", words: "expose deploy metrics-exp port 9100 nodeport",
            problem: .unexpectedArgument("port", of: "kubectl expose")),
        Refusal(
            tool: "kubectl", words: "set img deploy/x nginx=nginx:1.2",
            problem: .unknownSubcommand("img", of: "kubectl set")),
        Refusal(tool: "kubectl", words: "drain node-1 ignoring daemonsets", problem: .englishWord("ignoring")),
        Refusal(
            tool: "kubectl", words: "delete pod web --force-all",
            problem: .unknownOption("--force-all", of: "kubectl delete")),
        Refusal(tool: "kubectl", words: "scale deploy web", problem: .missingOption("--replicas", of: "kubectl scale")),
        Refusal(
            tool: "kubectl", words: "cordon node-1 node-2", problem: .unexpectedArgument("node-2", of: "kubectl cordon")
        ),
        Refusal(
            tool: "kubectl", words: "set image deploy/x nginx",
            problem: .unexpectedArgument("nginx", of: "kubectl set image")),
        Refusal(
            tool: "kubectl", words: "logs web-0 app extra", problem: .unexpectedArgument("extra", of: "kubectl logs")),
        Refusal(tool: "kubectl", words: "deploi web", problem: .unknownCommand("deploi")),
        Refusal(tool: "kubectl", words: "delete all pods", problem: .englishWord("all")),
        Refusal(tool: "kubectl", words: "rollout", problem: .missingSubcommand(of: "kubectl rollout")),
        Refusal(tool: "kubectl", words: "expose deploy", problem: .missingArgument(of: "kubectl expose")),
        Refusal(tool: "kubectl", words: "logs web --tail", problem: .missingValue("--tail")),
        Refusal(tool: "kubectl", words: "restart deployment web", problem: .unknownCommand("restart")),
        Refusal(tool: "kubectl", words: "set image of web-app to -image", problem: .englishWord("of")),
        Refusal(tool: "kubectl", words: "get pods without the jobs", problem: .englishWord("without")),
        Refusal(tool: "helm", words: "rollback web to 3", problem: .englishWord("to")),
        Refusal(tool: "helm", words: "lst", problem: .unknownCommand("lst")),
        Refusal(tool: "kubectl", words: "--force get pods", problem: .unknownOption("--force", of: "kubectl")),
        Refusal(tool: "helm", words: "get valuse web", problem: .unknownSubcommand("valuse", of: "helm get")),
        Refusal(
            tool: "helm", words: "upgrade web ./chart --wiat", problem: .unknownOption("--wiat", of: "helm upgrade")),
        Refusal(tool: "docker", words: "stop all containers", problem: .englishWord("all")),
        Refusal(tool: "docker", words: "compose upp", problem: .unknownSubcommand("upp", of: "docker compose")),
        Refusal(tool: "docker", words: "rm web --forse", problem: .unknownOption("--forse", of: "docker rm")),
    ]

    static func problem(_ tool: String, _ words: String) throws -> SyntaxProblem? {
        let syntax = try #require(CommandSyntax.named(tool))
        return syntax.problem(with: RequestTokenizer.tokens(of: words)[...], lexicon: Catalog.shared.lexicon)
    }

    @Test("a command line of the tool's own syntax is accepted", arguments: valid)
    func accepts(_ line: Line) throws {
        let problem = try Self.problem(line.tool, line.words)
        #expect(problem == nil, "\(line.tool) \(line.words): \(problem.map(String.init(describing:)) ?? "")")
    }

    @Test("English, typos, extra arguments and unknown options are refused, with the reason", arguments: invalid)
    func refuses(_ refusal: Refusal) throws {
        #expect(try Self.problem(refusal.tool, refusal.words) == refusal.problem)
    }

    @Test("the table holds at least 30 real command lines and every refusal kind")
    func coverage() {
        #expect(Self.valid.count >= 30)
        #expect(Set(Self.valid.map(\.tool)) == ["kubectl", "helm", "docker"])
    }

    @Test(
        "a literal command that fails the check is never passed through, with or without the tool's name",
        arguments: [
            "kubectl rollout stauts deploy/mailer", "kubectl expose deploy metrics-exp port 9100 nodeport",
            "kubectl set img deploy/x nginx=nginx:1.2", "drain node-1 ignoring daemonsets",
            "kubectl drain node-1 ignoring daemonsets", "kubectl delete pod web --force-all",
            "helm rollback web to 3", "docker stop all containers",
        ])
    func neverPassedThrough(_ request: String) throws {
        let outcome = try Catalog.shared.parse(request)
        if case .understood(let intents) = outcome {
            #expect(!intents.contains { $0.action == "passthrough" }, "\(request) passed through: \(intents)")
        }
    }
}
