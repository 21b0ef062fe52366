/// Runs `body` with a started test bed and stops the bed afterwards, whether `body` threw or not.
public func withTestBed<T: Sendable>(
    _ count: Int, prefix: String, _ body: (TestBed) async throws -> T
) async throws -> T {
    let bed = try await TestBed.start(count, prefix: prefix)
    do {
        let result = try await body(bed)
        await bed.stop()
        return result
    } catch {
        await bed.stop()
        throw error
    }
}
