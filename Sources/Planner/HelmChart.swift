/// One Helm chart of the project (a folder with a `Chart.yaml`) and the values files that go with it.
public struct HelmChart: Sendable, Hashable {
    /// The chart's folder as helm takes it: relative to the working directory.
    public var path: String
    /// `name:` of its Chart.yaml (`todo-backend`).
    public var name: String
    /// Values files beside it (`values-dev.yaml`, `values-prod.yaml`; not the default `values.yaml`), relative
    /// to the working directory, in path order.
    public var valuesFiles: [String]

    /// Whether its templates make Deployments (waited for after installing).
    public var hasDeployments: Bool

    public init(path: String, name: String, valuesFiles: [String] = [], hasDeployments: Bool = true) {
        self.path = path
        self.name = name
        self.valuesFiles = valuesFiles
        self.hasDeployments = hasDeployments
    }

    /// The folder's own name (`backend` for `todo-app/helm/backend`).
    public var folderName: String { ProjectNames.lastComponent(path) }

    /// Whether a loose word names it: its chart name, its folder, or a part of either ("backend" for
    /// `todo-backend`).
    public func isNamed(_ word: String) -> Bool {
        ProjectNames.matches(word, names: [name, folderName])
    }
}
