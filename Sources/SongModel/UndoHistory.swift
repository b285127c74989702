/// Undo and redo as snapshots of the Song value.
///
/// Songs are values with copy-on-write storage, so a snapshot costs little; each step
/// keeps the label the writer sees in `history`.
public struct UndoHistory: Sendable {
    public struct Step: Sendable {
        public var label: String
        public var song: Song?
    }

    /// Steps that can be undone, oldest first; each holds the song before that step.
    public private(set) var past: [Step] = []
    /// Steps that can be redone, most recently undone last; each holds the song before
    /// the undo.
    public private(set) var future: [Step] = []
    /// How many steps are kept. Each step holds what its change replaced (the rest is
    /// shared), a few KB on a full song; 500 steps is an afternoon of changes, and keeps
    /// a session's memory flat once reached (the soak test measures it).
    public var limit: Int

    public init(limit: Int = 500) { self.limit = limit }

    /// Every step's song given the id `id`: a song saved as a copy (a new id) stays the
    /// copy through `undo` and `redo`, and never renders as the song it was copied from.
    public mutating func giveID(_ id: String?) {
        for index in past.indices { past[index].song?.id = id }
        for index in future.indices { future[index].song?.id = id }
    }

    /// Records that `label` is about to change `song`.
    public mutating func record(_ label: String, before song: Song?) {
        past.append(Step(label: label, song: song))
        if past.count > limit { past.removeFirst(past.count - limit) }
        future.removeAll()
    }

    /// Undoes the last step: returns its label and the song to go back to.
    public mutating func undo(current: Song?) -> Step? {
        guard let step = past.popLast() else { return nil }
        future.append(Step(label: step.label, song: current))
        return step
    }

    /// Redoes the last undone step: returns its label and the song to go forward to.
    public mutating func redo(current: Song?) -> Step? {
        guard let step = future.popLast() else { return nil }
        past.append(Step(label: step.label, song: current))
        return step
    }
}
