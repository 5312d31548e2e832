using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Cli.Geo;
using BeAlert.Cli.Output;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Commands;

/// <summary>
/// <c>bealert areas [--format text|json] FILE...</c>: for each CAP file, the Belgian municipalities its areas reach
/// (NIS code, Dutch and French names, population) with the total population and the area in km², plus the
/// diagnostics of placing the areas (CAP11xx). Exit 0 when every file was read and placed without error, 1 when a
/// document is unreadable or has a geometry error, 2 for usage and I/O errors.
/// </summary>
internal static class AreasCommand
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates the command, writing to the given writers.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "The report format: text (a table per file) or json (one JSON object).",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var paths = new Argument<string[]>("FILE")
        {
            Description = "CAP files, or directories to search recursively for *.xml.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("areas", "List the Belgian municipalities (NIS code, names, population) that CAP alerts reach.")
        {
            format,
            paths,
        };
        command.SetAction(parseResult => Run(parseResult.GetValue(format)!, parseResult.GetValue(paths) ?? [], stdout, stderr));
        return command;
    }

    private static int Run(string format, IReadOnlyList<string> paths, TextWriter stdout, TextWriter stderr)
    {
        if (!InputFiles.TryExpand(paths, out var files, out var errors))
        {
            foreach (var error in errors)
            {
                stderr.WriteLine("bealert areas: " + error);
            }

            return CliApp.ExitUsage;
        }

        var boundaries = BelgianBoundaries.Default;
        var locator = new CapAreaLocator(boundaries: boundaries);
        var results = files.Select(file => Place(AlertFileReader.Read(CapParser.Default, file), locator, boundaries)).ToList();
        if (format == "json")
        {
            WriteJson(results, stdout);
        }
        else
        {
            WriteText(results, stdout);
        }

        foreach (var result in results.Where(r => r.File.IoError is not null))
        {
            stderr.WriteLine($"bealert areas: {result.File.Path}: cannot read the file: {result.File.IoError}");
        }

        return results.Any(r => r.File.IoError is not null) ? CliApp.ExitUsage
            : results.Any(r => r.Diagnostics.Any(d => d.IsError)) ? CliApp.ExitInvalid
            : CliApp.ExitOk;
    }

    private static Placed Place(AlertFile file, CapAreaLocator locator, BelgianBoundaries boundaries)
    {
        if (file.Alert is null)
        {
            return new Placed(file, [], file.Problem is null ? [] : [file.Problem], 0);
        }

        var geometry = locator.Locate(file.Alert);
        return new Placed(file, boundaries.FindAffectedMunicipalities(geometry), geometry.Diagnostics, geometry.AreaKm2);
    }

    private static void WriteText(IReadOnlyList<Placed> results, TextWriter output)
    {
        foreach (var result in results)
        {
            if (result.File.IoError is not null)
            {
                output.WriteLine($"{result.File.Path}: error: cannot read the file: {result.File.IoError}");
                continue;
            }

            var people = result.Municipalities.Sum(m => m.Population);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.File.Path}: {result.Municipalities.Count} {(result.Municipalities.Count == 1 ? "municipality" : "municipalities")}, population {people:N0}, area {result.AreaKm2:F1} km²"));
            foreach (var m in result.Municipalities)
            {
                var names = m.NameNl == m.NameFr ? m.NameNl : $"{m.NameNl} / {m.NameFr}";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {m.Code}  {names,-45} {m.Population,9:N0}"));
            }

            foreach (var d in result.Diagnostics)
            {
                output.WriteLine($"{result.File.Path}: {JsonReport.SeverityText(d.Severity)} {d.Code} {d.Path}: {d.Message}");
            }
        }

        var total = results.SelectMany(r => r.Municipalities).DistinctBy(m => m.Code).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Count} {(results.Count == 1 ? "file" : "files")}: {total.Count} distinct {(total.Count == 1 ? "municipality" : "municipalities")}, population {total.Sum(m => m.Population):N0}."));
    }

    private static void WriteJson(IReadOnlyList<Placed> results, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("files");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteString("path", result.File.Path);
                if (result.File.Alert is { } alert)
                {
                    json.WriteString("identifier", alert.Identifier);
                }
                else
                {
                    json.WriteNull("identifier");
                }

                if (result.File.IoError is not null)
                {
                    json.WriteString("ioError", result.File.IoError);
                }

                json.WriteNumber("areaKm2", Math.Round(result.AreaKm2, 3));
                json.WriteNumber("population", result.Municipalities.Sum(m => m.Population));
                json.WriteStartArray("municipalities");
                foreach (var m in result.Municipalities)
                {
                    json.WriteStartObject();
                    json.WriteString("nis", m.Code);
                    json.WriteString("nameNl", m.NameNl);
                    json.WriteString("nameFr", m.NameFr);
                    json.WriteNumber("population", m.Population);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("diagnostics");
                foreach (var d in result.Diagnostics)
                {
                    json.WriteStartObject();
                    json.WriteString("code", d.Code);
                    json.WriteString("severity", JsonReport.SeverityText(d.Severity));
                    json.WriteString("message", d.Message);
                    json.WriteString("path", d.Path);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
    }

    private sealed record Placed(AlertFile File, IReadOnlyList<AdministrativeUnit> Municipalities, IReadOnlyList<CapDiagnostic> Diagnostics, double AreaKm2);
}
