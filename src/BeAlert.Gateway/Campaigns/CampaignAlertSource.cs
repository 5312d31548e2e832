using System.Data.Common;
using System.Text;
using BeAlert.Gateway.Citizens;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// Finds an alert an authority posted (for <c>POST /api/campaigns {"alertId": …}</c>): its CAP XML. The alerts module
/// owns the alerts; it may register its own implementation. The default reads the <c>alerts</c> table.
/// </summary>
public interface ICampaignAlertSource
{
    /// <summary>The CAP document of the authority's alert with this identifier (the newest if several senders used it), or null.</summary>
    Task<byte[]?> FindAlertXmlAsync(string authorityId, string identifier, CancellationToken cancellationToken = default);
}

/// <summary>
/// The default <see cref="ICampaignAlertSource"/>: the alerts module's <c>alerts</c> table, matched on
/// <c>identifier</c> and <c>authority_id</c>; the CAP document is the row's first column holding XML (bytes or text),
/// so this does not depend on the other columns' names. No table (the alerts module is absent): no alert.
/// </summary>
internal sealed class AlertsTableSource(GatewayDatabase database) : ICampaignAlertSource
{
    public async Task<byte[]?> FindAlertXmlAsync(string authorityId, string identifier, CancellationToken cancellationToken = default)
    {
        IEnumerable<dynamic> rows;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            rows = (await connection.QueryAsync(new CommandDefinition(
                "SELECT * FROM alerts WHERE identifier = @identifier AND authority_id = @authorityId",
                new { identifier, authorityId },
                cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        }
        catch (DbException)
        {
            return null; // no alerts table (the alerts module is not installed)
        }

        byte[]? found = null;
        foreach (IDictionary<string, object?> row in rows)
        {
            foreach (var value in row.Values)
            {
                var bytes = value switch
                {
                    byte[] b => b,
                    string s when s.TrimStart().StartsWith('<') => Encoding.UTF8.GetBytes(s),
                    _ => null,
                };
                if (bytes is not null && LooksLikeCap(bytes))
                {
                    found = bytes; // the last row: the newest insert in practice
                    break;
                }
            }
        }

        return found;
    }

    private static bool LooksLikeCap(byte[] bytes)
    {
        var head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 512));
        return head.Contains("<alert", StringComparison.Ordinal) || head.Contains(":alert", StringComparison.Ordinal);
    }
}

/// <summary>Used when no citizens module registered <see cref="IAudienceSources"/>: no groups, no lists.</summary>
internal sealed class NoAudienceSources : IAudienceSources
{
    public Task<BeAlert.Dispatch.Group?> FindGroupAsync(string authorityId, long groupId, CancellationToken cancellationToken = default) =>
        Task.FromResult<BeAlert.Dispatch.Group?>(null);

    public Task<BeAlert.Dispatch.ContactList?> FindListAsync(string authorityId, long listId, CancellationToken cancellationToken = default) =>
        Task.FromResult<BeAlert.Dispatch.ContactList?>(null);
}
