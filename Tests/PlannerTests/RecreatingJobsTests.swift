import Planner
import Testing

/// The way through a Job the API server cannot change: its deletion before the apply, only for that refusal.
@Suite("Re-applying a Job")
struct RecreatingJobsTests {
    static let apply: PlanStep = {
        var step = PlanStep(
            argv: ["kubectl", "--context=dev", "apply", "-k", "overlays/dev"], mutating: true, summary: "apply overlays/dev",
            validationArgv: ["kubectl", "--context=dev", "apply", "-k", "overlays/dev", "--dry-run=server"])
        step.existingJobs = [ClusterObject(kind: "job", name: "srvthreds-bootstrap", namespace: "srvthreds")]
        return step
    }()
    static let plan = ExecutionPlan(
        request: "apply the dev overlay", intents: [],
        steps: [apply, PlanStep(argv: ["kubectl", "wait"], mutating: false, summary: "wait")], outcome: "applied")

    @Test("an immutable Job template: the Job is deleted first, with kubectl's own context, and the apply is not pre-checked")
    func immutable() throws {
        let message =
            #"The Job "srvthreds-bootstrap" is invalid: spec.template: Invalid value: core.PodTemplateSpec{…}: field is immutable"#
        let revised = try #require(Self.plan.recreatingJobs(refused: Self.apply, message: message))
        #expect(revised.steps.count == 3)
        #expect(
            revised.steps[0].argv
                == ["kubectl", "--context=dev", "delete", "job/srvthreds-bootstrap", "--namespace=srvthreds", "--wait=true"])
        #expect(revised.steps[0].mutating && revised.steps[0].validationArgv?.last == "--dry-run=server")
        #expect(revised.steps[0].reversal?.isPossible == false, "said before it runs: the old run is gone")
        #expect(revised.steps[1].argv == Self.apply.argv && revised.steps[1].validationArgv == nil)
        #expect(revised.notes.contains { $0.contains("srvthreds-bootstrap") })
    }

    @Test("any other refusal, or a Job the apply does not hold, is not answered by a deletion")
    func otherRefusals() {
        #expect(Self.plan.recreatingJobs(refused: Self.apply, message: "spec.replicas: Invalid value: -1") == nil)
        #expect(
            Self.plan.recreatingJobs(
                refused: Self.apply, message: #"The Job "other" is invalid: spec.template: field is immutable"#) == nil)
    }
}
