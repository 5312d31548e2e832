using System.CommandLine;
using BeAlert.Cap;
using BeAlert.Cli.Output;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Commands;

/// <summary>
/// <c>bealert validate [--profile NAME] [--strict|--lenient] [--format text|json|sarif] PATH...</c>: reads every CAP
/// document given (directories are searched recursively for <c>*.xml</c>) and reports every diagnostic.
/// Exit 0 when no document has an error, 1 when one has, 2 for usage and I/O errors. This is a contract other
/// tools rely on: change it only by adding.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Creates the command, writing to the given writers.</summary>
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where usage and I/O errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var profile = new Option<string>("--profile", "-p")
        {
            Description = $"The rules to apply: {ValidationProfile.KnownNames}.",
            HelpName = "NAME",
            DefaultValueFactory = _ => ValidationProfile.Cap.Name,
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Report every deviation from the standard as an error (the default).",
        };
        var lenient = new Option<bool>("--lenient")
        {
            Description = "Repair what is safely repairable (whitespace, 'Z' times, unclosed polygons...) and report each repair as a warning.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "The report format: text (one line per diagnostic), json (one JSON object) or sarif (SARIF 2.1.0, for CI code scanning).",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var paths = new Argument<string[]>("PATH")
        {
            Description = "CAP files, Atom/RSS feeds or EDXL-DE envelopes carrying CAP, or directories to search recursively for *.xml.",
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command("validate", "Validate CAP alerts (1.0, 1.1 and 1.2), and the Atom/RSS feeds and EDXL-DE envelopes that carry them, against CAP 1.2 and its rules.")
        {
            profile,
            strict,
            lenient,
            format,
            paths,
        };
        command.SetAction(parseResult => Run(
            new ValidateArguments(
                parseResult.GetValue(profile)!,
                parseResult.GetValue(strict),
                parseResult.GetValue(lenient),
                parseResult.GetValue(format)!,
                parseResult.GetValue(paths) ?? []),
            stdout,
            stderr));
        return command;
    }

    private static int Run(ValidateArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Strict && args.Lenient)
        {
            stderr.WriteLine("bealert validate: --strict and --lenient cannot be used together.");
            return CliApp.ExitUsage;
        }

        var profile = ValidationProfile.Find(args.Profile);
        if (profile is null)
        {
            stderr.WriteLine($"bealert validate: unknown profile '{args.Profile}'. Known profiles: {ValidationProfile.KnownNames}.");
            return CliApp.ExitUsage;
        }

        if (!InputFiles.TryExpand(args.Paths, out var files, out var errors))
        {
            foreach (var error in errors)
            {
                stderr.WriteLine("bealert validate: " + error);
            }

            return CliApp.ExitUsage;
        }

        var parser = new CapParser(new CapParserOptions { Mode = args.Lenient ? CapParseMode.Lenient : CapParseMode.Strict });
        var validator = new CapFileValidator(parser, profile);
        var summary = new ValidationSummary();
        using var json = args.Format == "json" ? new JsonReport(stdout) : null;
        using var sarif = args.Format == "sarif" ? new SarifReport(stdout) : null;
        IValidationReport report = json ?? sarif ?? (IValidationReport)new TextReport(stdout);
        foreach (var result in validator.ValidateAll(files, Environment.ProcessorCount))
        {
            summary.Add(result);
            report.WriteFile(result);
            if (result.IoError is not null)
            {
                stderr.WriteLine($"bealert validate: {result.Path}: cannot read the file: {result.IoError}");
            }
        }

        report.Complete(summary);
        return summary.Unreadable > 0 ? CliApp.ExitUsage
            : summary.Invalid > 0 ? CliApp.ExitInvalid
            : CliApp.ExitOk;
    }

    private sealed record ValidateArguments(string Profile, bool Strict, bool Lenient, string Format, IReadOnlyList<string> Paths);
}
