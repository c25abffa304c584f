import Intent
import TestSupport
import Testing

/// Chat and markdown layout around a request is taken off before its words are read.
@Suite("Chat layout")
struct ChatMarkupTests {
    @Test(
        "headings, quotes, bold markers and line labels go; the request stays",
        arguments: [
            ("**Request:** roll back the `todo-frontend` release", "roll back the `todo-frontend` release"),
            ("## Ask\nshow the logs of `api`", "show the logs of `api`"),
            ("> The frontend won't load.\n> What's wrong with it?", "The frontend won't load.\nWhat's wrong with it?"),
            ("Context: namespace `todo`\nTask: restart the backend", "namespace `todo`\nrestart the backend"),
            ("restart the backend", "restart the backend"),
            ("scale web-app to 3 - now", "scale web-app to 3 - now"),
            ("the context of the api: is it up?", "the context of the api: is it up?"),
        ])
    func layoutGoes(request: String, plain: String) {
        #expect(ChatMarkup.plain(request) == plain)
    }

    @Test("a list of steps is one request of several parts, in order")
    func listOfSteps() throws {
        #expect(
            ChatMarkup.plain("- step 1: scale `web-app` to 3\n- step 2: restart `web-service`.")
                == "scale `web-app` to 3 and restart `web-service`")
        #expect(ChatMarkup.plain("1. restart api\n2) scale api to 2") == "restart api and scale api to 2")
        let outcome = try Catalog.shared.parse("- scale `web-app` to 3\n- restart `web-service`")
        guard case .understood(let intents) = outcome else {
            Issue.record("not understood: \(outcome)")
            return
        }
        #expect(intents.map(\.action) == ["scale", "restart"])
    }

    @Test("a quote marker is no shell syntax; a '>' inside a line still is")
    func quoteIsNoShellSyntax() throws {
        #expect(throws: Never.self) { try Catalog.shared.parse("> the api is down\n> can you restart it?") }
        #expect(throws: IntentError.self) { try Catalog.shared.parse("get pods > out.txt") }
    }
}
