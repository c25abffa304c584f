/// A Dockerfile of the project and the folder it builds (its build context).
public struct ProjectDockerfile: Sendable, Hashable {
    /// The Dockerfile, relative to the working directory.
    public var path: String
    /// The folder holding it: the build context.
    public var folder: String
    /// The base image of its last stage (`FROM python:3.12-slim`), if read.
    public var baseImage: String?

    public init(path: String, folder: String, baseImage: String? = nil) {
        self.path = path
        self.folder = folder
        self.baseImage = baseImage
    }

    /// The name of what it builds: its folder's name (`backend`, `engine`).
    public var name: String { ProjectNames.lastComponent(folder) }

    /// Whether a word names it: its folder's name, or parts of its path in order ("todo-frontend" for
    /// `todo-app/frontend`).
    public func isNamed(_ word: String) -> Bool { ProjectNames.matches(word, names: [name, folder]) }
}
