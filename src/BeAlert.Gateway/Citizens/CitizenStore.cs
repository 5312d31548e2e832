using System.Data.Common;
using BeAlert.Dispatch;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Citizens;

/// <summary>A citizen as stored, with everything held about them (what GET /me/export returns).</summary>
internal sealed record CitizenRecord(
    long Id,
    string RegistrationId,
    string Status,
    IReadOnlyList<string> Languages,
    DeliveryChannels Channels,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CitizenContact> Contacts,
    IReadOnlyList<ResolvedAddress> Addresses,
    IReadOnlyList<ConsentEvent> Consents)
{
    public long SubscriberId => PopulationService.CitizenIdBase + Id;

    public bool IsActive => Status == CitizenStore.Active;

    /// <summary>Reachable: confirmed, consent not withdrawn, at least one verified contact.</summary>
    public Subscriber? ToSubscriber()
    {
        if (!IsActive || Consents.Count == 0 || !Consents[^1].Accepted)
        {
            return null;
        }

        var phones = Contacts.Where(c => c.Kind == CitizenContact.Phone && c.Verified).Select(c => PhoneNumber.Parse(c.Value)).ToList();
        var emails = Contacts.Where(c => c.Kind == CitizenContact.Email && c.Verified).Select(c => c.Value).ToList();
        if (phones.Count == 0 && emails.Count == 0)
        {
            return null;
        }

        var addresses = Addresses.Select(a => new SubscriberAddress(a.Street ?? string.Empty, a.HouseNumber ?? string.Empty, a.Nis, a.Lat, a.Lon) { Postcode = a.PostalCode });
        return new Subscriber(SubscriberId, phones, emails, addresses, Languages, Channels);
    }
}

/// <summary>A phone number (E.164) or e-mail address of a citizen; used only once verified with a code.</summary>
internal sealed record CitizenContact(long Id, string Kind, string Value, bool Verified, DateTimeOffset? VerifiedAt)
{
    public const string Phone = "phone";
    public const string Email = "email";
}

/// <summary>One consent event: the notice version, accepted or withdrawn, when.</summary>
internal sealed record ConsentEvent(string Version, bool Accepted, DateTimeOffset At);

/// <summary>A one-time code row (only its hash).</summary>
internal sealed record StoredCode(long Id, long CitizenId, long ContactId, string CodeHash, DateTimeOffset ExpiresAt, int Attempts, bool Used);

/// <summary>Citizens' rows in the gateway database (SQLite or PostgreSQL, same SQL).</summary>
internal sealed class CitizenStore(GatewayDatabase database, TimeProvider time)
{
    public const string Pending = "pending";
    public const string Active = "active";

    private const string ContactColumns = "id, citizen_id AS CitizenId, kind, value, position, verified, verified_at AS VerifiedAt";

    public DateTimeOffset UtcNow => time.GetUtcNow();

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<CitizenRecord> CreatePendingAsync(CitizenProfile profile, CancellationToken cancellationToken)
    {
        var registrationId = CitizenSecrets.NewRegistrationId();
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO citizens (registration_id, status, token_hash, languages, channels, created_at, confirmed_at, updated_at)
            VALUES (@registrationId, @status, NULL, @languages, @channels, @now, NULL, @now) RETURNING id
            """,
            new { registrationId, status = Pending, languages = string.Join(',', profile.Languages), channels = profile.Channels.ToString(), now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await WriteProfileAsync(connection, transaction, id, profile, [], now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (await FindAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Replaces contacts, addresses, languages and channels; contacts kept keep their verification. Records the consent event if given.</summary>
    public async Task ReplaceProfileAsync(CitizenRecord current, CitizenProfile profile, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE citizens SET languages = @languages, channels = @channels, updated_at = @now WHERE id = @id",
            new { id = current.Id, languages = string.Join(',', profile.Languages), channels = profile.Channels.ToString(), now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM citizen_contacts WHERE citizen_id = @id", new { id = current.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM citizen_addresses WHERE citizen_id = @id", new { id = current.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await WriteProfileAsync(connection, transaction, current.Id, profile, current.Contacts, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<CitizenRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CitizenRow>(new CommandDefinition(
            "SELECT id, registration_id AS RegistrationId, status, languages, channels, created_at AS CreatedAt, confirmed_at AS ConfirmedAt, updated_at AS UpdatedAt FROM citizens WHERE id = @id",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var contacts = await connection.QueryAsync<ContactRow>(new CommandDefinition(
            $"SELECT {ContactColumns} FROM citizen_contacts WHERE citizen_id = @id ORDER BY kind, position",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var addresses = await connection.QueryAsync<AddressRow>(new CommandDefinition(
            "SELECT street, house_number AS HouseNumber, postal_code AS PostalCode, nis, lat_e7 AS LatE7, lon_e7 AS LonE7, located_by AS LocatedBy FROM citizen_addresses WHERE citizen_id = @id ORDER BY position",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var consents = await connection.QueryAsync<ConsentRow>(new CommandDefinition(
            "SELECT version, accepted, at FROM consents WHERE citizen_id = @id ORDER BY id",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new CitizenRecord(
            row.Id,
            row.RegistrationId,
            row.Status,
            row.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Enum.Parse<DeliveryChannels>(row.Channels),
            DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
            row.ConfirmedAt is { } confirmed ? DateTimeOffset.FromUnixTimeMilliseconds(confirmed) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
            [.. contacts.Select(c => c.ToContact())],
            [.. addresses.Select(a => new ResolvedAddress(a.Street, a.HouseNumber, a.PostalCode is { } p ? (int)p : null, (int)a.Nis, a.LatE7 / 1e7, a.LonE7 / 1e7, a.LocatedBy))],
            [.. consents.Select(c => new ConsentEvent(c.Version, c.Accepted != 0, DateTimeOffset.FromUnixTimeMilliseconds(c.At)))]);
    }

    public async Task<long?> FindIdByRegistrationAsync(string registrationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM citizens WHERE registration_id = @registrationId",
            new { registrationId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<long?> FindIdByTokenAsync(string token, CancellationToken cancellationToken)
    {
        var hash = CitizenSecrets.Hash(token);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM citizens WHERE token_hash = @hash AND status = @status",
            new { hash, status = Active },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The active citizen with this verified phone number or e-mail address (the newest when several share it).</summary>
    public async Task<long?> FindActiveIdByVerifiedContactAsync(string kind, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            """
            SELECT c.id FROM citizens c JOIN citizen_contacts k ON k.citizen_id = c.id
            WHERE k.kind = @kind AND k.value = @value AND k.verified = 1 AND c.status = @status
            ORDER BY c.id DESC LIMIT 1
            """,
            new { kind, value, status = Active },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Replaces the citizen's access token (a sign-in with a code): the previous token stops working.</summary>
    public async Task ReplaceTokenAsync(long id, string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE citizens SET token_hash = @tokenHash WHERE id = @id AND status = @status",
            new { id, tokenHash, status = Active },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<long>> ActiveIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM citizens WHERE status = @status ORDER BY id",
            new { status = Active },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. ids];
    }

    /// <summary>Marks the registration confirmed and the contact verified; stores the token's hash.</summary>
    public async Task ActivateAsync(long id, long contactId, string tokenHash, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE citizens SET status = @status, token_hash = @tokenHash, confirmed_at = @now, updated_at = @now WHERE id = @id",
            new { id, status = Active, tokenHash, now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await MarkVerifiedAsync(connection, transaction, id, contactId, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task VerifyContactAsync(long id, long contactId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await MarkVerifiedAsync(connection, null, id, contactId, Now, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordConsentAsync(long id, ConsentInput consent, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await InsertConsentAsync(connection, null, id, consent, Now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Erases a citizen: their rows, codes, consents and group memberships (GDPR art. 17).</summary>
    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sqlite = database.Dialect.Provider == StorageProvider.Sqlite;
        if (sqlite)
        {
            // Deleted rows are overwritten with zeros, not left in free space (this pooled connection keeps it on).
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA secure_delete = ON", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var subscriberId = PopulationService.CitizenIdBase + id;
        foreach (var sql in new[]
        {
            "DELETE FROM audience_group_members WHERE subscriber_id = @subscriberId",
            "DELETE FROM verification_codes WHERE citizen_id = @id",
            "DELETE FROM consents WHERE citizen_id = @id",
            "DELETE FROM citizen_contacts WHERE citizen_id = @id",
            "DELETE FROM citizen_addresses WHERE citizen_id = @id",
            "DELETE FROM citizens WHERE id = @id",
        })
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { id, subscriberId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (sqlite)
        {
            // The WAL still holds the pages as they were before: copy it back and empty it.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Registrations never confirmed within a day (they hold personal data without consent being proven), at most 1,000:
    /// <see cref="CitizenErasure.PurgeStalePendingAsync"/> erases them, dispatch data included.
    /// </summary>
    public async Task<IReadOnlyList<long>> StalePendingIdsAsync(CancellationToken cancellationToken)
    {
        var before = Now - (long)TimeSpan.FromDays(1).TotalMilliseconds;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM citizens WHERE status = @status AND created_at < @before ORDER BY id LIMIT 1000",
            new { status = Pending, before },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }

    /// <summary>The ids of the groups a citizen belongs to (for the export).</summary>
    public async Task<IReadOnlyList<GroupMembership>> GroupsOfAsync(long subscriberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MembershipRow>(new CommandDefinition(
            "SELECT g.id, g.name, g.authority_id AS AuthorityId FROM audience_group_members m JOIN audience_groups g ON g.id = m.group_id WHERE m.subscriber_id = @subscriberId ORDER BY g.id",
            new { subscriberId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new GroupMembership(r.Id, r.Name, r.AuthorityId))];
    }

    // One-time codes.

    public async Task<long> InsertCodeAsync(long citizenId, long contactId, string destinationHash, string codeHash, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE verification_codes SET used_at = @now WHERE citizen_id = @citizenId AND contact_id = @contactId AND used_at IS NULL",
            new { citizenId, contactId, now },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO verification_codes (citizen_id, contact_id, destination_hash, code_hash, created_at, expires_at, attempts, used_at)
            VALUES (@citizenId, @contactId, @destinationHash, @codeHash, @now, @expires, 0, NULL) RETURNING id
            """,
            new { citizenId, contactId, destinationHash, codeHash, now, expires = now + (long)CitizenSecrets.CodeLifetime.TotalMilliseconds },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> CountCodesSinceAsync(string destinationHash, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM verification_codes WHERE destination_hash = @destinationHash AND created_at >= @since",
            new { destinationHash, since = since.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The newest code for a contact (used or not), or null.</summary>
    public async Task<StoredCode?> LatestCodeAsync(long citizenId, long? contactId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<CodeRow>(new CommandDefinition(
            """
            SELECT id, citizen_id AS CitizenId, contact_id AS ContactId, code_hash AS CodeHash, expires_at AS ExpiresAt, attempts, used_at AS UsedAt
            FROM verification_codes WHERE citizen_id = @citizenId AND (@contactId IS NULL OR contact_id = @contactId) ORDER BY id DESC LIMIT 1
            """,
            new { citizenId, contactId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new StoredCode(row.Id, row.CitizenId, row.ContactId, row.CodeHash, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt), (int)row.Attempts, row.UsedAt is not null);
    }

    /// <summary>Counts a wrong attempt; returns the attempts made so far.</summary>
    public async Task<int> CountAttemptAsync(long codeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE verification_codes SET attempts = attempts + 1 WHERE id = @codeId RETURNING attempts",
            new { codeId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Uses a code once: false when another request used it first.</summary>
    public async Task<bool> UseCodeAsync(long codeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE verification_codes SET used_at = @now WHERE id = @codeId AND used_at IS NULL",
            new { codeId, now = Now },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    private static async Task MarkVerifiedAsync(DbConnection connection, DbTransaction? transaction, long id, long contactId, long now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE citizen_contacts SET verified = 1, verified_at = @now WHERE id = @contactId AND citizen_id = @id",
            new { id, contactId, now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);

    private static async Task WriteProfileAsync(DbConnection connection, DbTransaction transaction, long id, CitizenProfile profile, IReadOnlyList<CitizenContact> previous, long now, CancellationToken cancellationToken)
    {
        async Task WriteContactsAsync(string kind, IReadOnlyList<string> values)
        {
            for (var i = 0; i < values.Count; i++)
            {
                var kept = previous.FirstOrDefault(c => c.Kind == kind && string.Equals(c.Value, values[i], StringComparison.OrdinalIgnoreCase) && c.Verified);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO citizen_contacts (citizen_id, kind, value, position, verified, verified_at) VALUES (@id, @kind, @value, @position, @verified, @verifiedAt)",
                    new { id, kind, value = values[i], position = (long)i, verified = kept is null ? 0 : 1, verifiedAt = kept?.VerifiedAt?.ToUnixTimeMilliseconds() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        await WriteContactsAsync(CitizenContact.Phone, profile.Phones).ConfigureAwait(false);
        await WriteContactsAsync(CitizenContact.Email, profile.Emails).ConfigureAwait(false);
        for (var i = 0; i < profile.Addresses.Count; i++)
        {
            var a = profile.Addresses[i];
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO citizen_addresses (citizen_id, position, street, house_number, postal_code, nis, lat_e7, lon_e7, located_by)
                VALUES (@id, @position, @Street, @HouseNumber, @postalCode, @nis, @lat, @lon, @LocatedBy)
                """,
                new { id, position = (long)i, a.Street, a.HouseNumber, postalCode = (long?)a.PostalCode, nis = (long)a.Nis, lat = (long)Math.Round(a.Lat * 1e7), lon = (long)Math.Round(a.Lon * 1e7), a.LocatedBy },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        if (profile.Consent is { } consent)
        {
            await InsertConsentAsync(connection, transaction, id, consent, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertConsentAsync(DbConnection connection, DbTransaction? transaction, long id, ConsentInput consent, long now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO consents (citizen_id, version, accepted, at) VALUES (@id, @version, @accepted, @now)",
            new { id, version = consent.Version, accepted = consent.Accepted ? 1 : 0, now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);

    private sealed class CitizenRow
    {
        public long Id { get; set; }

        public string RegistrationId { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string Languages { get; set; } = string.Empty;

        public string Channels { get; set; } = string.Empty;

        public long CreatedAt { get; set; }

        public long? ConfirmedAt { get; set; }

        public long UpdatedAt { get; set; }
    }

    private sealed class ContactRow
    {
        public long Id { get; set; }

        public long CitizenId { get; set; }

        public string Kind { get; set; } = string.Empty;

        public string Value { get; set; } = string.Empty;

        public long Position { get; set; }

        public long Verified { get; set; }

        public long? VerifiedAt { get; set; }

        public CitizenContact ToContact() => new(Id, Kind, Value, Verified != 0, VerifiedAt is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null);
    }

    private sealed class AddressRow
    {
        public string? Street { get; set; }

        public string? HouseNumber { get; set; }

        public long? PostalCode { get; set; }

        public long Nis { get; set; }

        public long LatE7 { get; set; }

        public long LonE7 { get; set; }

        public string LocatedBy { get; set; } = string.Empty;
    }

    private sealed class ConsentRow
    {
        public string Version { get; set; } = string.Empty;

        public long Accepted { get; set; }

        public long At { get; set; }
    }

    private sealed class CodeRow
    {
        public long Id { get; set; }

        public long CitizenId { get; set; }

        public long ContactId { get; set; }

        public string CodeHash { get; set; } = string.Empty;

        public long ExpiresAt { get; set; }

        public long Attempts { get; set; }

        public long? UsedAt { get; set; }
    }

    private sealed class MembershipRow
    {
        public long Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string AuthorityId { get; set; } = string.Empty;
    }
}

/// <summary>A group a citizen is a member of.</summary>
internal sealed record GroupMembership(long GroupId, string Name, string AuthorityId);
