using System.CommandLine;
using BeAlert.Cap;
using BeAlert.Cli.Output;
using BeAlert.Cli.Signatures;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Commands;

/// <summary>
/// <c>bealert verify --trust CERT.pem [--trust ...] [--root CA.pem ...] [--format text|json] FILE...</c>: verifies the
/// enveloped XML signature of CAP documents against the given trust. <c>--trust</c> pins the certificates and public
/// keys in a PEM file; <c>--root</c> trusts certificates that chain to the root certificates in a PEM file. Exit 0 when
/// every document is signed, intact and trusted; 1 otherwise; 2 for usage and I/O errors.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Creates the command, writing to the given writers.</summary>
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where usage and I/O errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var trust = new Option<string[]>("--trust", "-t")
        {
            Description = "A PEM file of signer certificates or public keys to trust (pinned); repeat for several files.",
            HelpName = "CERT.pem",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var root = new Option<string[]>("--root", "-r")
        {
            Description = "A PEM file of root certificates: signer certificates that chain to one of them are trusted.",
            HelpName = "CA.pem",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "The report format: text or json (one JSON object).",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var paths = new Argument<string[]>("FILE")
        {
            Description = "Signed CAP files, or directories to search recursively for *.xml.",
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command("verify", "Verify the XML signature of CAP alerts against trusted certificates, keys or roots.")
        {
            trust,
            root,
            format,
            paths,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(trust) ?? [],
            parseResult.GetValue(root) ?? [],
            parseResult.GetValue(format)!,
            parseResult.GetValue(paths) ?? [],
            stdout,
            stderr));
        return command;
    }

    private static int Run(string[] trustFiles, string[] rootFiles, string format, string[] paths, TextWriter stdout, TextWriter stderr)
    {
        if (trustFiles.Length + rootFiles.Length == 0)
        {
            stderr.WriteLine("bealert verify: give at least one --trust (pinned certificates or public keys) or --root (trusted roots); a signature is never trusted for the key it carries itself.");
            return CliApp.ExitUsage;
        }

        var options = new CapSignatureVerifierOptions();
        foreach (var file in trustFiles)
        {
            var (certificates, keys) = PemFiles.ReadPublic(file, out var error);
            if (certificates is null)
            {
                return Usage(stderr, error!);
            }

            if (certificates.Count + keys!.Count == 0)
            {
                return Usage(stderr, $"{file}: no CERTIFICATE or PUBLIC KEY block found.");
            }

            options.TrustedCertificates.AddRange(certificates.ToArray());
            foreach (var key in keys)
            {
                options.TrustedPublicKeys.Add(key);
            }
        }

        foreach (var file in rootFiles)
        {
            var certificates = PemFiles.ReadCertificates(file, out var error);
            if (certificates is null)
            {
                return Usage(stderr, error!);
            }

            options.TrustedRoots.AddRange(certificates.ToArray());
        }

        CapSignatureVerifier verifier;
        try
        {
            verifier = new CapSignatureVerifier(options);
        }
        catch (ArgumentException e)
        {
            return Usage(stderr, e.Message);
        }

        if (!InputFiles.TryExpand(paths, out var files, out var errors))
        {
            foreach (var error in errors)
            {
                stderr.WriteLine("bealert verify: " + error);
            }

            return CliApp.ExitUsage;
        }

        using var report = new VerifyReport(stdout, json: format == "json");
        var ioErrors = 0;
        var allValid = true;
        foreach (var file in files)
        {
            CapSignatureResult? result = null;
            string? ioError = null;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 16 * 1024, FileOptions.SequentialScan);
                result = verifier.Verify(stream);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ioError = e.Message;
                ioErrors++;
                stderr.WriteLine($"bealert verify: {file}: cannot read the file: {e.Message}");
            }

            allValid &= result?.IsValid == true;
            report.WriteFile(file, result, ioError);
        }

        report.Complete();
        return ioErrors > 0 ? CliApp.ExitUsage : allValid ? CliApp.ExitOk : CliApp.ExitInvalid;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("bealert verify: " + message);
        return CliApp.ExitUsage;
    }
}
