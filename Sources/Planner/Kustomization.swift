/// One Kustomize directory of the project (a folder with `kustomization.yaml`): a base or an overlay of one.
public struct Kustomization: Sendable, Hashable {
    /// The folder as `kubectl apply -k` takes it: relative to the working directory.
    public var path: String
    /// The namespace it puts its objects in (its own `namespace:`, else its bases'), if any.
    public var namespace: String?
    /// The Kustomize folders it builds on (`../base` resolved against the working directory).
    public var bases: [String]
    /// The objects it makes (kind in lower case, name with prefix and suffix applied), bases' included.
    public var objects: [ManifestObject]

    public init(path: String, namespace: String? = nil, bases: [String] = [], objects: [ManifestObject] = []) {
        self.path = path
        self.namespace = namespace
        self.bases = bases
        self.objects = objects
    }

    /// Whether it builds on another Kustomize folder (an overlay: `minikube`, `prod`).
    public var isOverlay: Bool { !bases.isEmpty }

    /// The folder's own name (`minikube`).
    public var folderName: String { ProjectNames.lastComponent(path) }

    /// Whether a loose word names it: its folder name or a part of its path ("minikube", "srvthreds").
    public func isNamed(_ word: String) -> Bool {
        ProjectNames.matches(word, names: [folderName])
    }

    /// Whether a word names the project it belongs to: a folder of its path ("srvthreds").
    public func isInProject(_ word: String) -> Bool {
        ProjectNames.matches(word, names: path.split(separator: "/").map(String.init))
    }
}
