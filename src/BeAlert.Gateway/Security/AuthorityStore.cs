using BeAlert.Dispatch;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Security;

/// <summary>Authorities (operator accounts) in the gateway database.</summary>
public sealed class AuthorityStore(GatewayDatabase database, TimeProvider time)
{
    public async Task<bool> TryCreateAsync(Authority authority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authority);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO authorities (id, name, level, municipalities, agreement, trained, simulation, created_at)
            VALUES (@Id, @Name, @Level, @Municipalities, @Agreement, @Trained, @Simulation, @CreatedAt)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                authority.Id,
                authority.Name,
                Level = authority.Level.ToString(),
                Municipalities = string.Join(',', authority.Municipalities),
                Agreement = (long)authority.Agreement,
                Trained = authority.IsTrained ? 1 : 0,
                Simulation = authority.Simulation ? 1 : 0,
                CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows == 1;
    }

    public async Task<Authority?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, name, level, municipalities, agreement, trained, simulation FROM authorities WHERE id = @id",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToAuthority();
    }

    public async Task<IReadOnlyList<Authority>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, name, level, municipalities, agreement, trained, simulation FROM authorities ORDER BY id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToAuthority())];
    }

    public async Task<bool> SetSimulationAsync(string id, bool simulation, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE authorities SET simulation = @simulation WHERE id = @id",
            new { id, simulation = simulation ? 1 : 0 },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>Changes an authority's name, training, simulation switch and territory; false when the id is unknown.</summary>
    public async Task<bool> UpdateAsync(Authority authority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authority);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE authorities SET name = @Name, municipalities = @Municipalities, trained = @Trained, simulation = @Simulation WHERE id = @Id",
            new
            {
                authority.Id,
                authority.Name,
                Municipalities = string.Join(',', authority.Municipalities),
                Trained = authority.IsTrained ? 1 : 0,
                Simulation = authority.Simulation ? 1 : 0,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    internal static IReadOnlyList<int> ParseCodes(string? codes) =>
        string.IsNullOrEmpty(codes) ? [] : [.. codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))];

    private sealed class Row
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Level { get; set; } = string.Empty;

        public string Municipalities { get; set; } = string.Empty;

        public long Agreement { get; set; }

        public long Trained { get; set; }

        public long Simulation { get; set; }

        public Authority ToAuthority() => new(
            Id,
            Name,
            Enum.Parse<AuthorityLevel>(Level),
            ParseCodes(Municipalities),
            (AgreementType)Agreement,
            Trained != 0,
            Simulation != 0);
    }
}
