using System.Globalization;
using System.Net;

namespace BeAlert.Gateway.Transports;

/// <summary>
/// Checks <c>BeAlert:Transports</c> at start: first the connection settings an operator most often gets wrong (host,
/// port, URL, credentials), each error naming its full key; then each options class's own checks (ranges, formats),
/// prefixed with its section. No message quotes a secret.
/// </summary>
public static class TransportSettingsValidator
{
    private const string Root = "BeAlert:Transports";

    public static IReadOnlyList<string> Validate(TransportSettings? settings)
    {
        var errors = new List<string>();
        if (settings is null)
        {
            return errors;
        }

        if (settings.Sms?.Smpp is { } smpp)
        {
            const string s = Root + ":Sms:Smpp";
            if (string.IsNullOrWhiteSpace(settings.Sms.Name) || settings.Sms.Name.Length > 64 || settings.Sms.Name.Any(char.IsControl))
            {
                errors.Add($"{Root}:Sms:Name must be 1 to 64 characters without control characters.");
            }

            Host(errors, $"{s}:Host", smpp.Host);
            Port(errors, $"{s}:Port", smpp.Port);
            if (string.IsNullOrEmpty(smpp.SystemId))
            {
                errors.Add($"{s}:SystemId is required (the bind's system_id).");
            }

            if (string.IsNullOrEmpty(smpp.Password))
            {
                errors.Add($"{s}:Password is required (the bind's password; it is never logged).");
            }

            Own(errors, s, smpp.Validate);
        }

        if (settings.Email?.Smtp is { } smtp)
        {
            const string s = Root + ":Email:Smtp";
            Host(errors, $"{s}:Host", smtp.Host);
            Port(errors, $"{s}:Port", smtp.Port);
            if (smtp.Credentials is { } credentials)
            {
                if (string.IsNullOrEmpty(credentials.UserName))
                {
                    errors.Add($"{s}:Credentials:UserName is required when credentials are given.");
                }

                if (string.IsNullOrEmpty(credentials.Password))
                {
                    errors.Add($"{s}:Credentials:Password is required when credentials are given (it is never logged).");
                }
            }

            Own(errors, s, smtp.Validate);
        }

        if (settings.CellBroadcast is { } cbc)
        {
            const string s = Root + ":CellBroadcast";
            Url(errors, $"{s}:Endpoint", cbc.Endpoint);
            Own(errors, s, cbc.Validate);
        }

        if (settings.Voice is { } voice)
        {
            const string s = Root + ":Voice";
            Url(errors, $"{s}:Endpoint", voice.Endpoint);
            Url(errors, $"{s}:CallbackUrl", voice.CallbackUrl);
            if (string.IsNullOrEmpty(voice.CallbackSecret))
            {
                errors.Add($"{s}:CallbackSecret is required (16 to 1,024 characters; the provider signs its callbacks with it).");
            }

            Own(errors, s, voice.Validate);
        }

        if (settings.Signage is { } signage)
        {
            const string s = Root + ":Signage";
            Url(errors, $"{s}:Endpoint", signage.Endpoint);
            if (string.IsNullOrEmpty(signage.Secret))
            {
                errors.Add($"{s}:Secret is required (16 to 1,024 characters; pushes are signed with it).");
            }

            Own(errors, s, signage.Validate);
        }

        return errors;
    }

    /// <summary>
    /// What the banner and the start-up log say per channel: the transport kind and host:port for a real one (never a
    /// path, query, user or secret), <c>simulation</c> otherwise.
    /// </summary>
    public static string Describe(TransportSettings? settings)
    {
        if (settings is null || !IsAnyReal(settings))
        {
            return "simulation (nothing leaves this machine)";
        }

        var parts = new List<string>
        {
            "sms " + (settings.Sms?.Smpp is { } smpp ? $"smpp {HostPort(smpp.Host, smpp.Port)}" : "simulation"),
            "email " + (settings.Email?.Smtp is { } smtp ? $"smtp {HostPort(smtp.Host, smtp.Port)}" : "simulation"),
            "cell-broadcast " + (settings.CellBroadcast?.Endpoint is { } cbc ? $"cbc {HostPort(cbc)}" : "simulation"),
            "voice " + (settings.Voice?.Endpoint is { } voice ? $"provider {HostPort(voice)}" : "simulation"),
            "signage " + (settings.Signage?.Endpoint is { } signage ? $"webhook {HostPort(signage)}" : "simulation"),
        };
        return string.Join(", ", parts) + "; simulation campaigns always stay on simulation";
    }

    internal static bool IsAnyReal(TransportSettings settings) =>
        settings.Sms?.Smpp is not null || settings.Email?.Smtp is not null || settings.CellBroadcast is not null || settings.Voice is not null || settings.Signage is not null;

    private static string HostPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}") : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    private static string HostPort(Uri uri) => uri.IsAbsoluteUri ? HostPort(uri.IdnHost, uri.Port) : "(invalid URL)";

    private static void Host(List<string> errors, string key, string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            errors.Add($"{key} is required (a host name or IP address).");
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add($"{key} '{Printable(host)}' is not a host name or IP address.");
        }
    }

    private static void Port(List<string> errors, string key, int port)
    {
        if (port is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be 1 to 65535 (it is {port})."));
        }
    }

    private static void Url(List<string> errors, string key, Uri? uri)
    {
        if (uri is null)
        {
            errors.Add($"{key} is required (an absolute http or https URL).");
        }
        else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add($"{key} must be an absolute http or https URL.");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add($"{key} must not carry a user or password; give credentials in their own setting.");
        }
    }

    private static void Own(List<string> errors, string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            errors.Add($"{section}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static string Printable(string value) =>
        new(value.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
