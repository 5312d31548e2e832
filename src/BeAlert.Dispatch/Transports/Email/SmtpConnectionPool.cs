using System.Threading.Channels;

namespace BeAlert.Dispatch;

/// <summary>A fixed set of <see cref="SmtpConnection"/>s handed out one caller at a time; a caller waits when all are busy.</summary>
internal sealed class SmtpConnectionPool : IAsyncDisposable
{
    private readonly SmtpConnection[] _all;
    private readonly Channel<SmtpConnection> _idle;

    public SmtpConnectionPool(SmtpConnectionSettings settings, int size)
    {
        _all = new SmtpConnection[size];
        _idle = Channel.CreateBounded<SmtpConnection>(new BoundedChannelOptions(size) { SingleReader = false, SingleWriter = false });
        for (var i = 0; i < size; i++)
        {
            _all[i] = new SmtpConnection(settings);
            _idle.Writer.TryWrite(_all[i]);
        }
    }

    public int Size => _all.Length;

    /// <summary>The number of connections that are open now.</summary>
    public int OpenConnections => _all.Count(c => c.IsConnected);

    public ValueTask<SmtpConnection> RentAsync(CancellationToken cancellationToken) => _idle.Reader.ReadAsync(cancellationToken);

    public void Return(SmtpConnection connection) => _idle.Writer.TryWrite(connection);

    /// <summary>Opens every connection now, so the first sends do not pay for it; failures are left for the sends to report.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var rented = new List<SmtpConnection>(_all.Length);
        try
        {
            for (var i = 0; i < _all.Length; i++)
            {
                rented.Add(await RentAsync(cancellationToken).ConfigureAwait(false));
            }

            await Task.WhenAll(rented.Select(c => c.EnsureConnectedAsync(cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var connection in rented)
            {
                Return(connection);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _idle.Writer.TryComplete();
        foreach (var connection in _all)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
