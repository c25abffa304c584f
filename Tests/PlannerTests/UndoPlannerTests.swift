import Foundation
import Intent
import Planner
import Testing

/// `undo` planned from a history held in memory (the journal on disk is tested in ExecutorsTests).
@Suite("Undo planning")
struct UndoPlannerTests {
    struct History: ChangeHistory {
        var recorded: [RecordedChange]
        func changes() -> [RecordedChange] { recorded }
    }

    func scaleBack(_ name: String) -> Reversal {
        .steps(
            summary: "scale \(name) back to 1 replica",
            [
                PlanStep(
                    argv: ["kubectl", "--context=a", "scale", "deployment/\(name)", "--replicas=1"], mutating: true,
                    summary: "scale back")
            ])
    }

    func plan(_ request: String, history: [RecordedChange]?, current: String = "a") async throws(PlannerError)
        -> ExecutionPlan
    {
        var context = PlanningContext(
            cluster: nil, kubeconfigContexts: .init(names: ["a", "b"], current: current))
        context.history = history.map { History(recorded: $0) }
        var intent = UserIntent(action: "undo")
        if request.hasPrefix("plan ") { intent["plan"] = .text(String(request.dropFirst(5))) }
        return try await Planner(context: context).plan(request: "undo", intents: [intent])
    }

    var changes: [RecordedChange] {
        [
            RecordedChange(
                id: "aaaa1111", time: Date(timeIntervalSinceNow: -7200), request: "scale api to 3", context: "a",
                reversals: [scaleBack("api")]),
            RecordedChange(
                id: "bbbb2222", time: Date(timeIntervalSinceNow: -90), request: "scale web to 5", context: "a",
                reversals: [scaleBack("web"), .impossible("the restart of web cannot be undone")]),
        ]
    }

    @Test("undo plans the last change's reversal, says what it undoes and what it cannot")
    func last() async throws {
        let plan = try await plan("undo", history: changes)
        #expect(plan.undoes == "bbbb2222")
        #expect(plan.steps.map(\.argv) == [["kubectl", "--context=a", "scale", "deployment/web", "--replicas=1"]])
        #expect(plan.notes.first == "undoes \"scale web to 5\" (plan bbbb2222, 1 minute ago)")
        #expect(plan.notes.contains("not undone: the restart of web cannot be undone"))
        #expect(plan.outcome == "undid \"scale web to 5\": scale web back to 1 replica")
    }

    @Test("undo skips what was undone; a plan id picks an older change; an undone or unknown id is refused")
    func choosing() async throws {
        var history = changes
        history[1].undone = true
        #expect(try await plan("undo", history: history).undoes == "aaaa1111")
        #expect(try await plan("plan aaaa1111", history: changes).undoes == "aaaa1111")
        await #expect(throws: PlannerError.cannotUndo("plan bbbb2222 (\"scale web to 5\") has been undone already")) {
            try await plan("plan bbbb2222", history: history)
        }
        await #expect(throws: PlannerError.self) { try await plan("plan cccc3333", history: changes) }
        history[0].undone = true
        await #expect(throws: PlannerError.cannotUndo("every change kagent recorded has been undone already")) {
            try await plan("undo", history: history)
        }
    }

    @Test("nothing recorded, no journal, or a change that cannot be undone: refused with the reason")
    func refusals() async throws {
        await #expect(
            throws: PlannerError.cannotUndo("kagent has not changed anything yet, so there is nothing to undo")
        ) {
            try await plan("undo", history: [])
        }
        await #expect(throws: PlannerError.self) { try await plan("undo", history: nil) }
        let deletion = RecordedChange(
            id: "dddd4444", time: Date(), request: "delete namespace shop", context: "a",
            reversals: [.impossible("deleting namespace shop deletes everything in it; it cannot be undone")])
        await #expect(
            throws: PlannerError.cannotUndo(
                "the last change (\"delete namespace shop\", plan dddd4444) cannot be undone: "
                    + "deleting namespace shop deletes everything in it; it cannot be undone")
        ) { try await plan("undo", history: [deletion]) }
        await #expect(
            throws: PlannerError.cannotUndo(
                "the last change (\"delete namespace shop\", plan dddd4444) cannot be undone: "
                    + "deleting namespace shop deletes everything in it; it cannot be undone; "
                    + "to undo the change before it (\"scale web to 5\"): kagent undo plan bbbb2222")
        ) { try await plan("undo", history: changes + [deletion]) }
    }

    @Test("a change made in another context is undone there, and the plan says so")
    func otherContext() async throws {
        let plan = try await plan("undo", history: changes, current: "b")
        #expect(plan.notes.contains("that change was made in context a, so the undo acts there (kubectl's is now b)"))
        #expect(plan.steps.allSatisfy { $0.argv.contains("--context=a") })
    }
}
