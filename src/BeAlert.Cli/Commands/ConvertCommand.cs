using System.CommandLine;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Cli.Geo;
using BeAlert.Cli.Output;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Commands;

/// <summary>
/// <c>bealert convert --to geojson|json|atom [-o OUT] FILE...</c>: every alert of the files, in order, as one GeoJSON
/// FeatureCollection (one feature per info block, see <see cref="CapGeoJson"/>) on stdout or in OUT. Unreadable
/// documents and placement diagnostics go to stderr. Exit 0 when every file was converted without error, 1 when a
/// document is unreadable or has a geometry error (the others are still converted), 2 for usage and I/O errors.
/// </summary>
internal static class ConvertCommand
{
    /// <summary>Creates the command, writing to the given writers.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var to = new Option<string>("--to", "-t")
        {
            Description = "The output format: geojson (RFC 7946 FeatureCollection), json (an array of alerts, CAP element names) or atom (an Atom 1.0 CAP index feed with the alerts embedded).",
            HelpName = "geojson|json|atom",
            Required = true,
        };
        to.AcceptOnlyFromAmong("geojson", "json", "atom");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to this file instead of stdout.",
            HelpName = "OUT",
        };
        var paths = new Argument<string[]>("FILE")
        {
            Description = "CAP files, or directories to search recursively for *.xml.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("convert", "Convert CAP alerts to another format (GeoJSON, JSON, Atom).")
        {
            to,
            output,
            paths,
        };
        command.SetAction(parseResult => Run(parseResult.GetValue(to) ?? "geojson", parseResult.GetValue(output), parseResult.GetValue(paths) ?? [], stdout, stderr));
        return command;
    }

    private static int Run(string to, string? outputPath, IReadOnlyList<string> paths, TextWriter stdout, TextWriter stderr)
    {
        if (!InputFiles.TryExpand(paths, out var files, out var errors))
        {
            foreach (var error in errors)
            {
                stderr.WriteLine("bealert convert: " + error);
            }

            return CliApp.ExitUsage;
        }

        return to switch
        {
            "atom" => Emit(outputPath, stdout, stderr, stream => AtomConversion.Convert(files, stream, stderr, TimeProvider.System)),
            "json" => ToJson(files, outputPath, stdout, stderr),
            _ => ToGeoJson(files, outputPath, stdout, stderr),
        };
    }

    /// <summary>Every readable alert, in file order, as one JSON array (<see cref="CapJsonWriter"/>).</summary>
    private static int ToJson(IReadOnlyList<string> files, string? outputPath, TextWriter stdout, TextWriter stderr)
    {
        var exit = CliApp.ExitOk;
        var alerts = new List<CapAlert>(files.Count);
        foreach (var file in files.Select(f => AlertFileReader.Read(CapParser.Default, f)))
        {
            if (file.IoError is not null)
            {
                stderr.WriteLine($"bealert convert: {file.Path}: cannot read the file: {file.IoError}");
                exit = CliApp.ExitUsage;
            }
            else if (file.Alert is null)
            {
                stderr.WriteLine($"{file.Path}: {JsonReport.SeverityText(file.Problem!.Severity)} {file.Problem.Code} {file.Problem.Path}: {file.Problem.Message}");
                exit = Math.Max(exit, CliApp.ExitInvalid);
            }
            else
            {
                alerts.Add(file.Alert);
            }
        }

        var written = Emit(outputPath, stdout, stderr, stream =>
        {
            using var json = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            json.WriteStartArray();
            foreach (var alert in alerts)
            {
                CapJsonWriter.Write(alert, json);
            }

            json.WriteEndArray();
            return CliApp.ExitOk;
        });
        return written == CliApp.ExitOk ? exit : written;
    }

    /// <summary>Runs <paramref name="write"/> on the output file, or on a buffer copied to stdout as UTF-8 text.</summary>
    private static int Emit(string? outputPath, TextWriter stdout, TextWriter stderr, Func<Stream, int> write)
    {
        if (outputPath is null)
        {
            using var buffer = new MemoryStream();
            var exit = write(buffer);
            if (buffer.Length > 0)
            {
                stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                stdout.Flush();
            }

            return exit;
        }

        try
        {
            using var stream = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None);
            return write(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bealert convert: {outputPath}: cannot write the file: {e.Message}");
            return CliApp.ExitUsage;
        }
    }

    private static int ToGeoJson(IReadOnlyList<string> files, string? outputPath, TextWriter stdout, TextWriter stderr)
    {

        var failed = false;
        var ioFailed = false;
        var diagnostics = new List<CapDiagnostic>();
        var features = new NetTopologySuite.Features.FeatureCollection();
        foreach (var file in files.Select(f => AlertFileReader.Read(CapParser.Default, f)))
        {
            if (file.IoError is not null)
            {
                stderr.WriteLine($"bealert convert: {file.Path}: cannot read the file: {file.IoError}");
                ioFailed = true;
                continue;
            }

            if (file.Alert is null)
            {
                stderr.WriteLine($"{file.Path}: {JsonReport.SeverityText(file.Problem!.Severity)} {file.Problem.Code} {file.Problem.Path}: {file.Problem.Message}");
                failed = true;
                continue;
            }

            diagnostics.Clear();
            foreach (var feature in CapGeoJson.ToFeatures(file.Alert, CapAreaLocator.Default, diagnostics))
            {
                features.Add(feature);
            }

            foreach (var d in diagnostics)
            {
                stderr.WriteLine($"{file.Path}: {JsonReport.SeverityText(d.Severity)} {d.Code} {d.Path}: {d.Message}");
                failed |= d.IsError;
            }
        }

        if (outputPath is null)
        {
            stdout.WriteLine(CapGeoJson.ToJson(features));
            stdout.Flush();
        }
        else
        {
            try
            {
                using var stream = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None);
                CapGeoJson.Write(features, stream);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"bealert convert: {outputPath}: cannot write the file: {e.Message}");
                return CliApp.ExitUsage;
            }
        }

        return ioFailed ? CliApp.ExitUsage : failed ? CliApp.ExitInvalid : CliApp.ExitOk;
    }
}
