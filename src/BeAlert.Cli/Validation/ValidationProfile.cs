using BeAlert.Cap;

namespace BeAlert.Cli.Validation;

/// <summary>A named set of rules to validate with (<c>--profile NAME</c>): one of the library's <see cref="CapProfile"/>s.</summary>
/// <param name="Name">The name on the command line.</param>
/// <param name="Description">One line for the help text.</param>
/// <param name="Validator">The validator that applies the profile's rules.</param>
internal sealed record ValidationProfile(string Name, string Description, CapValidator Validator)
{
    /// <summary>Plain OASIS CAP 1.2, the default.</summary>
    public static ValidationProfile Cap { get; } = From(CapProfile.Cap);

    /// <summary>Every known profile, in the order the help lists them: <c>cap</c> first, then the library's profiles.</summary>
    public static IReadOnlyList<ValidationProfile> All { get; } = [Cap, .. CapProfile.All.Where(p => p != CapProfile.Cap).Select(From)];

    /// <summary>The comma-separated names of every profile, for messages.</summary>
    public static string KnownNames => string.Join(", ", All.Select(p => p.Name));

    /// <summary>Finds a profile by name (ASCII case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The profile, or <see langword="null"/> when no profile has that name.</returns>
    public static ValidationProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ValidationProfile From(CapProfile profile) => new(profile.Name, profile.Description, CapValidator.For(profile));
}
