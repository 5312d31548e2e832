using BeAlert.Gateway.Hosting;

try
{
    var app = GatewayApp.Build(args);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (GatewayConfigurationException e)
{
    await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
    return 2;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
