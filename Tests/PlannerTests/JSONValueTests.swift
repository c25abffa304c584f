import Foundation
import Planner
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("the parser reads what JSONDecoder reads, escapes and all")
    func sameAsDecoder() throws {
        let text = #"""
            {"kind":"List","items":[{"a":1,"b":-2.5e2,"c":true,"d":false,"e":null,"f":"x\"y\\z\n\u00e9\ud83d\ude00","g":[],"h":{}}],
             "empty":"", "n": 0}
            """#
        let parsed = try JSONValue.parse(text)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(parsed == decoded)
        #expect(parsed["items"].array.first?["f"].string == "x\"y\\z\né😀")
        #expect(parsed["items"].array.first?["b"].int == -250)
    }

    @Test("broken JSON is refused with the place", arguments: ["{", "[1,]", "{\"a\" 1}", "tru", "\"open", "{} x"])
    func refused(_ text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(text) }
    }
}
