using System.CommandLine;

namespace BeAlert.Cli.Gateway;

/// <summary>The options every gateway command shares: where the gateway is and where the admin key is.</summary>
internal sealed class GatewayCommandOptions
{
    public Option<string?> Gateway { get; } = new("--gateway", "-g")
    {
        Description = $"The gateway's base URL (default: ${GatewayConnection.GatewayVariable}, else {GatewayConnection.DefaultGateway}).",
        HelpName = "URL",
    };

    public Option<string?> AdminKeyFile { get; } = new("--admin-key-file")
    {
        Description = $"A file holding the admin access key (default: the key in ${GatewayConnection.AdminKeyVariable}). There is no option that takes the key itself: it would be kept in shell history and shown by ps.",
        HelpName = "FILE",
    };

    public Option<string> Format { get; } = CreateFormat();

    public void AddTo(Command command)
    {
        command.Options.Add(Gateway);
        command.Options.Add(AdminKeyFile);
        command.Options.Add(Format);
    }

    public GatewayConnection? Open(ParseResult parseResult, TextWriter stderr, string command) =>
        GatewayConnection.Open(parseResult.GetValue(Gateway), parseResult.GetValue(AdminKeyFile), stderr, command);

    public bool Json(ParseResult parseResult) => parseResult.GetValue(Format) == "json";

    private static Option<string> CreateFormat()
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: text (a table for people) or json (the gateway's JSON, for scripts).",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }
}
