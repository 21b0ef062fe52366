import Foundation
import HerdCore
import Testing

/// Lines of Ollama's streaming chat answer, and the request herd sends.
@Suite struct ChatStreamLineTests {
    @Test(arguments: [
        (#"{"model":"m","created_at":"2026-11-25T20:00:00Z","message":{"role":"assistant","content":"Use "},"done":false}"#, ChatStreamLine.content("Use ")),
        (#"{"model":"m","message":{"role":"assistant","content":""},"done":true,"total_duration":12}"#, .done),
        (#"{"error":"model 'x' not found"}"#, .error("model 'x' not found")),
        ("", .content("")),
        ("not json", .garbage),
        ("[1,2]", .garbage),
        (#"{"done":false}"#, .garbage),
    ])
    func parses(line: String, expected: ChatStreamLine) {
        #expect(ChatStreamLine.parse(line) == expected)
    }

    @Test func requestCarriesContextAndQuestion() throws {
        let data = try ChatStreamLine.request(model: "llama3.2", context: "herd cluster: 3 hosts", question: "where?")
        let o = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(o["model"] as? String == "llama3.2")
        #expect(o["stream"] as? Bool == true)
        let messages = try #require(o["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"] } == ["system", "user"])
        #expect(messages[0]["content"]?.hasSuffix("herd cluster: 3 hosts") == true)
        #expect(messages[1]["content"] == "where?")
    }
}
