import Executors
import Foundation
import TestSupport
import Testing

/// `docker build` for real, on the local engine of scripts/docker-engine (dockerd with no networks and a base
/// image imported from busybox): skipped when that engine is not running.
@Suite("Docker build on the local engine", .enabled(if: LocalDockerEngine.isUp), .serialized)
struct DockerBuildTests {
    @Test("kagent builds an image from a folder and it is in the engine with the tag asked")
    func build() async throws {
        let folder = try TemporaryFolder()
        try folder.write("app/hello.txt", contents: "hello from kagent\n")
        try folder.write(
            "app/Dockerfile",
            contents: "FROM kagent-base:busybox\nCOPY hello.txt /hello.txt\nRUN [\"/bin/cat\", \"/hello.txt\"]\n")
        let tag = "kt-build-\(UUID().uuidString.prefix(6).lowercased()):1"
        let app = folder.url.appendingPathComponent("app").path
        let result = try await Kagent.run(
            ["--offline", "--yes", "docker build -t \(tag) \(app)"],
            environment: ["DOCKER_HOST": LocalDockerEngine.host],
            timeout: 300)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("docker build --tag=\(tag) \(app)"), "\(result.stdout)")
        let inspect = try await LocalDockerEngine.docker(["image", "inspect", tag, "--format={{.Id}}"])
        #expect(inspect.succeeded && inspect.stdout.hasPrefix("sha256:"), "\(inspect.stderr)")
        _ = try await LocalDockerEngine.docker(["image", "rm", tag])

        let broken = try folder.write("bad/Dockerfile", contents: "FROM kagent-base:busybox\nCOPY missing.txt /x\n")
        let failed = try await Kagent.run(
            ["--offline", "--yes", "docker build -t kt-build-bad:1 \(broken.deletingLastPathComponent().path)"],
            environment: ["DOCKER_HOST": LocalDockerEngine.host], timeout: 300)
        #expect(failed.exitCode == 1, "\(failed.stdout)\(failed.stderr)")
        #expect(!(try await LocalDockerEngine.docker(["image", "inspect", "kt-build-bad:1"])).succeeded)
    }
}
