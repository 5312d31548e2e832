namespace BeAlert.Dispatch;

/// <summary>
/// The raw columns a <see cref="SubscriberDirectory"/> is built from: subscribers in increasing id order (index =
/// position), addresses in any order with their owner's index. Municipalities, streets, suffixes and languages are
/// indices into the tables. Languages pack up to four 1-based language-table indices, one per byte, best first.
/// </summary>
internal sealed class DirectoryColumns
{
    public required MunicipalityTable Municipalities { get; init; }

    public required long[] Ids { get; init; }

    public required ulong[] Phones { get; init; }

    /// <summary>End offset of each subscriber's primary e-mail in <see cref="EmailBytes"/> (ASCII); equal to the previous end when none.</summary>
    public required int[] EmailEnds { get; init; }

    public required byte[] EmailBytes { get; init; }

    public required uint[] Languages { get; init; }

    public required byte[] Channels { get; init; }

    /// <summary>Municipality index of the main residence, or <see cref="DirectoryBuilder.NoMunicipality"/>.</summary>
    public required ushort[] Home { get; init; }

    public required int[] Lat { get; init; }

    public required int[] Lon { get; init; }

    public required int[] Owner { get; init; }

    public required ushort[] Municipality { get; init; }

    public required ushort[] Street { get; init; }

    public required ushort[] House { get; init; }

    public required ushort[] Suffix { get; init; }

    public required ushort[] Postcode { get; init; }

    /// <summary>The position of each address in its owner's list (0 = main residence).</summary>
    public required byte[] Ordinal { get; init; }

    public required Dictionary<int, ulong[]> ExtraPhones { get; init; }

    public required Dictionary<int, string[]> ExtraEmails { get; init; }

    public required string[] LanguageTable { get; init; }

    public required string[][] Streets { get; init; }

    public required string[] Suffixes { get; init; }
}
