import Foundation

/// One line of Ollama's streaming `/api/chat` answer (NDJSON): a piece of the assistant's message, the end, or an
/// error the server reports. Lines are hostile input: anything that is not such an object is `.garbage`.
public enum ChatStreamLine: Sendable, Equatable {
    case content(String)
    case done
    case error(String)
    case garbage

    /// Parses one line (without its newline); blank lines are `.content("")`.
    public static func parse(_ line: some StringProtocol) -> ChatStreamLine {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .content("") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else { return .garbage }
        if let e = object["error"] as? String { return .error(e) }
        let content = ((object["message"] as? [String: Any])?["content"] as? String) ?? ""
        if object["done"] as? Bool == true { return content.isEmpty ? .done : .content(content) }
        return object["message"] == nil ? .garbage : .content(content)
    }

    /// The request body for `model` with the cluster context as the system message and `question` as the user's.
    public static func request(model: String, context: String, question: String) throws -> Data {
        let body: [String: Any] = [
            "model": model, "stream": true,
            "messages": [
                ["role": "system", "content": "You help run work on a cluster of SSH hosts managed by herd. Current state:\n\n" + context],
                ["role": "user", "content": question],
            ],
        ]
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }
}
