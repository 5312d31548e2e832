using System.CommandLine;
using BeAlert.Cap;
using BeAlert.Cli.Output;
using BeAlert.Cli.Rendering;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Commands;

/// <summary>
/// <c>bealert render --channel sms|cb|voice|email|signage --lang TAG [--format text|json] [options] FILE...</c>: renders
/// each CAP file into what the channel carries, in the language asked for (falling back as the library does), to
/// stdout. Exit 0 when every file was rendered, 1 when a file cannot be read as CAP, 2 for usage and I/O errors
/// (a missing path stops the run before anything is read). This is a contract: change it only by adding.
/// </summary>
internal static class RenderCommand
{
    /// <summary>Creates the command, writing to the given writers.</summary>
    /// <param name="stdout">Where the renderings go.</param>
    /// <param name="stderr">Where usage, I/O and CAP errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var channel = new Option<string>("--channel", "-c")
        {
            Description = "The channel: sms, cb (cell broadcast), voice, email or signage.",
            HelpName = string.Join('|', RenderChannels.Names),
            Required = true,
        };
        channel.AcceptOnlyFromAmong(RenderChannels.Names);
        var language = new Option<string>("--lang", "-l")
        {
            Description = "The language to render in (nl, fr, de, en or a tag such as fr-BE); the exact tag, then its primary subtag, then nl, fr, de, en.",
            HelpName = "TAG",
            Required = true,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "The output format: text (readable) or json (one JSON object).",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var simulation = new Option<bool>("--simulation")
        {
            Description = "Mark every text SIMULATION, as the simulation environment does.",
        };
        var defaultUrl = new Option<string?>("--default-url")
        {
            Description = "The link to full information when an alert has no http(s) <web>.",
            HelpName = "URL",
        };
        var maxSegments = new Option<int?>("--max-segments")
        {
            Description = "The most SMS segments per message (1-255, default 3).",
            HelpName = "N",
        };
        var maxPages = new Option<int?>("--max-pages")
        {
            Description = "The most cell broadcast pages per message (1-15, default 15).",
            HelpName = "N",
        };
        var columns = new Option<int?>("--columns")
        {
            Description = "The width of the signage screen in characters (10-1000, default 40).",
            HelpName = "N",
        };
        var lines = new Option<int?>("--lines")
        {
            Description = "The number of lines of the signage screen (1-1000, default 4).",
            HelpName = "N",
        };
        var paths = new Argument<string[]>("FILE")
        {
            Description = "CAP files, or directories to search recursively for *.xml.",
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command("render", "Render CAP alerts into what a channel carries (SMS, cell broadcast, voice, e-mail, signage).")
        {
            channel,
            language,
            format,
            simulation,
            defaultUrl,
            maxSegments,
            maxPages,
            columns,
            lines,
            paths,
        };
        command.SetAction(parseResult =>
        {
            var options = new RenderOptions
            {
                Simulation = parseResult.GetValue(simulation),
                DefaultInfoUrl = parseResult.GetValue(defaultUrl),
            };
            options.SmsMaxSegments = parseResult.GetValue(maxSegments) ?? options.SmsMaxSegments;
            options.CellBroadcastMaxPages = parseResult.GetValue(maxPages) ?? options.CellBroadcastMaxPages;
            options.SignageColumns = parseResult.GetValue(columns) ?? options.SignageColumns;
            options.SignageLines = parseResult.GetValue(lines) ?? options.SignageLines;
            return Run(
                RenderChannels.Parse(parseResult.GetValue(channel)!),
                parseResult.GetValue(language)!,
                parseResult.GetValue(format)!,
                options,
                parseResult.GetValue(paths) ?? [],
                stdout,
                stderr);
        });
        return command;
    }

    private static int Run(RenderChannel channel, string language, string format, RenderOptions options, IReadOnlyList<string> paths, TextWriter stdout, TextWriter stderr)
    {
        if (string.IsNullOrWhiteSpace(language) || language.Length > 64 || language.Any(char.IsControl))
        {
            stderr.WriteLine("bealert render: --lang needs a language tag such as nl, fr-BE or de.");
            return CliApp.ExitUsage;
        }

        CapRenderer renderer;
        try
        {
            renderer = new CapRenderer(options);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine("bealert render: " + e.Message);
            return CliApp.ExitUsage;
        }

        if (!InputFiles.TryExpand(paths, out var files, out var errors))
        {
            foreach (var error in errors)
            {
                stderr.WriteLine("bealert render: " + error);
            }

            return CliApp.ExitUsage;
        }

        var fileRenderer = new CapFileRenderer(CapParser.Default, renderer, channel, language);
        using var json = format == "json" ? new RenderJsonReport(stdout, channel) : null;
        IRenderReport report = json ?? (IRenderReport)new RenderTextReport(stdout);
        var ioErrors = 0;
        var capErrors = 0;
        foreach (var file in files)
        {
            var result = fileRenderer.Render(file);
            report.WriteFile(result);
            if (result.Error is not null)
            {
                if (result.IsIoError)
                {
                    ioErrors++;
                    stderr.WriteLine($"bealert render: {file}: cannot read the file: {result.Error}");
                }
                else
                {
                    capErrors++;
                    stderr.WriteLine($"bealert render: {file}: not a readable CAP alert: {result.Error}");
                }
            }
        }

        report.Complete();
        return ioErrors > 0 ? CliApp.ExitUsage
            : capErrors > 0 ? CliApp.ExitInvalid
            : CliApp.ExitOk;
    }
}
