using System.Diagnostics;
using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;
using BeAlert.TestUtils;

namespace BeAlert.Cli.Tests.EndToEnd;

/// <summary>Runs the built tool as its own process, as other tools call it: <c>dotnet bealert.dll validate ...</c>.</summary>
public sealed class ToolProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task BealertDll_ValidateSamplesAsJson_ExitsZeroWithOneJsonObject()
    {
        // The ProjectReference to BeAlert.Cli copies bealert.dll and bealert.runtimeconfig.json next to this assembly.
        var dll = Path.Combine(AppContext.BaseDirectory, "bealert.dll");
        Assert.True(File.Exists(dll), "bealert.dll not found next to the tests: " + dll);
        var samples = Path.Combine(TestPaths.RepositoryRoot, "samples", "cap");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { dll, "validate", "--format", "json", samples },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await stderr}");
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(f.GetProperty("valid").GetBoolean(), f.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task BealertDll_SignToStandardOutput_WritesBytesThatVerify()
    {
        using var temp = new TempFolder();
        var dll = Path.Combine(AppContext.BaseDirectory, "bealert.dll");
        var key = temp.Write("key.pem", TestSigners.Ecdsa.ExportPkcs8PrivateKeyPem());
        var publicKey = temp.Write("pub.pem", TestSigners.Ecdsa.ExportSubjectPublicKeyInfoPem());
        var alert = temp.Write("alert.xml", CapXml.Valid().Replace("Brand", "Brand – incendie à Gand", StringComparison.Ordinal));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { dll, "sign", "--key", key, alert },
        };

        using var process = Process.Start(start)!;
        using var signed = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(signed);
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await copy;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await stderr}");
        var file = Path.Combine(temp.Path, "signed.xml");
        File.WriteAllBytes(file, signed.ToArray());
        var verify = CliRun.Invoke("verify", "--trust", publicKey, file);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }
}
