using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Citizens;

/// <summary>A group member who is not a registered citizen (phone E.164, e-mail normalised).</summary>
internal sealed record GroupContact(long Id, string? Name, string? Phone, string? Email, string? Language)
{
    /// <summary>Group contacts live in the population directory (no address) with ids from this base up, so groups stay dispatch <see cref="Group"/>s.</summary>
    public const long DirectoryIdBase = PopulationService.CitizenIdBase * 2;

    public long SubscriberId => DirectoryIdBase + Id;

    public Subscriber ToSubscriber() => new(
        SubscriberId,
        Phone is null ? [] : [PhoneNumber.Parse(Phone)],
        Email is null ? [] : [Email],
        [],
        Language is null ? [] : [Language],
        DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email);
}

/// <summary>A validated group definition.</summary>
internal sealed record GroupDefinition(string Name, IReadOnlyList<long> SubscriberIds, IReadOnlyList<GroupContact> Contacts, string? Polygon, string? Circle);

/// <summary>A group as stored.</summary>
internal sealed record GroupRecord(long Id, string AuthorityId, string Name, string? Polygon, string? Circle, IReadOnlyList<long> SubscriberIds, IReadOnlyList<GroupContact> Contacts, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public bool IsArea => Polygon is not null || Circle is not null;

    public Group ToDispatchGroup() => IsArea
        ? Group.OfArea(Id, Name, AuthorityId, GroupAreas.ToGeometry(Polygon, Circle, out _)!)
        : Group.OfMembers(Id, Name, AuthorityId, SubscriberIds.Concat(Contacts.Select(c => c.SubscriberId)));
}

/// <summary>Map areas of groups: CAP polygon and circle strings, turned into a geometry with the CAP geo library.</summary>
internal static class GroupAreas
{
    public static NetTopologySuite.Geometries.Geometry? ToGeometry(string? polygon, string? circle, out string? error)
    {
        error = null;
        var area = new CapArea("group area");
        try
        {
            if (polygon is not null)
            {
                var points = polygon.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(ParsePoint).ToList();
                area = area with { Polygons = [new CapPolygon(points)] };
            }

            if (circle is not null)
            {
                var parts = circle.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) || radius is <= 0 or > 200)
                {
                    error = "A circle is \"lat,lon radiusKm\" with a radius above 0 and at most 200 km.";
                    return null;
                }

                area = area with { Circles = [new CapCircle(ParsePoint(parts[0]), radius)] };
            }
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }

        var geometry = new CapAreaLocator().Locate(area);
        if (geometry.HasErrors || geometry.IsEmpty)
        {
            error = geometry.Diagnostics.Count > 0 ? string.Join(" ", geometry.Diagnostics.Select(d => d.Message)) : "The area is empty.";
            return null;
        }

        return geometry.GetGeometry();
    }

    private static CapPoint ParsePoint(string text)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0
            || !double.TryParse(text.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(text.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            throw new FormatException($"'{(text.Length > 40 ? text[..40] : text)}' is not a point \"lat,lon\".");
        }

        var point = new CapPoint(lat, lon);
        return point.IsInRange ? point : throw new FormatException($"'{text}' is out of range.");
    }
}

/// <summary>Operators' groups and contact lists in the gateway database.</summary>
internal sealed class GroupStore(GatewayDatabase database, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<long> CreateAsync(string authorityId, GroupDefinition group, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO audience_groups (authority_id, name, area_polygon, area_circle, created_at, updated_at) VALUES (@authorityId, @Name, @Polygon, @Circle, @now, @now) RETURNING id",
            new { authorityId, group.Name, group.Polygon, group.Circle, now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await InsertMembersAsync(connection, transaction, id, group.SubscriberIds, group.Contacts, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<bool> ReplaceAsync(string authorityId, long id, GroupDefinition group, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE audience_groups SET name = @Name, area_polygon = @Polygon, area_circle = @Circle, updated_at = @now WHERE id = @id AND authority_id = @authorityId",
            new { id, authorityId, group.Name, group.Polygon, group.Circle, now = Now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (rows != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM audience_group_members WHERE group_id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await InsertMembersAsync(connection, transaction, id, group.SubscriberIds, group.Contacts, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task AddContactsAsync(long id, IReadOnlyList<GroupContact> contacts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertMembersAsync(connection, transaction, id, [], contacts, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE audience_groups SET updated_at = @now WHERE id = @id", new { id, now = Now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string authorityId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var owned = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM audience_groups WHERE id = @id AND authority_id = @authorityId", new { id, authorityId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (owned != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM audience_group_members WHERE group_id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM audience_groups WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The group when it exists and belongs to the authority (null for another authority's: callers answer 404).</summary>
    public async Task<GroupRecord?> FindAsync(string authorityId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<GroupRow>(new CommandDefinition(
            "SELECT id, authority_id AS AuthorityId, name, area_polygon AS Polygon, area_circle AS Circle, created_at AS CreatedAt, updated_at AS UpdatedAt FROM audience_groups WHERE id = @id AND authority_id = @authorityId",
            new { id, authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var members = (await connection.QueryAsync<MemberRow>(new CommandDefinition(
            "SELECT id, subscriber_id AS SubscriberId, name, phone, email, language FROM audience_group_members WHERE group_id = @id ORDER BY id",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return new GroupRecord(
            row.Id,
            row.AuthorityId,
            row.Name,
            row.Polygon,
            row.Circle,
            [.. members.Where(m => m.SubscriberId is not null).Select(m => m.SubscriberId!.Value)],
            [.. members.Where(m => m.SubscriberId is null).Select(m => new GroupContact(m.Id, m.Name, m.Phone, m.Email, m.Language))],
            DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt));
    }

    public async Task<IReadOnlyList<GroupSummary>> ListAsync(string authorityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            """
            SELECT g.id, g.name, g.area_polygon AS Polygon, g.area_circle AS Circle, (SELECT COUNT(*) FROM audience_group_members m WHERE m.group_id = g.id) AS Members
            FROM audience_groups g WHERE g.authority_id = @authorityId ORDER BY g.id
            """,
            new { authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new GroupSummary(r.Id, r.Name, r.Polygon is not null || r.Circle is not null ? "area" : "members", r.Members))];
    }

    /// <summary>Every group contact, for loading them into the population directory at start.</summary>
    public async Task<IReadOnlyList<GroupContact>> AllContactsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            "SELECT id, subscriber_id AS SubscriberId, name, phone, email, language FROM audience_group_members WHERE subscriber_id IS NULL ORDER BY id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(m => new GroupContact(m.Id, m.Name, m.Phone, m.Email, m.Language))];
    }

    // Contact lists.

    public async Task<long> CreateListAsync(string authorityId, string name, IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(contacts.Select(c => new StoredContact(c.Name, c.Phone.IsEmpty ? null : c.Phone.Digits, c.Email, c.Language)).ToList());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO contact_lists (authority_id, name, contacts_json, contact_count, created_at) VALUES (@authorityId, @name, @json, @count, @now) RETURNING id",
            new { authorityId, name, json, count = (long)contacts.Count, now = Now },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<ContactList?> FindListAsync(string authorityId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ListRow>(new CommandDefinition(
            "SELECT id, name, contacts_json AS ContactsJson, contact_count AS ContactCount, created_at AS CreatedAt FROM contact_lists WHERE id = @id AND authority_id = @authorityId",
            new { id, authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null || id > ContactList.MaxId)
        {
            return null;
        }

        var contacts = JsonSerializer.Deserialize<List<StoredContact>>(row.ContactsJson) ?? [];
        return new ContactList(row.Id, row.Name, authorityId, contacts.Select(c => new Contact(c.N, c.P is { } p ? PhoneNumber.FromDigits(p) : default, c.E, c.L)));
    }

    public async Task<IReadOnlyList<ListSummary>> ListListsAsync(string authorityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ListRow>(new CommandDefinition(
            "SELECT id, name, '' AS ContactsJson, contact_count AS ContactCount, created_at AS CreatedAt FROM contact_lists WHERE authority_id = @authorityId ORDER BY id",
            new { authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new ListSummary(r.Id, r.Name, r.ContactCount, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt)))];
    }

    public async Task<bool> DeleteListAsync(string authorityId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM contact_lists WHERE id = @id AND authority_id = @authorityId", new { id, authorityId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    private static async Task InsertMembersAsync(DbConnection connection, DbTransaction transaction, long id, IReadOnlyList<long> subscriberIds, IReadOnlyList<GroupContact> contacts, CancellationToken cancellationToken)
    {
        foreach (var subscriberId in subscriberIds.Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audience_group_members (group_id, subscriber_id) VALUES (@id, @subscriberId)",
                new { id, subscriberId },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        foreach (var c in contacts)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audience_group_members (group_id, subscriber_id, name, phone, email, language) VALUES (@id, NULL, @Name, @Phone, @Email, @Language)",
                new { id, c.Name, c.Phone, c.Email, c.Language },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private sealed record StoredContact(string? N, ulong? P, string? E, string? L);

    private sealed class GroupRow
    {
        public long Id { get; set; }

        public string AuthorityId { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string? Polygon { get; set; }

        public string? Circle { get; set; }

        public long CreatedAt { get; set; }

        public long UpdatedAt { get; set; }
    }

    private sealed class MemberRow
    {
        public long Id { get; set; }

        public long? SubscriberId { get; set; }

        public string? Name { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Language { get; set; }
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string? Polygon { get; set; }

        public string? Circle { get; set; }

        public long Members { get; set; }
    }

    private sealed class ListRow
    {
        public long Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string ContactsJson { get; set; } = string.Empty;

        public long ContactCount { get; set; }

        public long CreatedAt { get; set; }
    }
}

/// <summary>A group in a listing.</summary>
internal sealed record GroupSummary(long Id, string Name, string Kind, long Members);

/// <summary>A contact list in a listing.</summary>
internal sealed record ListSummary(long Id, string Name, long ContactCount, DateTimeOffset CreatedAt);
