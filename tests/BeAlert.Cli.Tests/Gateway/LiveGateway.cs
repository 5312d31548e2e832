using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Security;
using Microsoft.AspNetCore.Builder;

namespace BeAlert.Cli.Tests.Gateway;

/// <summary>
/// A real gateway (Kestrel on 127.0.0.1, an ephemeral port, SQLite in a temp folder, demo data with fixed keys and no
/// synthetic population) for the <c>bealert keys</c> and <c>bealert authorities</c> tests. Started once per test
/// class, stopped and deleted at the end.
/// </summary>
public sealed class LiveGateway : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string> Keys = DemoKeyNames.All.ToDictionary(
        n => n,
        n => AccessKeyFormat.Prefix + ("cli" + n + new string('x', 43))[..43],
        StringComparer.OrdinalIgnoreCase);

    private readonly string _folder = Directory.CreateTempSubdirectory("bealert-cli-gw-").FullName;
    private WebApplication? _app;

    public string Url { get; private set; } = string.Empty;

    public string Folder => _folder;

    /// <summary>A file holding the given demo key, readable by its owner only.</summary>
    public string KeyFile(string demoKeyName)
    {
        var path = Path.Combine(_folder, demoKeyName + ".key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Keys[demoKeyName] + "\n");
            SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    public static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    public async Task InitializeAsync()
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--BeAlert:DataDirectory=" + Path.Combine(_folder, "data"),
            "--BeAlert:Demo:Subscribers=0",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange(Keys.Select(k => $"--BeAlert:Demo:Keys:{k.Key}={k.Value}"));
        _app = GatewayApp.Build([.. args]);
        await _app.StartAsync();
        Url = _app.Urls.Single();
        Assert.StartsWith("http://127.0.0.1:", Url, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
