import Executors
import Foundation
import Planner
import TestSupport
import Testing

@Suite("Project reader on the disk")
struct DiskProjectReaderTests {
    @Test("finds compose files by name, depth-limited, skipping .git, .build and node_modules, with their services")
    func composeFiles() throws {
        let folder = try TemporaryFolder()
        let compose = """
            name: shop-db
            services:
              mongo:
                image: mongo:7.0
                ports: ["27017:27017"]
              api:
                build: ./api
            """
        try folder.write("a/b/docker-compose-db.yml", contents: compose)
        try folder.write("compose.yaml", contents: "services:\n  web:\n    image: nginx:1.27\n")
        try folder.write("node_modules/x/docker-compose.yml", contents: compose)
        try folder.write(".build/docker-compose.yml", contents: compose)
        try folder.write(".git/compose.yml", contents: compose)
        try folder.write("deep/1/2/3/docker-compose.yml", contents: compose)
        try folder.write("values.yaml", contents: "services:\n  web: {}\n")
        try folder.write("composer.yml", contents: "services:\n  web: {}\n")
        try folder.write("docker-compose.override.yml", contents: "version: '3'\n")

        let files = try DiskProjectReader(root: folder.url, maximumDepth: 3).composeFiles()
        #expect(files.map(\.path) == ["a/b/docker-compose-db.yml", "compose.yaml"])
        let db = try #require(files.first)
        #expect(db.name == "shop-db")
        #expect(db.services == [.init(name: "mongo", image: "mongo:7.0"), .init(name: "api", image: nil)])
        #expect(db.databaseServices.map(\.name) == ["mongo"])
        let deeper = try DiskProjectReader(root: folder.url, maximumDepth: 4).composeFiles()
        #expect(deeper.map(\.path).contains("deep/1/2/3/docker-compose.yml"))
    }

    @Test("the repository's examples have the two compose files the corpus relies on")
    func examples() throws {
        let files = try DiskProjectReader(root: Repository.examples).composeFiles()
        #expect(
            files.map(\.path) == [
                "srvthreds/infrastructure/local/docker/compose/docker-compose-db.yml", "todo-app/docker-compose.yml",
            ])
        #expect(files.first?.services.map(\.name) == ["mongo", "redis", "rabbitmq"])
        #expect(files.last?.databaseServices.map(\.name) == ["db"])
    }

    @Test("a missing folder is an error naming it")
    func missing() {
        #expect(throws: PlannerError.self) {
            try DiskProjectReader(root: URL(fileURLWithPath: "/nonexistent-kagent")).composeFiles()
        }
    }
}
