/// Everything deployable the project on disk holds: Helm charts and their values files, Kustomize folders,
/// plain manifest folders, compose files and Dockerfiles, each in path order.
public struct ProjectInventory: Sendable, Hashable {
    public var charts: [HelmChart]
    /// Values files outside any chart folder (`deploy/values/backend-prod.yaml`).
    public var looseValuesFiles: [String]
    public var kustomizations: [Kustomization]
    public var manifestFolders: [ManifestFolder]
    public var composeFiles: [ComposeFile]
    public var dockerfiles: [ProjectDockerfile]

    public init(
        charts: [HelmChart] = [], looseValuesFiles: [String] = [], kustomizations: [Kustomization] = [],
        manifestFolders: [ManifestFolder] = [], composeFiles: [ComposeFile] = [], dockerfiles: [ProjectDockerfile] = []
    ) {
        self.charts = charts
        self.looseValuesFiles = looseValuesFiles
        self.kustomizations = kustomizations
        self.manifestFolders = manifestFolders
        self.composeFiles = composeFiles
        self.dockerfiles = dockerfiles
    }

    public var isEmpty: Bool {
        charts.isEmpty && kustomizations.isEmpty && manifestFolders.isEmpty && composeFiles.isEmpty
            && dockerfiles.isEmpty
    }
}
