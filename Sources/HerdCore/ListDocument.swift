/// A `--json` / `--yaml` document that is one list under one key, e.g. `{"schema_version": 1, "jobs": [...]}`.
public struct ListDocument<Item: Encodable>: StructuredDocument {
    /// The key the list goes under (snake_case).
    public var key: String
    public var items: [Item]

    public init(_ key: String, _ items: [Item]) {
        self.key = key
        self.items = items
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(items, forKey: Key(stringValue: key))
    }
}
