import Engine

/// The options every request to the engine shares, read and checked in one place.
enum RequestOptions {
    /// `seed=`: a whole number; without it, the workspace's seed source decides.
    static func seed(_ invocation: Invocation, _ workspace: Workspace) throws -> UInt64 {
        guard let text = invocation.option("seed") else { return workspace.seeds() }
        guard let value = UInt64(text) else {
            throw REPLError.badOptionValue(option: "seed", value: text, rule: "a seed is a whole number ≥ 0, e.g. seed=42")
        }
        return value
    }

    /// `n=`: how many suggestions, 1 to `limit`.
    static func count(_ invocation: Invocation, default value: Int, limit: Int = 8) throws -> Int {
        guard let text = invocation.option("n") else { return value }
        guard let number = Int(text), (1...limit).contains(number) else { throw EngineError.badCount(text, limit: limit) }
        return number
    }

    /// `alpha=`: the humanizer's 1/f exponent, 0 to 2.
    static func alpha(_ invocation: Invocation) throws -> Double? {
        guard let text = invocation.option("alpha") else { return nil }
        guard let value = Double(text), (0...2).contains(value) else {
            throw REPLError.badOptionValue(option: "alpha", value: text, rule: "alpha is 0 (white) to 2 (brown); 1 is the 1/f of real players")
        }
        return value
    }
}
