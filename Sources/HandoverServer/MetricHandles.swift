import Synchronization

/// Metric handles kept by their label values, made once through the registry.
///
/// The registry's `makeCounter` builds and validates the metric's full name, sorts its labels and
/// takes the registry's lock on every call; at a few thousand requests a second that lookup was
/// measurable in profiles. A handle, once made, is the same object the registry would return.
final class MetricHandles<Handle: Sendable>: Sendable {
    private let handles = Mutex<[[String]: Handle]>([:])

    /// The handle for `labelValues`, made with `make` the first time those values are seen.
    func handle(_ labelValues: [String], make: () -> Handle) -> Handle {
        handles.withLock { handles in
            if let handle = handles[labelValues] { return handle }
            let handle = make()
            handles[labelValues] = handle
            return handle
        }
    }
}
