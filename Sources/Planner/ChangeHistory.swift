import Foundation

/// The changes kagent made, newest last, with how to put each back: what `kagent undo` plans from.
///
/// Declared here, kept by Executors (the undo journal in the user's state folder).
public protocol ChangeHistory: Sendable {
    /// Every recorded change still kept, oldest first.
    func changes() -> [RecordedChange]
}

/// One plan that ran and changed something, as the undo journal keeps it.
public struct RecordedChange: Sendable, Hashable {
    /// The plan's id (the audit log's `plan`).
    public var id: String
    public var time: Date
    /// The request as shown (secret values hidden).
    public var request: String
    /// The kubeconfig context it ran against, when known.
    public var context: String?
    /// The reversals of the changing steps that ran, last change first (impossible ones say why).
    public var reversals: [Reversal]
    /// Whether `kagent undo` has put it back.
    public var undone: Bool

    public init(
        id: String, time: Date, request: String, context: String?, reversals: [Reversal], undone: Bool = false
    ) {
        self.id = id
        self.time = time
        self.request = request
        self.context = context
        self.reversals = reversals
        self.undone = undone
    }

    /// The steps that put it back, in order.
    public var undoSteps: [PlanStep] { reversals.flatMap(\.steps) }
}
