namespace BeAlert.Dispatch;

/// <summary>
/// Settings of <see cref="SqliteDeliveryStore"/>. The plan is kept in chunks of <see cref="ChunkSize"/> consecutive
/// deliveries; the states of a chunk live in one row that is rewritten once per batch that touches it, and the most
/// recently used chunks stay in memory (<see cref="CachedChunks"/>), so memory stays bounded however large a campaign is.
/// </summary>
public sealed class SqliteDeliveryStoreOptions
{
    /// <summary>The database file. Created, with its schema, when it does not exist or is empty. Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// Deliveries per chunk, a power of two from 64 to 65,536. Default 4,096. Only used when the file is created; an
    /// existing store keeps the chunk size it was created with.
    /// </summary>
    public int ChunkSize { get; set; } = 4096;

    /// <summary>
    /// How many chunks' state arrays (4 bytes per delivery) stay cached for the writer. Default 1,024
    /// (16 MiB at the default chunk size). At least 2.
    /// </summary>
    public int CachedChunks { get; set; } = 1024;

    /// <summary>
    /// How each commit reaches the disk. Default <see cref="SqliteSynchronousMode.Normal"/>: in WAL mode a completed
    /// write survives a crash of the process (kill -9), which the store promises; <see cref="SqliteSynchronousMode.Full"/>
    /// also survives power loss.
    /// </summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>The database page size in bytes, a power of two from 4,096 to 65,536. Default 8,192. Only used when the file is created.</summary>
    public int PageSize { get; set; } = 8192;

    /// <summary>
    /// The WAL size, in pages, after which SQLite copies it back into the database (its <c>wal_autocheckpoint</c>).
    /// Default 8,192 (64 MiB at the default page size).
    /// </summary>
    public int WalAutoCheckpointPages { get; set; } = 8192;

    /// <summary>
    /// Whether opening runs SQLite's <c>quick_check</c> over the whole file, so that a damaged file is refused at open
    /// rather than failing later. Default <see langword="true"/>; it reads the whole file (about a second per GiB).
    /// </summary>
    public bool VerifyOnOpen { get; set; } = true;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            errors.Add($"{nameof(Path)} is required.");
        }
        else if (Path.StartsWith(':') || Path.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add($"{nameof(Path)} must be a file path (it is '{Path}').");
        }

        if (ChunkSize < 64 || ChunkSize > 65536 || (ChunkSize & (ChunkSize - 1)) != 0)
        {
            errors.Add($"{nameof(ChunkSize)} must be a power of two from 64 to 65536 (it is {ChunkSize}).");
        }

        if (CachedChunks < 2)
        {
            errors.Add($"{nameof(CachedChunks)} must be at least 2 (it is {CachedChunks}).");
        }

        if (!Enum.IsDefined(Synchronous))
        {
            errors.Add($"{nameof(Synchronous)} must be Normal or Full (it is {(int)Synchronous}).");
        }

        if (PageSize < 4096 || PageSize > 65536 || (PageSize & (PageSize - 1)) != 0)
        {
            errors.Add($"{nameof(PageSize)} must be a power of two from 4096 to 65536 (it is {PageSize}).");
        }

        if (WalAutoCheckpointPages < 1)
        {
            errors.Add($"{nameof(WalAutoCheckpointPages)} must be positive (it is {WalAutoCheckpointPages}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SqliteDeliveryStoreOptions: " + string.Join(" ", errors));
        }
    }
}
