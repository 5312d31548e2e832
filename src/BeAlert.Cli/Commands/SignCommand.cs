using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using BeAlert.Cap;
using BeAlert.Cli.Signatures;

namespace BeAlert.Cli.Commands;

/// <summary>
/// <c>bealert sign --key KEY.pem [--cert CERT.pem] [-o OUT] FILE</c>: signs one CAP document with an enveloped XML
/// signature (RSA-SHA256 or ECDSA-SHA256, by key type) and writes the signed document to OUT, or to standard output.
/// Exit 0 signed; 1 the document cannot be signed (not a readable CAP alert, or already signed); 2 usage and I/O errors
/// (missing or unreadable files, a key that cannot be used, a certificate for another key or outside its validity).
/// Key material is never printed.
/// </summary>
internal static class SignCommand
{
    /// <summary>Creates the command, writing to the given writers.</summary>
    /// <param name="stdout">Where the signed document goes when there is no <c>-o</c>.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var key = new Option<string>("--key", "-k")
        {
            Description = "The PEM private key, RSA (2048 bits or more) or EC (P-256, P-384, P-521), unencrypted.",
            HelpName = "KEY.pem",
            Required = true,
        };
        var certificate = new Option<string?>("--cert", "-c")
        {
            Description = "The PEM certificate of the key, written in the signature; further certificates in the file (intermediates) follow it.",
            HelpName = "CERT.pem",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the signed document (default: standard output).",
            HelpName = "OUT",
        };
        var file = new Argument<string>("FILE")
        {
            Description = "The CAP document to sign.",
        };

        var command = new Command("sign", "Sign a CAP alert with an enveloped XML signature.")
        {
            key,
            certificate,
            output,
            file,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(key)!,
            parseResult.GetValue(certificate),
            parseResult.GetValue(output),
            parseResult.GetValue(file)!,
            stdout,
            stderr));
        return command;
    }

    private static int Run(string keyPath, string? certificatePath, string? outputPath, string file, TextWriter stdout, TextWriter stderr)
    {
        using var key = PemFiles.ReadPrivateKey(keyPath, out var keyError);
        if (key is null)
        {
            return Usage(stderr, keyError!);
        }

        var options = new CapSignerOptions();
        System.Security.Cryptography.X509Certificates.X509Certificate2? signerCertificate = null;
        if (certificatePath is not null)
        {
            var certificates = PemFiles.ReadCertificates(certificatePath, out var certificateError);
            if (certificates is null)
            {
                return Usage(stderr, certificateError!);
            }

            signerCertificate = certificates[0];
            options.AdditionalCertificates.AddRange(certificates.Skip(1).ToArray());
        }

        CapSigner signer;
        try
        {
            signer = new CapSigner(key, signerCertificate, options);
        }
        catch (ArgumentException e)
        {
            return Usage(stderr, $"{keyPath}: {FirstSentence(e.Message)}");
        }

        byte[] document;
        try
        {
            var info = new FileInfo(file);
            if (info.Exists && info.Length > options.MaxDocumentBytes)
            {
                stderr.WriteLine($"bealert sign: {file}: cannot be signed: the document is larger than the limit of {options.MaxDocumentBytes} bytes.");
                return CliApp.ExitInvalid;
            }

            document = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Usage(stderr, $"{file}: cannot read the file: {e.Message}");
        }

        byte[] signed;
        try
        {
            signed = signer.Sign(document);
        }
        catch (CapParseException e)
        {
            stderr.WriteLine($"bealert sign: {file}: cannot be signed: {e.Message}");
            return CliApp.ExitInvalid;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"bealert sign: {file}: cannot be signed: {FirstSentence(e.Message)}");
            return CliApp.ExitInvalid;
        }
        catch (InvalidOperationException e)
        {
            return Usage(stderr, e.Message);
        }
        catch (CryptographicException)
        {
            return Usage(stderr, $"{keyPath}: the key failed to sign.");
        }

        if (outputPath is null)
        {
            stdout.Write(Encoding.UTF8.GetString(signed));
            stdout.Flush();
            return CliApp.ExitOk;
        }

        try
        {
            File.WriteAllBytes(outputPath, signed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Usage(stderr, $"{outputPath}: cannot write the file: {e.Message}");
        }

        var method = signer.SignatureMethod == "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" ? "ECDSA-SHA256" : "RSA-SHA256";
        stdout.WriteLine($"{file}: signed ({method}{(signerCertificate is null ? string.Empty : ", " + signerCertificate.Subject)}) -> {outputPath}");
        return CliApp.ExitOk;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("bealert sign: " + message);
        return CliApp.ExitUsage;
    }

    /// <summary>An <see cref="ArgumentException"/> message without its "(Parameter 'x')" suffix.</summary>
    private static string FirstSentence(string message)
    {
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }
}
