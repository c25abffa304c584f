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

    /// The one Dockerfile a loose name says ("backend", "todo-frontend": its folder's name, or its path's parts in
    /// order); the target's error lists the Dockerfiles when none fits, or those that do when several do.
    func dockerfile(named target: String) throws(PlannerError) -> ProjectDockerfile {
        let fitting = dockerfiles.filter { $0.isNamed(target) }
        guard let dockerfile = fitting.first else {
            let known = dockerfiles.map(\.path)
            throw .invalidValue(
                slot: "target", value: target,
                reason: "no Dockerfile in a folder of that name"
                    + (known.isEmpty ? "" : "; Dockerfiles: \(known.joined(separator: ", "))"))
        }
        guard fitting.count == 1 else {
            throw .invalidValue(
                slot: "target", value: target,
                reason: "several Dockerfiles fit: \(fitting.map(\.path).joined(separator: ", ")); "
                    + "build one with: build an image from FOLDER tagged IMAGE")
        }
        return dockerfile
    }

    public var isEmpty: Bool {
        charts.isEmpty && kustomizations.isEmpty && manifestFolders.isEmpty && composeFiles.isEmpty
            && dockerfiles.isEmpty
    }
}
