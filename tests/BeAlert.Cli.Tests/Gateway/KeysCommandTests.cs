using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;
using BeAlert.Gateway.Security;

namespace BeAlert.Cli.Tests.Gateway;

/// <summary><c>bealert keys</c> and <c>bealert authorities</c> against a real gateway over a real socket.</summary>
public sealed class KeysCommandTests(LiveGateway gateway) : IClassFixture<LiveGateway>
{
    private string[] Connect(string keyName = DemoKeyNames.Admin) => ["--gateway", gateway.Url, "--admin-key-file", gateway.KeyFile(keyName)];

    [Fact]
    public void AuthoritiesList_ShowsTheDemoAuthoritiesAsATable()
    {
        var run = CliRun.Invoke(["authorities", "list", .. Connect()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("gent ", StringComparison.Ordinal) && l.Contains("44021", StringComparison.Ordinal) && l.EndsWith("Stad Gent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("school-board-leuven ", StringComparison.Ordinal) && l.Contains("2 groups", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("federal ", StringComparison.Ordinal) && l.Contains(" all ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysCreate_Operator_PrintsTheKeyAloneOnStdout_AndTheKeyWorks()
    {
        var run = CliRun.Invoke(["keys", "create", "--name", "cli gent operator", "--role", "operator", "--authority", "gent", .. Connect()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var key = run.Stdout.Trim();
        Assert.True(AccessKeyFormat.IsWellFormed(key), run.ToString());
        Assert.Contains("shown this once", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(key, run.Stderr, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri(gateway.Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var me = JsonDocument.Parse(await http.GetStringAsync("/api/me"));
        Assert.Equal("gent", me.RootElement.GetProperty("authority").GetProperty("id").GetString());
        var id = me.RootElement.GetProperty("keyId").GetString()!;

        var list = CliRun.Invoke(["keys", "list", .. Connect()]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.Stdout.Split('\n'), l => l.StartsWith(id, StringComparison.Ordinal) && l.Contains("operator", StringComparison.Ordinal) && l.Contains("gent", StringComparison.Ordinal));
        Assert.DoesNotContain(key, list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysCreate_VendorJson_CarriesTheAreas()
    {
        var run = CliRun.Invoke([
            "keys", "create", "--name", "cli signage", "--role", "vendor", "--municipality", "44021", "11002",
            "--polygon", "51.04,3.70 51.04,3.75 51.07,3.75 51.07,3.70 51.04,3.70", "--format", "json", .. Connect()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var vendor = json.RootElement.GetProperty("vendor");
        Assert.Equal([11002, 44021], vendor.GetProperty("municipalities").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("51.04,3.70 51.04,3.75 51.07,3.75 51.07,3.70 51.04,3.70", vendor.GetProperty("polygon").GetString());
        Assert.True(AccessKeyFormat.IsWellFormed(json.RootElement.GetProperty("key").GetString()));
    }

    [Fact]
    public void KeysCreate_BadInput_Exits4WithTheGatewaysFieldErrors()
    {
        var run = CliRun.Invoke(["keys", "create", "--name", "x", "--role", "vendor", "--municipality", "99999", .. Connect()]);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("(400)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("vendor.municipalities: 99999 is not a Belgian municipality", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void KeysCreate_UnknownAuthority_Exits4()
    {
        var run = CliRun.Invoke(["keys", "create", "--name", "x", "--role", "operator", "--authority", "atlantis", .. Connect()]);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("authorityId: No authority 'atlantis'", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("vendor")]
    public void KeysCreate_MissingScope_Exits2WithoutCallingTheGateway(string role)
    {
        var run = CliRun.Invoke(["keys", "create", "--name", "x", "--role", role, "--gateway", "http://127.0.0.1:1", "--admin-key-file", gateway.KeyFile(DemoKeyNames.Admin)]);
        Assert.True(run.ExitCode == 2, run.ToString());
    }

    [Fact]
    public void KeysRevoke_ThenAgain_Exits0Then4Conflict_AndUnknownIs404()
    {
        var create = CliRun.Invoke(["keys", "create", "--name", "cli doomed", "--role", "admin", "--format", "json", .. Connect()]);
        Assert.True(create.ExitCode == 0, create.ToString());
        var id = JsonDocument.Parse(create.Stdout).RootElement.GetProperty("id").GetString()!;

        var revoke = CliRun.Invoke(["keys", "revoke", id, .. Connect()]);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.StartsWith($"Revoked {id} (\"cli doomed\") at ", revoke.Stdout, StringComparison.Ordinal);

        var again = CliRun.Invoke(["keys", "revoke", id, .. Connect()]);
        Assert.True(again.ExitCode == 4, again.ToString());
        Assert.Contains("conflict (409)", again.Stderr, StringComparison.Ordinal);

        var unknown = CliRun.Invoke(["keys", "revoke", "key_0000000000000000", .. Connect()]);
        Assert.True(unknown.ExitCode == 4, unknown.ToString());
        Assert.Contains("not found (404)", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysRevoke_GivenAKeyInsteadOfAnId_Exits2AndSaysSo()
    {
        var run = CliRun.Invoke(["keys", "revoke", LiveGateway.Keys[DemoKeyNames.Vendor], .. Connect()]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("that is a key, not a key id", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveGateway.Keys[DemoKeyNames.Vendor], run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysList_OperatorKey_Exits4Forbidden_UnknownKeyExits4Unauthorized()
    {
        var operatorRun = CliRun.Invoke(["keys", "list", .. Connect(DemoKeyNames.Commune)]);
        Assert.True(operatorRun.ExitCode == 4, operatorRun.ToString());
        Assert.Contains("not an admin key (403)", operatorRun.Stderr, StringComparison.Ordinal);

        var unknownKey = Path.Combine(gateway.Folder, "unknown.key");
        File.WriteAllText(unknownKey, "bea_" + new string('u', 43));
        LiveGateway.SetMode(unknownKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var unknownRun = CliRun.Invoke(["keys", "list", "--gateway", gateway.Url, "--admin-key-file", unknownKey]);
        Assert.True(unknownRun.ExitCode == 4, unknownRun.ToString());
        Assert.Contains("refused the admin key (401", unknownRun.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("bea_", unknownRun.Stderr + unknownRun.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysList_UnreadableOrMalformedKeyFile_Exits2()
    {
        var missing = CliRun.Invoke(["keys", "list", "--gateway", gateway.Url, "--admin-key-file", Path.Combine(gateway.Folder, "nope.key")]);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("cannot read the admin key file", missing.Stderr, StringComparison.Ordinal);

        var garbage = Path.Combine(gateway.Folder, "garbage.key");
        File.WriteAllText(garbage, "hunter2");
        LiveGateway.SetMode(garbage, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var malformed = CliRun.Invoke(["keys", "list", "--gateway", gateway.Url, "--admin-key-file", garbage]);
        Assert.True(malformed.ExitCode == 2, malformed.ToString());
        Assert.Contains("is not an access key", malformed.Stderr, StringComparison.Ordinal);
        Assert.Contains("can be read by other users", malformed.Stderr, StringComparison.Ordinal); 
        Assert.DoesNotContain("hunter2", malformed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysList_ConnectionRefused_Exits5()
    {
        // A port that was just free: bind it, note it, release it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = CliRun.Invoke(["keys", "list", "--gateway", $"http://127.0.0.1:{port}", "--admin-key-file", gateway.KeyFile(DemoKeyNames.Admin)]);

        Assert.True(run.ExitCode == 5, run.ToString());
        Assert.Contains("cannot reach the gateway", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysList_BadGatewayUrl_Exits2()
    {
        var run = CliRun.Invoke(["keys", "list", "--gateway", "ftp://example", "--admin-key-file", gateway.KeyFile(DemoKeyNames.Admin)]);
        Assert.True(run.ExitCode == 2, run.ToString());
    }

    [Fact]
    public void KeysCreateHelp_SaysTheKeyIsNeverAnArgument()
    {
        var run = CliRun.Invoke("keys", "create", "--help");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--admin-key-file", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("shell history", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BealertDll_KeysListWithEnvironment_UsesBealertGatewayAndAdminKey()
    {
        var ok = await RunToolAsync(new() { ["BEALERT_GATEWAY"] = gateway.Url, ["BEALERT_ADMIN_KEY"] = LiveGateway.Keys[DemoKeyNames.Admin] }, "keys", "list");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("demo admin", ok.Stdout, StringComparison.Ordinal);

        var noKey = await RunToolAsync(new() { ["BEALERT_GATEWAY"] = gateway.Url, ["BEALERT_ADMIN_KEY"] = null }, "keys", "list");
        Assert.True(noKey.ExitCode == 2, noKey.ToString());
        Assert.Contains("no admin key", noKey.Stderr, StringComparison.Ordinal);
    }

    private static async Task<CliRun> RunToolAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bealert.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
