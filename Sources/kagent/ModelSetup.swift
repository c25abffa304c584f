import Executors
import Foundation
import Intent
import Session

/// Connects the optional language model: its configuration (flags, environment, config file) and `kagent init`.
enum ModelSetup {
    static var configFile: String { UserDirectories.current().config + "/config.yaml" }

    static let howToConfigure =
        "set KAGENT_LLM_MODEL (and KAGENT_LLM_URL, KAGENT_LLM_API_KEY), pass --llm-model, or run kagent init"

    /// The configured model, or nil when none is named (then kagent never makes a network call).
    static func model(urlFlag: String?, modelFlag: String?, rulesDirectory: URL) -> (any IntentModel)? {
        guard
            let configuration = ModelConfiguration.resolve(
                urlFlag: urlFlag, modelFlag: modelFlag, environment: ProcessInfo.processInfo.environment,
                configFile: configFile)
        else { return nil }
        return ChatCompletionsModel(
            configuration: configuration, prompt: ModelPrompt.load(rulesDirectory: rulesDirectory))
    }

    /// `kagent init`: asks for the model API's URL and the model name and writes the config file. The key is never
    /// asked for or stored: it stays in the environment.
    static func initialize(terminal: Terminal) throws {
        let file = configFile
        terminal.write("kagent init writes \(file).\n")
        let url = ask(terminal, "Model API base URL", default: ModelConfiguration.defaultURL)
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            terminal.writeError("kagent: '\(url)' is not an http:// or https:// URL; nothing was written\n")
            throw ExitStatus.invalidRequest.code
        }
        let model = ask(terminal, "Model name", default: "gpt-4o-mini")
        guard !model.isEmpty, !model.contains(where: \.isWhitespace) else {
            terminal.writeError("kagent: a model name is one word; nothing was written\n")
            throw ExitStatus.invalidRequest.code
        }
        do {
            try ModelConfiguration.write(url: url, model: model, to: file)
        } catch {
            terminal.writeError("kagent: cannot write \(file): \(error.localizedDescription)\n")
            throw ExitStatus.failure.code
        }
        terminal.write(
            "Wrote \(file). Put the API key in KAGENT_LLM_API_KEY (or OPENAI_API_KEY); kagent never stores it.\n"
                + "The model is asked only when no rule understands a request; --no-llm turns it off.\n")
    }

    private static func ask(_ terminal: Terminal, _ question: String, default value: String) -> String {
        let answer = terminal.ask("\(question) [\(value)]: ")?.trimmingCharacters(in: .whitespaces) ?? ""
        return answer.isEmpty ? value : answer
    }
}
