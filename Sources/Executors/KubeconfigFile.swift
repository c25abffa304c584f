import Foundation
import Yams

/// What kubectl's configuration says about where commands go, read from the files without running kubectl.
///
/// Follows kubectl's rules: `--kubeconfig` alone if given; else every file in `KUBECONFIG` (the first to set a
/// value wins); else `~/.kube/config`.
public struct KubeconfigFile: Sendable, Equatable {
    /// The context in use (`--context`, else current-context).
    public var context: String?
    /// Its namespace, or "default".
    public var namespace: String
    /// Its cluster's server address, when known.
    public var server: String?
    /// Every context the files define, in the order kubectl reads them.
    public var contexts: [String]
    /// The files' current-context (whatever `--context` says).
    public var currentContext: String?

    public init(
        context: String?, namespace: String, server: String?, contexts: [String] = [], currentContext: String? = nil
    ) {
        self.context = context
        self.namespace = namespace
        self.server = server
        self.contexts = contexts
        self.currentContext = currentContext
    }

    public static func read(kubeconfig: String?, context: String?) -> KubeconfigFile {
        let environment = ProcessInfo.processInfo.environment
        let files: [String]
        if let kubeconfig, !kubeconfig.isEmpty {
            files = [kubeconfig]
        } else if let list = environment["KUBECONFIG"], !list.isEmpty {
            files = list.split(separator: ":").map(String.init)
        } else {
            files = [(environment["HOME"] ?? NSHomeDirectory()) + "/.kube/config"]
        }
        var current: String?
        var contexts: [String: [String: Any]] = [:]
        var contextNames: [String] = []
        var clusters: [String: [String: Any]] = [:]
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                let document = (try? Yams.load(yaml: text)) as? [String: Any]
            else { continue }
            if current == nil, let value = document["current-context"] as? String, !value.isEmpty { current = value }
            for entry in document["contexts"] as? [[String: Any]] ?? [] {
                if let name = entry["name"] as? String, contexts[name] == nil {
                    contexts[name] = entry["context"] as? [String: Any] ?? [:]
                    contextNames.append(name)
                }
            }
            for entry in document["clusters"] as? [[String: Any]] ?? [] {
                if let name = entry["name"] as? String, clusters[name] == nil {
                    clusters[name] = entry["cluster"] as? [String: Any] ?? [:]
                }
            }
        }
        let chosen = context ?? current
        let details = chosen.flatMap { contexts[$0] }
        let namespace = (details?["namespace"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let server = (details?["cluster"] as? String).flatMap { clusters[$0]?["server"] as? String }
        return KubeconfigFile(
            context: chosen, namespace: namespace, server: server, contexts: contextNames, currentContext: current)
    }

    /// The default namespace for the connection flags in a kubectl argv.
    static func currentNamespace(kubectlArgv argv: [String]) -> String {
        let kubeconfig = argv.first { $0.hasPrefix("--kubeconfig=") }.map {
            String($0.dropFirst("--kubeconfig=".count))
        }
        let context = argv.first { $0.hasPrefix("--context=") }.map { String($0.dropFirst("--context=".count)) }
        return read(kubeconfig: kubeconfig, context: context).namespace
    }
}
