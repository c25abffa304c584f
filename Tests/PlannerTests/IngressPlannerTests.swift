import Intent
import Planner
import Testing

@Suite("Ingress planning")
struct IngressPlannerTests {
    static let services = [
        ClusterObject(kind: "namespace", name: "web", namespace: ""),
        ClusterObject(
            kind: "service", name: "site", namespace: "web", ports: [.init(name: "http", port: 80, targetPort: "8080")]),
        ClusterObject(
            kind: "service", name: "api", namespace: "web", ports: [.init(name: "grpc", port: 9000, targetPort: "9000")]
        ),
    ]

    func plan(_ slots: [String: SlotValue], objects: [ClusterObject], contextName: String)
        async throws(PlannerError) -> ExecutionPlan
    {
        let context = PlanningContext(
            namespace: "web", kubeContext: contextName, cluster: FixedCluster(objects: Self.services + objects))
        return try await Planner(context: context).plan(
            request: "test", intents: [UserIntent(action: "ingress", slots: slots)])
    }

    @Test("on minikube with no IngressClass, the ingress addon is enabled first and class nginx used")
    func minikubeAddon() async throws {
        let plan = try await plan(["host": "app.example.com"], objects: [], contextName: "minikube")
        #expect(plan.steps.first?.argv == ["minikube", "addons", "enable", "ingress"])
        #expect(
            plan.steps.dropFirst().first?.argv == [
                "kubectl", "--context=minikube", "create", "ingress", "site", "--namespace=web", "--class=nginx",
                "--rule=app.example.com/*=site:80",
            ])
        #expect(plan.outcome.contains("open http://app.example.com/"))
    }

    @Test("the cluster's default IngressClass; none default elsewhere is asked, with the classes")
    func defaultClass() async throws {
        let classes = [
            ClusterObject(kind: "ingressclass", name: "nginx", namespace: ""),
            ClusterObject(
                kind: "ingressclass", name: "traefik", namespace: "",
                annotations: ["ingressclass.kubernetes.io/is-default-class": "true"]),
        ]
        let plan = try await plan(["host": "app.example.com", "tls": "app-tls"], objects: classes, contextName: "prod")
        #expect(plan.steps.first?.argv.contains("--class=traefik") == true)
        #expect(plan.steps.first?.argv.contains("--rule=app.example.com/*=site:80,tls=app-tls") == true)
        #expect(plan.steps.first?.validationArgv?.last == "--dry-run=server")
        #expect(plan.outcome.contains("open https://app.example.com/"))
        do {
            _ = try await self.plan(["host": "app.example.com"], objects: [classes[0]], contextName: "prod")
            Issue.record("a class was guessed")
        } catch {
            #expect(error.localizedDescription.contains("no default IngressClass"))
            #expect(error.localizedDescription.contains("nginx"))
        }
    }

    @Test("a service with several ports and none named http: the port is asked")
    func portAsked() async throws {
        var objects = [ClusterObject(kind: "ingressclass", name: "nginx", namespace: "")]
        objects.append(
            ClusterObject(
                kind: "service", name: "multi", namespace: "web",
                ports: [.init(name: "a", port: 81, targetPort: "81"), .init(name: "b", port: 82, targetPort: "82")]))
        do {
            _ = try await plan(
                ["host": "app.example.com", "service": "multi", "class": "nginx"], objects: objects, contextName: "x")
            Issue.record("a port was guessed")
        } catch {
            #expect(error.localizedDescription.contains("has ports 81, 82"))
        }
    }
}
