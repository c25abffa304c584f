import Intent
import Planner

extension RequestPipeline {
    /// Re-phrasings that would work, for errors where the user must choose (ambiguous names, near names).
    static func suggestions(for error: PlannerError, intents: [UserIntent]) -> [String]? {
        guard let intent = intents.first else { return nil }
        switch error {
        case .ambiguous(_, let candidates):
            return candidates.map { "\(rephrase(intent, name: $0.name)) -n \($0.namespace)" }
        case .notFound(_, _, _, let nearby) where !nearby.isEmpty:
            return nearby.map { rephrase(intent, name: $0) }
        default:
            return nil
        }
    }

    /// The request said again with another name: "scale todo-backend to 3".
    static func rephrase(_ intent: UserIntent, name: String) -> String {
        switch intent.action {
        case "scale":
            if let replicas = intent.number("replicas") { return "scale \(name) to \(replicas)" }
            let direction = intent.text("direction") ?? "up"
            if let by = intent.number("by") { return "scale \(name) \(direction) by \(by)" }
            if let percent = intent.number("percent") { return "scale \(name) \(direction) by \(percent)%" }
            return "scale \(name)"
        case "exec":
            let command = intent["command"]?.list?.joined(separator: " ") ?? intent.text("shell") ?? "sh"
            return "run \(command) in \(name)"
        case "port_forward":
            let ports = intent.text("ports") ?? "8080"
            return "port-forward \(name) \(ports)" + (intent.number("remote").map { ":\($0)" } ?? "")
        default:
            return "\(intent.action) \(name)"
        }
    }
}
