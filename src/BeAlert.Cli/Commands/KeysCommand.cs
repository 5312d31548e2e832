using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BeAlert.Cli.Gateway;

namespace BeAlert.Cli.Commands;

/// <summary>
/// <c>bealert keys list|create|revoke</c>: a gateway's access keys through its admin API. <c>create</c> prints the new
/// key once, alone on standard output (the details go to standard error), so <c>KEY=$(bealert keys create …)</c> works.
/// Exit 0 done; 2 usage (no admin key, bad URL, bad options); 4 the gateway refused (400 with the fields, 401, 403,
/// 404, 409, 429); 5 the gateway is unreachable or failed.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("keys", "Access keys of a BeAlert gateway (operator, vendor, admin), through its admin API. The admin key comes from $" + GatewayConnection.AdminKeyVariable + " or --admin-key-file, never from an argument.")
        {
            CreateList(stdout, stderr),
            CreateCreate(stdout, stderr),
            CreateRevoke(stdout, stderr),
        };

    private static Command CreateList(TextWriter stdout, TextWriter stderr)
    {
        var shared = new GatewayCommandOptions();
        var command = new Command("list", "List the keys: id, role, name, authority or areas, created, revoked. Never a key or its hash.");
        shared.AddTo(command);
        command.SetAction(parseResult => ListAsync(parseResult, shared, stdout, stderr).GetAwaiter().GetResult());
        return command;
    }

    private static Command CreateCreate(TextWriter stdout, TextWriter stderr)
    {
        var shared = new GatewayCommandOptions();
        var name = new Option<string>("--name", "-n") { Description = "What the key is for (shown in lists and the audit log).", Required = true };
        var role = new Option<string>("--role", "-r") { Description = "operator (acts for an authority), vendor (reads the alerts of its areas) or admin.", HelpName = "operator|vendor|admin", Required = true };
        role.AcceptOnlyFromAmong("operator", "vendor", "admin");
        var authority = new Option<string?>("--authority", "-a") { Description = "Operator keys: the authority id (see 'bealert authorities list').", HelpName = "ID" };
        var municipality = new Option<string[]>("--municipality", "-m")
        {
            Description = "Vendor keys: a municipality NIS code (a province code stands for all its municipalities); repeat or list several.",
            HelpName = "NIS",
            AllowMultipleArgumentsPerToken = true,
        };
        var polygon = new Option<string?>("--polygon", "-p") { Description = "Vendor keys: a CAP polygon \"lat,lon lat,lon …\" (WGS 84, first point repeated last).", HelpName = "\"lat,lon …\"" };
        var command = new Command("create", "Make an access key; it is printed once, only its hash is kept.") { name, role, authority, municipality, polygon };
        shared.AddTo(command);
        command.SetAction(parseResult =>
        {
            var vendorCodes = parseResult.GetValue(municipality) ?? [];
            var vendorPolygon = parseResult.GetValue(polygon);
            var body = new Dictionary<string, object?>
            {
                ["name"] = parseResult.GetValue(name),
                ["role"] = parseResult.GetValue(role),
                ["authorityId"] = parseResult.GetValue(authority),
                ["vendor"] = vendorCodes.Length == 0 && vendorPolygon is null ? null : new { municipalities = vendorCodes, polygon = vendorPolygon },
            };
            return CreateAsync(parseResult, shared, body, stdout, stderr).GetAwaiter().GetResult();
        });
        return command;
    }

    private static Command CreateRevoke(TextWriter stdout, TextWriter stderr)
    {
        var shared = new GatewayCommandOptions();
        var id = new Argument<string>("ID") { Description = "The key's id (key_…, from 'bealert keys list'), not the key itself." };
        var command = new Command("revoke", "Revoke a key: it stops working at once on that gateway instance, within 5 s on the others.") { id };
        shared.AddTo(command);
        command.SetAction(parseResult => RevokeAsync(parseResult, shared, parseResult.GetValue(id)!, stdout, stderr).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> ListAsync(ParseResult parseResult, GatewayCommandOptions shared, TextWriter stdout, TextWriter stderr)
    {
        using var gateway = shared.Open(parseResult, stderr, "keys list");
        if (gateway is null)
        {
            return CliApp.ExitUsage;
        }

        var result = await gateway.SendAsync(HttpMethod.Get, "api/admin/keys", null, stderr, "keys list", CancellationToken.None).ConfigureAwait(false);
        if (!result.Success)
        {
            return result.ExitCode;
        }

        if (shared.Json(parseResult))
        {
            stdout.WriteLine(result.Body.GetRawText());
            return CliApp.ExitOk;
        }

        var rows = result.Body.EnumerateArray().Select(k => new[]
        {
            Text(k, "id"),
            Text(k, "role").ToLowerInvariant(),
            Scope(k),
            Date(k, "createdAt"),
            Date(k, "revokedAt"),
            Text(k, "name"),
        }).ToList();
        TextTable.Write(stdout, ["ID", "ROLE", "AUTHORITY/AREAS", "CREATED", "REVOKED", "NAME"], rows);
        return CliApp.ExitOk;
    }

    private static async Task<int> CreateAsync(ParseResult parseResult, GatewayCommandOptions shared, Dictionary<string, object?> body, TextWriter stdout, TextWriter stderr)
    {
        var role = (string)body["role"]!;
        if (role == "operator" && body["authorityId"] is null)
        {
            stderr.WriteLine("bealert keys create: an operator key needs --authority ID.");
            return CliApp.ExitUsage;
        }

        if (role == "vendor" && body["vendor"] is null)
        {
            stderr.WriteLine("bealert keys create: a vendor key needs --municipality NIS… and/or --polygon \"lat,lon …\".");
            return CliApp.ExitUsage;
        }

        using var gateway = shared.Open(parseResult, stderr, "keys create");
        if (gateway is null)
        {
            return CliApp.ExitUsage;
        }

        var result = await gateway.SendAsync(HttpMethod.Post, "api/admin/keys", body, stderr, "keys create", CancellationToken.None).ConfigureAwait(false);
        if (!result.Success)
        {
            return result.ExitCode;
        }

        if (shared.Json(parseResult))
        {
            stdout.WriteLine(result.Body.GetRawText());
        }
        else
        {
            stderr.WriteLine($"Created {Text(result.Body, "id")} ({Text(result.Body, "role").ToLowerInvariant()}, {Scope(result.Body)}): \"{Text(result.Body, "name")}\".");
            stderr.WriteLine("The key follows. It is shown this once: store it now (only its hash is kept).");
            stdout.WriteLine(Text(result.Body, "key"));
        }

        return CliApp.ExitOk;
    }

    private static async Task<int> RevokeAsync(ParseResult parseResult, GatewayCommandOptions shared, string id, TextWriter stdout, TextWriter stderr)
    {
        if (id.StartsWith("bea_", StringComparison.Ordinal))
        {
            stderr.WriteLine("bealert keys revoke: that is a key, not a key id: give its id (key_…, from 'bealert keys list'). The key has now been typed on a command line: revoke it.");
            return CliApp.ExitUsage;
        }

        using var gateway = shared.Open(parseResult, stderr, "keys revoke");
        if (gateway is null)
        {
            return CliApp.ExitUsage;
        }

        var result = await gateway.SendAsync(HttpMethod.Delete, "api/admin/keys/" + Uri.EscapeDataString(id), null, stderr, "keys revoke", CancellationToken.None).ConfigureAwait(false);
        if (!result.Success)
        {
            return result.ExitCode;
        }

        if (shared.Json(parseResult))
        {
            stdout.WriteLine(result.Body.GetRawText());
        }
        else
        {
            stdout.WriteLine($"Revoked {Text(result.Body, "id")} (\"{Text(result.Body, "name")}\") at {Date(result.Body, "revokedAt")}.");
        }

        return CliApp.ExitOk;
    }

    private static string Scope(JsonElement key)
    {
        if (key.TryGetProperty("authorityId", out var authority) && authority.ValueKind == JsonValueKind.String)
        {
            return authority.GetString()!;
        }

        if (key.TryGetProperty("vendor", out var vendor) && vendor.ValueKind == JsonValueKind.Object)
        {
            var parts = new List<string>();
            var codes = vendor.GetProperty("municipalities").GetArrayLength();
            if (codes > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{codes} {(codes == 1 ? "municipality" : "municipalities")}"));
            }

            if (vendor.TryGetProperty("polygon", out var polygon) && polygon.ValueKind == JsonValueKind.String)
            {
                parts.Add("polygon");
            }

            return string.Join(" + ", parts);
        }

        return "-";
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static string Date(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at)
            ? at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
            : "-";
}
