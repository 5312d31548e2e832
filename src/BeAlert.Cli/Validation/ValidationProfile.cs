using BeAlert.Cap;

namespace BeAlert.Cli.Validation;

/// <summary>A named set of rules to validate with (<c>--profile NAME</c>).</summary>
/// <param name="Name">The name on the command line.</param>
/// <param name="Description">One line for the help text.</param>
/// <param name="Validator">The validator that applies the profile's rules.</param>
internal sealed record ValidationProfile(string Name, string Description, CapValidator Validator)
{
    /// <summary>Plain OASIS CAP 1.2, the default.</summary>
    public static ValidationProfile Cap { get; } = new("cap", "plain OASIS CAP 1.2", CapValidator.Default);

    /// <summary>Every known profile, in the order the help lists them.</summary>
    public static IReadOnlyList<ValidationProfile> All { get; } = [Cap];

    /// <summary>The comma-separated names of every profile, for messages.</summary>
    public static string KnownNames => string.Join(", ", All.Select(p => p.Name));

    /// <summary>Finds a profile by name (ASCII case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The profile, or <see langword="null"/> when no profile has that name.</returns>
    public static ValidationProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
