using System.CommandLine;
using System.Text.Json;
using BeAlert.Cli.Gateway;

namespace BeAlert.Cli.Commands;

/// <summary>
/// <c>bealert authorities list</c>: the gateway's authorities (operator accounts) through its admin API.
/// Exit 0 listed; 2 usage (no admin key, bad URL); 4 the gateway refused (401, 403, …); 5 the gateway is unreachable.
/// </summary>
internal static class AuthoritiesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var shared = new GatewayCommandOptions();
        var list = new Command("list", "List the authorities: id, level, agreement type, trained, simulation, municipalities, name.");
        shared.AddTo(list);
        list.SetAction(parseResult => ListAsync(parseResult, shared, stdout, stderr).GetAwaiter().GetResult());
        return new Command("authorities", "Authorities (operator accounts) of a BeAlert gateway, through its admin API.") { list };
    }

    private static async Task<int> ListAsync(ParseResult parseResult, GatewayCommandOptions shared, TextWriter stdout, TextWriter stderr)
    {
        using var gateway = shared.Open(parseResult, stderr, "authorities list");
        if (gateway is null)
        {
            return CliApp.ExitUsage;
        }

        var result = await gateway.SendAsync(HttpMethod.Get, "api/admin/authorities", null, stderr, "authorities list", CancellationToken.None).ConfigureAwait(false);
        if (!result.Success)
        {
            return result.ExitCode;
        }

        if (shared.Json(parseResult))
        {
            stdout.WriteLine(result.Body.GetRawText());
            return CliApp.ExitOk;
        }

        var rows = result.Body.EnumerateArray().Select(a => new[]
        {
            a.GetProperty("id").GetString() ?? string.Empty,
            a.GetProperty("level").GetString() ?? string.Empty,
            a.GetProperty("agreement").GetString() == "GroupAlerting" ? "2 groups" : "1 population",
            a.GetProperty("trained").GetBoolean() ? "yes" : "no",
            a.GetProperty("simulation").GetBoolean() ? "yes" : "no",
            Territory(a),
            a.GetProperty("name").GetString() ?? string.Empty,
        }).ToList();
        TextTable.Write(stdout, ["ID", "LEVEL", "AGREEMENT", "TRAINED", "SIMULATION", "MUNICIPALITIES", "NAME"], rows);
        return CliApp.ExitOk;
    }

    private static string Territory(JsonElement authority)
    {
        var codes = authority.GetProperty("municipalities").EnumerateArray().Select(c => c.GetInt32().ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return codes.Count switch
        {
            0 => authority.GetProperty("level").GetString() == "Federal" ? "all" : "none",
            <= 3 => string.Join(' ', codes),
            _ => $"{codes.Count} ({codes[0]} …)",
        };
    }
}
