import Foundation

/// A folder under the system's temporary directory, removed when the value goes away.
public final class TemporaryFolder: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kagent-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public var path: String { url.path }

    @discardableResult
    public func write(_ name: String, contents: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A kubeconfig (file `kubeconfig` here) whose only context, `gone`, names a server on 127.0.0.1 at `port`
    /// where nothing listens: kubectl fails to connect, so no request can change anything.
    @discardableResult
    public func unreachableKubeconfig(port: Int = 1) throws -> URL {
        try write(
            "kubeconfig",
            contents: """
                apiVersion: v1
                kind: Config
                current-context: gone
                clusters:
                - name: gone
                  cluster: {server: "https://127.0.0.1:\(port)", insecure-skip-tls-verify: true}
                users:
                - name: someone
                  user: {token: not-a-real-token}
                contexts:
                - name: gone
                  context: {cluster: gone, user: someone, namespace: default}
                """)
    }
}
