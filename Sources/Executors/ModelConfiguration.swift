import Foundation

/// Where the optional language model is and how to reach it: flags, then the environment, then the config file.
///
/// A model is configured only when a model name is known; without one kagent makes no network call at all.
/// The API key comes from the environment only (`KAGENT_LLM_API_KEY`, then `OPENAI_API_KEY`) and is never shown.
public struct ModelConfiguration: Sendable, CustomStringConvertible {
    /// The API's base URL (`…/v1`); requests go to `…/chat/completions`.
    public var url: String
    public var model: String
    public var apiKey: String?
    public var timeoutSeconds: Int

    public static let defaultURL = "https://api.openai.com/v1"
    public static let defaultTimeoutSeconds = 60

    public init(url: String, model: String, apiKey: String?, timeoutSeconds: Int = defaultTimeoutSeconds) {
        self.url = url
        self.model = model
        self.apiKey = apiKey
        self.timeoutSeconds = timeoutSeconds
    }

    /// Never includes the key.
    public var description: String { "\(model) at \(HTTPClient.shown(url))" }

    /// The chat-completions endpoint under the base URL.
    public var endpoint: String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/chat/completions") ? base : base + "/chat/completions"
    }

    /// The configuration from flags, environment and file, or nil when no model is named anywhere.
    /// - Parameter configFile: `$XDG_CONFIG_HOME/kagent/config.yaml`.
    public static func resolve(
        urlFlag: String?, modelFlag: String?, environment: [String: String], configFile: String
    ) -> ModelConfiguration? {
        func env(_ name: String) -> String? {
            environment[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let file = (try? ConfigurationFile.load(from: configFile))?.llm
        guard let model = modelFlag ?? env("KAGENT_LLM_MODEL") ?? file?.model, !model.isEmpty else { return nil }
        let url = urlFlag ?? env("KAGENT_LLM_URL") ?? env("OPENAI_BASE_URL") ?? file?.url ?? defaultURL
        let timeout = env("KAGENT_LLM_TIMEOUT").flatMap(Int.init) ?? file?.timeout ?? defaultTimeoutSeconds
        return ModelConfiguration(
            url: url, model: model, apiKey: env("KAGENT_LLM_API_KEY") ?? env("OPENAI_API_KEY"),
            timeoutSeconds: max(1, timeout))
    }

    /// Writes the URL and model into `config.yaml`, keeping its other settings (never a key: keys stay in the
    /// environment).
    public static func write(url: String, model: String, to path: String) throws {
        var configuration = try ConfigurationFile.load(from: path)
        configuration.llm = .init(url: url, model: model, timeout: configuration.llm?.timeout)
        try configuration.write(
            to: path,
            comment: "kagent configuration. The API key is read from KAGENT_LLM_API_KEY or OPENAI_API_KEY.")
    }
}
