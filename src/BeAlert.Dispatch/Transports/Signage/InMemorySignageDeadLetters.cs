using System.Collections.Concurrent;

namespace BeAlert.Dispatch;

/// <summary>
/// Dead letters in memory, at most <see cref="Capacity"/> of them: when full, saving a new one evicts the oldest and
/// counts it in <see cref="EvictedCount"/> (so an operator can see that some were lost). Thread-safe.
/// </summary>
public sealed class InMemorySignageDeadLetters : ISignageDeadLetters
{
    private readonly ConcurrentDictionary<Guid, SignageDeadLetter> _letters = new();
    private readonly Lock _gate = new();
    private long _evicted;

    /// <summary>Creates an empty list.</summary>
    /// <param name="capacity">The most dead letters kept (1 to 1,000,000). Default 10,000.</param>
    public InMemorySignageDeadLetters(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1_000_000);
        Capacity = capacity;
    }

    /// <summary>The most dead letters kept.</summary>
    public int Capacity { get; }

    /// <summary>How many dead letters were evicted because the list was full.</summary>
    public long EvictedCount => Interlocked.Read(ref _evicted);

    /// <inheritdoc/>
    public ValueTask SaveAsync(SignageDeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        lock (_gate)
        {
            if (!_letters.ContainsKey(letter.Id) && _letters.Count >= Capacity)
            {
                var oldest = _letters.Values.MinBy(l => l.FailedAt);
                if (oldest is not null && _letters.TryRemove(oldest.Id, out _))
                {
                    Interlocked.Increment(ref _evicted);
                }
            }

            _letters[letter.Id] = letter;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<SignageDeadLetter>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<SignageDeadLetter>>([.. _letters.Values.OrderBy(l => l.FailedAt).ThenBy(l => l.Id)]);

    /// <inheritdoc/>
    public ValueTask<SignageDeadLetter?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_letters.TryGetValue(id, out var letter) ? letter : null);

    /// <inheritdoc/>
    public ValueTask<bool> DismissAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_letters.TryRemove(id, out _));
        }
    }
}
