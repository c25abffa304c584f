/// A folder of plain Kubernetes manifests (YAML files with `apiVersion` and `kind`, no kustomization.yaml and
/// not a Helm chart's templates).
public struct ManifestFolder: Sendable, Hashable {
    /// The folder as `kubectl apply -f` takes it: relative to the working directory.
    public var path: String
    /// The objects its files define, in file order.
    public var objects: [ManifestObject]

    public init(path: String, objects: [ManifestObject]) {
        self.path = path
        self.objects = objects
    }

    public var folderName: String { ProjectNames.lastComponent(path) }

    public func isNamed(_ word: String) -> Bool { ProjectNames.matches(word, names: [folderName]) }
}
