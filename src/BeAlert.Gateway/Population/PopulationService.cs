using BeAlert.Dispatch;
using BeAlert.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Population;

/// <summary>
/// The people the gateway can reach: an in-memory <see cref="SubscriberDirectory"/> (spatial index over their
/// addresses) holding the synthetic demo population (<c>BeAlert:Demo:Subscribers</c>, generated at start from a seed,
/// never stored) and the registered citizens (loaded from the database by the citizens module).
/// Mutations go through <see cref="Mutate"/>; readers take <see cref="Directory"/> under <see cref="Read"/>.
/// </summary>
public sealed class PopulationService : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();

    public PopulationService(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.Value.Demo.Enabled ? options.Value.Demo.Subscribers : 0;
        Directory = count > 0 ? SyntheticBelgium.CreateDirectory(count, options.Value.Demo.Seed) : SubscriberDirectory.Create([]);
        SyntheticCount = count;
    }

    /// <summary>Synthetic subscribers have ids below this; registered citizens get ids above it.</summary>
    public const long CitizenIdBase = 1L << 40;

    public SubscriberDirectory Directory { get; }

    public long SyntheticCount { get; }

    /// <summary>Bumped by every <see cref="Mutate"/> (for indexes built from the directory, such as <see cref="StreetIndex"/>).</summary>
    public long Version => Interlocked.Read(ref _version);

    private long _version;

    public T Read<T>(Func<SubscriberDirectory, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _lock.EnterReadLock();
        try
        {
            return read(Directory);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    public void Mutate(Action<SubscriberDirectory> mutate)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        _lock.EnterWriteLock();
        try
        {
            mutate(Directory);
        }
        finally
        {
            Interlocked.Increment(ref _version);
            _lock.ExitWriteLock();
        }
    }
}
