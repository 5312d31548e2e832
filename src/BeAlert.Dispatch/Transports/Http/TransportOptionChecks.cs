using System.Globalization;

namespace BeAlert.Dispatch;

/// <summary>Shared checks of the HTTP transports' options; each adds a sentence per problem to a list.</summary>
internal static class TransportOptionChecks
{
    public static void Name(string? name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("Name must not be empty.");
        }
        else if (name.Length > 100 || name.Any(char.IsControl))
        {
            errors.Add("Name must be at most 100 characters without control characters.");
        }
    }

    public static void HttpUri(Uri? uri, string property, List<string> errors)
    {
        if (uri is null)
        {
            errors.Add($"{property} must be set.");
        }
        else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{property} must be an absolute http or https URI (it is '{uri}').");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add($"{property} must not carry user information; give credentials in their own setting.");
        }
    }

    public static void Range(int value, int min, int max, string property, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{property} must be between {min} and {max} (it is {value})."));
        }
    }

    public static void Range(TimeSpan value, TimeSpan min, TimeSpan max, string property, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{property} must be between {min} and {max} (it is {value})."));
        }
    }

    public static void Secret(string? secret, string property, List<string> errors)
    {
        if (string.IsNullOrEmpty(secret))
        {
            errors.Add($"{property} must be set.");
        }
        else if (secret.Length < 16 || secret.Length > 1024)
        {
            errors.Add($"{property} must be 16 to 1024 characters long (its value is not shown).");
        }
    }

    public static void Throw(string what, List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException($"The {what} are not valid:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", errors));
        }
    }
}
