using System.CommandLine;
using System.CommandLine.Invocation;
using BeAlert.Cli.Commands;

namespace BeAlert.Cli;

/// <summary>
/// The <c>bealert</c> command line, runnable in-process: <see cref="Run"/> takes the arguments and the two
/// writers and returns the exit code, so tests need no child process.
/// </summary>
internal static class CliApp
{
    /// <summary>Every document read and none has an error.</summary>
    public const int ExitOk = 0;

    /// <summary>At least one document has an error (an unreadable document counts).</summary>
    public const int ExitInvalid = 1;

    /// <summary>Usage error or I/O error: bad options, a missing path, an unreadable file, an unknown profile.</summary>
    public const int ExitUsage = 2;

    /// <summary>An unexpected exception: a bug in bealert or BeAlert.Cap.</summary>
    public const int ExitInternalError = 3;

    /// <summary>Gateway commands: the gateway refused the request (400, 401, 403, 404, 409, 429).</summary>
    public const int ExitRejected = 4;

    /// <summary>Gateway commands: the gateway could not be reached, timed out, or failed (5xx).</summary>
    public const int ExitUnavailable = 5;

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Where reports and help go.</param>
    /// <param name="stderr">Where usage and I/O errors go.</param>
    /// <returns>The exit code (see the <c>Exit*</c> constants).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var root = new RootCommand("bealert: validate, render, sign and verify CAP alerts, list the municipalities they reach, convert them; manage a BeAlert gateway's access keys and authorities.")
        {
            ValidateCommand.Create(stdout, stderr),
            RenderCommand.Create(stdout, stderr),
            SignCommand.Create(stdout, stderr),
            VerifyCommand.Create(stdout, stderr),
            AreasCommand.Create(stdout, stderr),
            ConvertCommand.Create(stdout, stderr),
            KeysCommand.Create(stdout, stderr),
            AuthoritiesCommand.Create(stdout, stderr),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // System.CommandLine would exit 1 for a parse error; 1 means "a document has errors" here.
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine("bealert: " + error.Message);
            }

            stderr.WriteLine("Run 'bealert --help' or 'bealert COMMAND --help' for usage.");
            return ExitUsage;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
#pragma warning disable CA1031 // The last line of defence: report any bug as exit 3, never as a document verdict.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stdout.Flush();
            stderr.WriteLine("bealert: internal error (please report): " + e);
            return ExitInternalError;
        }
    }
}
