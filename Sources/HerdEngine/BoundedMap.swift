/// The fan-out shape `herd on`, `herd cp` and `herd rcp` share: `body` for every element with at most `limit`
/// running at once, results in the elements' order, and `onEach` told of each result as it completes.
enum BoundedMap {
    static func run<Element: Sendable, Output: Sendable>(
        _ elements: [Element], limit: Int, onEach: @escaping @Sendable (Output) -> Void,
        _ body: @escaping @Sendable (Element) async -> Output
    ) async -> [Output] {
        var results = [Output?](repeating: nil, count: elements.count)
        await withTaskGroup(of: (Int, Output).self) { group in
            var next = 0
            func launch() {
                let i = next
                next += 1
                let element = elements[i]
                group.addTask { (i, await body(element)) }
            }
            while next < min(max(1, limit), elements.count) { launch() }
            while let (i, r) = await group.next() {
                results[i] = r
                onEach(r)
                if next < elements.count { launch() }
            }
        }
        return results.compactMap { $0 }
    }
}
