namespace BeAlert.Dispatch;

/// <summary>How hard SQLite pushes each commit to the disk (its <c>synchronous</c> setting, in WAL mode).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// A commit is written to the WAL file before it returns but not flushed to the device. Survives a crash of the
    /// process (kill -9), which is what <see cref="IDeliveryStore"/> promises; the last commits can be lost if the
    /// machine loses power or the kernel crashes. The default.
    /// </summary>
    Normal = 0,

    /// <summary>
    /// Every commit is flushed to the device (fsync) before it returns: also survives power loss, at the cost of one
    /// fsync per written batch.
    /// </summary>
    Full = 1,
}
