import Planner
import Testing

/// The sentence a read answers its question with, from kubectl's own output (as kubectl v1.20 prints it).
@Suite("Answers from a read's output")
struct StepAnswerTests {
    @Test("replicas: the READY column of a deployment or statefulset")
    func replicas() {
        let deployment = """
            NAME           READY   UP-TO-DATE   AVAILABLE   AGE
            todo-backend   2/3     3            2           5m
            """
        #expect(StepAnswer.replicas.sentence(from: deployment) == "todo-backend has 3 replicas; 2 are ready.")
        let one = """
            NAME              READY   AGE
            srvthreds-cache   1/1     2d
            """
        #expect(StepAnswer.replicas.sentence(from: one) == "srvthreds-cache has 1 replica; 1 is ready.")
        #expect(StepAnswer.replicas.sentence(from: "Error from server (NotFound)") == nil)
        #expect(StepAnswer.replicas.sentence(from: "NAME   AGE\nx      1m") == nil, "no READY column: no answer")
    }

    @Test("images: one object's containers, or each pod's")
    func images() {
        let workload = """
            NAME   IMAGES
            api    shop/api:3.2,envoyproxy/envoy:v1.18
            """
        #expect(StepAnswer.images.sentence(from: workload) == "api runs shop/api:3.2 and envoyproxy/envoy:v1.18.")
        let pods = """
            POD              IMAGES
            web-app-1        nginx:1.25
            """
        #expect(StepAnswer.images.sentence(from: pods) == "web-app-1 runs nginx:1.25.")
    }

    @Test("nodes: each pod's NODE column, and a pod not scheduled yet")
    func nodes() {
        let wide = """
            NAME                    READY   STATUS    RESTARTS   AGE   IP          NODE           NOMINATED NODE   READINESS GATES
            srvthreds-engine-abc    1/1     Running   0          3m    10.88.0.5   sandbox-node   <none>           <none>
            srvthreds-engine-def    0/1     Pending   0          3m    <none>      <none>         <none>           <none>
            """
        #expect(
            StepAnswer.nodes.sentence(from: wide)
                == "srvthreds-engine-abc runs on sandbox-node; srvthreds-engine-def is on no node yet.")
        #expect(StepAnswer.nodes.sentence(from: "No resources found in todo namespace.") == nil)
    }

    @Test("version: the server's version line, as new and old kubectl print it, and no answer without a server")
    func version() {
        let new = """
            Client Version: v1.32.4
            Kustomize Version: v5.5.0
            Server Version: v1.20.2
            """
        #expect(StepAnswer.version.sentence(from: new) == "The cluster runs Kubernetes v1.20.2; kubectl is v1.32.4.")
        let old = """
            Client Version: version.Info{Major:"1", Minor:"20", GitVersion:"v1.20.2", GitCommit:"faecb196"}
            Server Version: version.Info{Major:"1", Minor:"20", GitVersion:"v1.20.2", GitCommit:"faecb196"}
            """
        #expect(StepAnswer.version.sentence(from: old) == "The cluster runs Kubernetes v1.20.2; kubectl is v1.20.2.")
        #expect(StepAnswer.version.sentence(from: "Client Version: v1.32.4\nKustomize Version: v5.5.0") == nil)
    }
}
