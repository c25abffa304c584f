extension ExecutionPlan {
    /// The plan again, when the API server refused an apply because a Job it applies exists with another pod template
    /// ("The Job \"srvthreds-bootstrap\" is invalid: spec.template: … field is immutable"): each such Job is
    /// deleted first (shown, validated, confirmed like every change), then the apply creates it again and it runs
    /// again. Nil for any other refusal. The apply itself can only be checked by the server once the Job is gone.
    public func recreatingJobs(refused step: PlanStep, message: String) -> ExecutionPlan? {
        guard message.contains("field is immutable"), let at = steps.firstIndex(of: step) else { return nil }
        // kubectl says `The Job "seed" is invalid`, or `Job.batch "seed" is invalid` with kustomize's apply.
        let jobs = step.existingJobs.filter {
            message.contains("Job \"\($0.name)\" is invalid") || message.contains("Job.batch \"\($0.name)\"")
        }
        guard !jobs.isEmpty else { return nil }
        // kubectl and its --kubeconfig/--context, as the apply says them.
        let kubectl = Array(step.argv.prefix { $0 != "apply" })
        var revised = self
        var apply = step
        apply.validationArgv = nil
        apply.existingJobs = []
        let deletions = jobs.map { job in
            let arguments = ["delete", "job/\(job.name)", "--namespace=\(job.namespace)", "--wait=true"]
            return PlanStep(
                argv: kubectl + arguments, mutating: true,
                summary: "delete job \(job.name) in \(job.namespace), so that the apply can create it again",
                validationArgv: kubectl + arguments + ["--dry-run=server"], timeoutSeconds: 120
            ).irreversible(
                "the apply creates job \(job.name) again, and it runs again; its earlier run's pods and logs are gone")
        }
        revised.steps.replaceSubrange(at...at, with: deletions + [apply])
        let names = jobs.map(\.name).joined(separator: ", ")
        revised.notes.append(
            "the API server refused the apply: job \(names) exists with another pod template, which a Job cannot "
                + "change; this plan deletes it first and the apply creates it again (the server checks the apply "
                + "only once it is gone)")
        return revised
    }
}
