import Executors
import Foundation
import TestSupport
import Testing

/// Where the model's configuration comes from: flags, then environment, then config file; never shown with its key.
@Suite("Model configuration")
struct ModelConfigurationTests {
    @Test("no model named anywhere: no configuration, whatever URL or key is set")
    func unconfigured() throws {
        let folder = try TemporaryFolder()
        let configuration = ModelConfiguration.resolve(
            urlFlag: nil, modelFlag: nil,
            environment: ["KAGENT_LLM_URL": "http://127.0.0.1:1/v1", "OPENAI_API_KEY": "sk-x"],
            configFile: folder.path + "/config.yaml")
        #expect(configuration == nil)
    }

    @Test("flags win over the environment, the environment over the file; OPENAI_* are fallbacks")
    func precedence() throws {
        let folder = try TemporaryFolder()
        let file = folder.path + "/kagent/config.yaml"
        try ModelConfiguration.write(url: "http://file.example/v1", model: "file-model", to: file)
        let fromFile = try #require(
            ModelConfiguration.resolve(urlFlag: nil, modelFlag: nil, environment: [:], configFile: file))
        #expect(fromFile.url == "http://file.example/v1" && fromFile.model == "file-model" && fromFile.apiKey == nil)

        let environment = [
            "KAGENT_LLM_MODEL": "env-model", "OPENAI_BASE_URL": "http://openai-base.example/v1",
            "OPENAI_API_KEY": "sk-openai",
        ]
        let fromEnvironment = try #require(
            ModelConfiguration.resolve(urlFlag: nil, modelFlag: nil, environment: environment, configFile: file))
        #expect(fromEnvironment.model == "env-model" && fromEnvironment.url == "http://openai-base.example/v1")
        #expect(fromEnvironment.apiKey == "sk-openai")

        var both = environment
        both["KAGENT_LLM_URL"] = "http://kagent.example/v1"
        both["KAGENT_LLM_API_KEY"] = "sk-kagent"
        let fromFlags = try #require(
            ModelConfiguration.resolve(
                urlFlag: "http://flag.example/v1/", modelFlag: "flag-model", environment: both, configFile: file))
        #expect(fromFlags.model == "flag-model" && fromFlags.url == "http://flag.example/v1/")
        #expect(fromFlags.apiKey == "sk-kagent")
        #expect(fromFlags.endpoint == "http://flag.example/v1/chat/completions")
        #expect(!fromFlags.description.contains("sk-kagent"))
        #expect(!String(describing: fromFlags).contains("sk-kagent"))
    }

    @Test("the config file never holds a key")
    func fileHasNoKey() throws {
        let folder = try TemporaryFolder()
        let file = folder.path + "/config.yaml"
        try ModelConfiguration.write(url: "https://api.openai.com/v1", model: "gpt-4o-mini", to: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("model: gpt-4o-mini"))
        #expect(!text.contains("key:"))
    }

    @Test("URLs are shown without user information or query")
    func shownURL() {
        #expect(HTTPClient.shown("https://user:pw@llm.example/v1?key=abc") == "https://llm.example/v1")
        #expect(HTTPClient.shown("http://127.0.0.1:8080/v1") == "http://127.0.0.1:8080/v1")
    }

    @Test("a non-HTTP URL is refused before any connection")
    func invalidURL() async {
        await #expect(throws: HTTPError.invalidURL("file:///etc/passwd")) {
            try await HTTPClient().postJSON(url: "file:///etc/passwd", body: Data(), bearer: nil)
        }
    }
}
