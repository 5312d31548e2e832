namespace BeAlert.Dispatch;

/// <summary>The SQLite delivery store's schema (version 1) and the marks that identify its files.</summary>
internal static class SqliteSchema
{
    /// <summary>Written to the file header's application id ("BADS": BeAlert delivery store) so foreign files are recognised.</summary>
    public const int ApplicationId = 0x42414453;

    /// <summary>The schema version this build writes and reads (the header's user_version).</summary>
    public const int Version = 1;

    /// <summary>
    /// Tables. A campaign's row number (<c>ord</c>) keys everything else and orders campaigns oldest first.
    /// <c>plan_segment</c>: runs of consecutive planned deliveries (never crossing a chunk boundary), encoded by
    /// <see cref="PlanSegmentCodec"/>. <c>status_chunk</c>: per chunk of N deliveries, four N-byte arrays: state (bit 7 =
    /// possible duplicate), error, attempts (255 = see <c>attempts_overflow</c>), channel. Provider message ids (rare,
    /// only from real transports) in two small indexed tables.
    /// </summary>
    public const string Create = """
        CREATE TABLE meta (
            key TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL);
        CREATE TABLE campaign (
            ord INTEGER PRIMARY KEY,
            id BLOB NOT NULL UNIQUE,
            name TEXT NOT NULL,
            alert_xml BLOB NOT NULL,
            channels INTEGER NOT NULL,
            priority INTEGER NOT NULL,
            is_simulation INTEGER NOT NULL,
            created_ticks INTEGER NOT NULL,
            created_offset_minutes INTEGER NOT NULL,
            status INTEGER NOT NULL,
            planned_count INTEGER NOT NULL,
            appended_count INTEGER NOT NULL,
            settings_json TEXT);
        CREATE TABLE plan_segment (
            campaign INTEGER NOT NULL,
            first_seq INTEGER NOT NULL,
            count INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (campaign, first_seq));
        CREATE TABLE status_chunk (
            campaign INTEGER NOT NULL,
            chunk INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (campaign, chunk));
        CREATE TABLE delivery_provider (
            campaign INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            provider_id TEXT NOT NULL,
            PRIMARY KEY (campaign, seq)) WITHOUT ROWID;
        CREATE TABLE provider_lookup (
            channel INTEGER NOT NULL,
            provider_id TEXT NOT NULL,
            campaign INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (channel, provider_id)) WITHOUT ROWID;
        CREATE TABLE attempts_overflow (
            campaign INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            PRIMARY KEY (campaign, seq)) WITHOUT ROWID;
        """;
}
