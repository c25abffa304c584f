/// The little the planner reads of the local project (the working directory), implemented by Executors
/// over the disk. Read-only, like ``ClusterReader``.
public protocol ProjectReader: Sendable {
    /// The Docker Compose files under the project folder (depth-limited; `.git`, `.build` and `node_modules`
    /// skipped), with their services, paths relative to the working directory, in path order.
    /// - Throws: ``PlannerError/invalidValue(slot:value:reason:)`` when the folder cannot be read.
    func composeFiles() throws(PlannerError) -> [ComposeFile]

    /// Everything deployable under the project folder: charts, values files, Kustomize folders, manifest
    /// folders, compose files, Dockerfiles. The default knows only the compose files.
    /// - Throws: ``PlannerError/invalidValue(slot:value:reason:)`` when the folder cannot be read.
    func inventory() throws(PlannerError) -> ProjectInventory

    /// Whether a path (relative to the working directory, as plans show it) exists. The default: unknown, false.
    func fileExists(_ path: String) -> Bool
}

extension ProjectReader {
    public func inventory() throws(PlannerError) -> ProjectInventory {
        ProjectInventory(composeFiles: try composeFiles())
    }

    public func fileExists(_ path: String) -> Bool { false }
}
