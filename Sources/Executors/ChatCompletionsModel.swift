import Foundation
import Intent
import Planner

/// An OpenAI-compatible chat-completions API (OpenAI, Azure's compatible endpoint, Ollama's /v1, llama.cpp, vLLM,
/// LM Studio, Gemini's compatible endpoint) asked to translate a request into intents, over ``HTTPClient``.
///
/// The answer is read strictly by ``ModelSchema``; a refused answer plans nothing.
public struct ChatCompletionsModel: IntentModel {
    public let configuration: ModelConfiguration
    public let prompt: ModelPrompt
    public var client: HTTPClient

    public init(configuration: ModelConfiguration, prompt: ModelPrompt, retryDelaySeconds: Double = 1) {
        self.configuration = configuration
        self.prompt = prompt
        self.client = HTTPClient(
            connectTimeoutSeconds: min(10, configuration.timeoutSeconds),
            totalTimeoutSeconds: configuration.timeoutSeconds, retryDelaySeconds: retryDelaySeconds)
    }

    public var displayName: String { configuration.description }

    public func intents(for request: String, catalog: RuleCatalog, clusterContext: String) async throws
        -> [UserIntent]?
    {
        let schema = ModelSchema(catalog: catalog, plannable: Planner.plannableActions)
        let system = prompt.render(schema: schema, context: clusterContext)
        let structured: [String: Any] = [
            "type": "json_schema",
            "json_schema": ["name": "kagent_intents", "schema": ModelPrompt.responseSchema(schema)],
        ]
        var response = try await client.postJSON(
            url: configuration.endpoint, body: body(system: system, request: request, format: structured),
            bearer: configuration.apiKey)
        if response.status == 400 || response.status == 422 {
            // Servers without structured outputs reject json_schema: plain JSON mode, checked just as strictly.
            response = try await client.postJSON(
                url: configuration.endpoint,
                body: body(system: system, request: request, format: ["type": "json_object"]),
                bearer: configuration.apiKey)
        }
        guard (200..<300).contains(response.status) else {
            throw HTTPError.rejected(
                url: HTTPClient.shown(configuration.endpoint), status: response.status,
                detail: HTTPClient.redact(
                    String(decoding: response.body.prefix(2_000), as: UTF8.self), secret: configuration.apiKey))
        }
        let content = try Self.content(of: response.body)
        let intents = try schema.read(content)
        guard !intents.isEmpty else { return nil }
        return intents.map { intent in
            var intent = intent
            intent.source = .model(name: displayName)
            return intent
        }
    }

    private func body(system: String, request: String, format: [String: Any]) throws -> Data {
        let object: [String: Any] = [
            "model": configuration.model, "temperature": 0,
            "messages": [["role": "system", "content": system], ["role": "user", "content": request]],
            "response_format": format,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The first choice's message text.
    static func content(of body: Data) throws(IntentError) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let choices = object["choices"] as? [[String: Any]]
        else {
            throw .modelAnswerRejected("the server's reply is not a chat completion")
        }
        guard let message = choices.first?["message"] as? [String: Any], let content = message["content"] as? String
        else {
            throw .modelAnswerRejected("the answer is empty")
        }
        return content
    }
}
