using System.Globalization;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using NetTopologySuite.Geometries;

namespace BeAlert.Dispatch;

/// <summary>
/// Turns an <see cref="AudienceSpec"/> into the people a campaign reaches: one <see cref="AudienceMember"/> per person
/// (however many parts or addresses reach them), with the channels they can receive and the language chosen for them.
/// </summary>
/// <remarks>
/// Resolution marks subscribers in a bit set (one bit per subscriber: 1.4 MB for 11.5 million) while it walks the
/// parts: area parts through the directory's grid, municipality and street parts through its per-municipality index,
/// groups through id lookups. The members are then streamed from the set in id order, built one at a time, so
/// resolving "everyone" never holds millions of objects. Imported contacts come after the subscribers; a contact
/// whose phone or e-mail a subscriber of the audience already has does not get that channel a second time, and
/// neither does a contact listed twice. Thread-safe; each resolution is independent.
/// </remarks>
public sealed class AudienceResolver
{
    private readonly SubscriberDirectory _directory;

    /// <summary>Creates a resolver over a directory.</summary>
    /// <param name="directory">The subscribers.</param>
    public AudienceResolver(SubscriberDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
    }

    /// <summary>Resolves an audience for an alert: languages from the alert's info blocks.</summary>
    /// <param name="spec">Who.</param>
    /// <param name="alert">The alert (its info blocks give the languages).</param>
    /// <param name="channels">The campaign's channels; only SMS, voice and e-mail reach persons.</param>
    /// <returns>The resolution: enumerate it for the members, or count it.</returns>
    /// <exception cref="ArgumentException">The alert has no info block.</exception>
    public AudienceResolution Resolve(AudienceSpec spec, CapAlert alert, DeliveryChannels channels) =>
        Resolve(spec, LanguageChooser.For(alert), channels);

    /// <summary>Resolves an audience.</summary>
    /// <param name="spec">Who.</param>
    /// <param name="languages">The chooser for the alert's languages.</param>
    /// <param name="channels">The campaign's channels; only SMS, voice and e-mail reach persons.</param>
    /// <returns>The resolution: enumerate it for the members, or count it.</returns>
    public AudienceResolution Resolve(AudienceSpec spec, LanguageChooser languages, DeliveryChannels channels)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(languages);
        var added = _directory.AddedSnapshot();
        var total = _directory.MainCount + added.Length;
        var bits = new ulong[(total + 63) / 64];
        long addresses = 0;
        if (spec.Everyone)
        {
            Array.Fill(bits, ulong.MaxValue);
            if (total % 64 != 0)
            {
                bits[^1] = (1UL << (total % 64)) - 1;
            }
        }
        else
        {
            foreach (var area in spec.Areas)
            {
                addresses += _directory.MarkArea(new AreaQuery(area), bits);
            }

            foreach (var nis in spec.Municipalities)
            {
                addresses += _directory.MarkMunicipality(nis, bits);
            }

            foreach (var street in spec.Streets)
            {
                ArgumentNullException.ThrowIfNull(street, nameof(spec));
                addresses += _directory.MarkStreet(street.MunicipalityNis, street.Street, street.FromHouseNumber, street.ToHouseNumber, bits);
            }

            foreach (var group in spec.Groups)
            {
                ArgumentNullException.ThrowIfNull(group, nameof(spec));
                if (group.Area is { } area)
                {
                    _directory.MarkArea(new AreaQuery(area), bits);
                }
                else
                {
                    _directory.MarkIds(group.MemberIds, bits);
                }
            }
        }

        return new AudienceResolution(_directory, added, bits, addresses, spec.Lists, languages, channels & PersonChannels);
    }

    /// <summary>Counts the subscribers and address points inside an area (for the map while an operator draws).</summary>
    /// <param name="area">The area from <see cref="CapAreaLocator"/>.</param>
    /// <returns>The counts.</returns>
    public AreaCount CountInArea(CapGeometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return CountInArea(area.GetGeometry());
    }

    /// <summary>Counts the subscribers and address points inside an area.</summary>
    /// <param name="area">A polygonal geometry (x = longitude, y = latitude).</param>
    /// <returns>The counts.</returns>
    public AreaCount CountInArea(Geometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var added = _directory.AddedSnapshot();
        var bits = new ulong[(_directory.MainCount + added.Length + 63) / 64];
        var addresses = _directory.MarkArea(new AreaQuery(area), bits);
        long people = 0;
        foreach (var word in bits)
        {
            people += (long)ulong.PopCount(word);
        }

        return new AreaCount(people, addresses);
    }

    internal const DeliveryChannels PersonChannels = DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email;

    internal static string FormatPhone(ulong digits) => "+" + digits.ToString(CultureInfo.InvariantCulture);
}
