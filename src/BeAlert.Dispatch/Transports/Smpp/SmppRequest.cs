using System.Threading.Tasks.Sources;

namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// One request of a session waiting for its response: the awaitable a sender waits on, reused from a small pool so a
/// submit allocates no task. Its version changes on every reuse, so a <see cref="ValueTask{TResult}"/> kept from an
/// earlier use fails (<see cref="InvalidOperationException"/>) instead of seeing another request's answer. A request
/// is completed exactly once, by whoever removes it from the session's table of pending requests (the response, the
/// timeout sweep, the close, or the sender's cancellation).
/// </summary>
internal sealed class SmppRequest : IValueTaskSource<SmppResponse>
{
    private ManualResetValueTaskSourceCore<SmppResponse> _core;

    public SmppCommandId CommandId { get; set; }

    public uint Sequence { get; set; }

    public long StartedAt { get; set; }

    public bool IsKeepAlive { get; set; }

    /// <summary>Whether a sender awaits <see cref="Task"/> (false for keep-alives nobody waits for).</summary>
    public bool HasWaiter { get; set; }

    public object? AcceptedState { get; set; }

    /// <summary>The token of the current use.</summary>
    public short Version => _core.Version;

    /// <summary>What the sender awaits for the current use.</summary>
    public ValueTask<SmppResponse> Task => new(this, _core.Version);

    /// <summary>
    /// Completes the current use. <paramref name="inline"/> runs the sender's continuation on this thread (the reader
    /// loop, which expects it); otherwise it runs on the thread pool (timers, close, cancellation).
    /// </summary>
    public void Complete(SmppResponse response, bool inline)
    {
        _core.RunContinuationsAsynchronously = !inline;
        _core.SetResult(response);
    }

    /// <summary>Completes the current use with an exception (cancellation), continuing on the thread pool.</summary>
    public void Fail(Exception exception)
    {
        _core.RunContinuationsAsynchronously = true;
        _core.SetException(exception);
    }

    /// <summary>Makes the request ready for another use (a new version); only after the sender got its result.</summary>
    public void Reset()
    {
        _core.Reset();
        CommandId = default;
        Sequence = 0;
        StartedAt = 0;
        IsKeepAlive = false;
        HasWaiter = false;
        AcceptedState = null;
    }

    /// <inheritdoc/>
    public SmppResponse GetResult(short token) => _core.GetResult(token);

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
