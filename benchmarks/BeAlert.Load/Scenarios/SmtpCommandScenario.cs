using System.CommandLine;

namespace BeAlert.Load.Scenarios;

/// <summary>
/// <c>smtp</c>: registers <see cref="SmtpScenario"/>, which parses its own options
/// (<c>--host --port --messages --connections [--batch] [--linger-ms] [--local] [--baseline]</c>), with the driver.
/// </summary>
internal sealed class SmtpCommandScenario : ILoadScenario
{
    public string Name => "smtp";

    public Command CreateCommand()
    {
        var command = new Command(Name, "E-mail over SMTP: SmtpEmailTransport against a relay, optionally beside postfix's smtp-source (--local --baseline).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, cancellationToken) => SmtpScenario.RunAsync([.. parse.UnmatchedTokens], Console.Out, cancellationToken));
        return command;
    }
}
