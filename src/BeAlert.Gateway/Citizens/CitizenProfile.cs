using System.Globalization;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;

namespace BeAlert.Gateway.Citizens;

/// <summary>An address as stored: always a municipality and a point inside it.</summary>
internal sealed record ResolvedAddress(string? Street, string? HouseNumber, int? PostalCode, int Nis, double Lat, double Lon, string LocatedBy);

/// <summary>A validated registration or change: normalised contacts, resolved addresses.</summary>
internal sealed record CitizenProfile(
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<ResolvedAddress> Addresses,
    IReadOnlyList<string> Languages,
    DeliveryChannels Channels,
    ConsentInput? Consent)
{
    public static readonly IReadOnlyList<string> SupportedLanguages = ["nl", "fr", "de", "en"];

    private const int MaxTextLength = 200;

    /// <summary>
    /// Checks every field and lists every problem (field path → messages). Phone numbers and e-mail addresses go
    /// through the dispatch engine's own parsers, so what is accepted here is what the engine can reach. An address
    /// with coordinates must fall inside a Belgian municipality; an address with only a NIS code is placed on a point
    /// guaranteed inside that municipality's polygon (its interior point: not the centroid, which can fall outside a
    /// concave commune), so commune- and area-wide alerts reach it; street and number are kept for street targeting.
    /// </summary>
    public static (CitizenProfile? Profile, Dictionary<string, string[]> Errors) Validate(CitizenProfileInput input, bool consentRequired)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        var phones = new List<string>();
        var rawPhones = input.Phones ?? [];
        if (rawPhones.Count > Subscriber.MaxContacts)
        {
            Add("phones", $"At most {Subscriber.MaxContacts} phone numbers.");
        }

        for (var i = 0; i < rawPhones.Count && i < Subscriber.MaxContacts; i++)
        {
            if (PhoneNumber.TryParse(rawPhones[i], out var number, out var error))
            {
                var text = number.ToString();
                if (phones.Contains(text))
                {
                    Add($"phones[{i}]", "This number is listed twice.");
                }
                else
                {
                    phones.Add(text);
                }
            }
            else
            {
                Add($"phones[{i}]", error);
            }
        }

        var emails = new List<string>();
        var rawEmails = input.Emails ?? [];
        if (rawEmails.Count > Subscriber.MaxContacts)
        {
            Add("emails", $"At most {Subscriber.MaxContacts} e-mail addresses.");
        }

        for (var i = 0; i < rawEmails.Count && i < Subscriber.MaxContacts; i++)
        {
            if (EmailAddress.TryNormalize(rawEmails[i], out var normalized, out var error))
            {
                if (emails.Contains(normalized, StringComparer.OrdinalIgnoreCase))
                {
                    Add($"emails[{i}]", "This address is listed twice.");
                }
                else
                {
                    emails.Add(normalized);
                }
            }
            else
            {
                Add($"emails[{i}]", error ?? "Not an e-mail address.");
            }
        }

        if (rawPhones.Count == 0 && rawEmails.Count == 0)
        {
            Add("phones", "Give at least one phone number or e-mail address.");
        }

        var addresses = new List<ResolvedAddress>();
        var rawAddresses = input.Addresses ?? [];
        if (rawAddresses.Count > Subscriber.MaxAddresses)
        {
            Add("addresses", $"At most {Subscriber.MaxAddresses} addresses.");
        }
        else
        {
            for (var i = 0; i < rawAddresses.Count; i++)
            {
                var resolved = Resolve(rawAddresses[i], out var error);
                if (resolved is null)
                {
                    Add($"addresses[{i}]", error!);
                }
                else
                {
                    addresses.Add(resolved);
                }
            }
        }

        var languages = new List<string>();
        var rawLanguages = input.Languages ?? [];
        if (rawLanguages.Count == 0)
        {
            Add("languages", "Give at least one language: nl, fr, de or en.");
        }

        for (var i = 0; i < rawLanguages.Count; i++)
        {
            var tag = rawLanguages[i]?.Trim().ToLowerInvariant();
            if (tag is null || !SupportedLanguages.Contains(tag))
            {
                Add($"languages[{i}]", "Languages are nl, fr, de or en.");
            }
            else if (!languages.Contains(tag))
            {
                languages.Add(tag);
            }
        }

        var channels = DeliveryChannels.None;
        var rawChannels = input.Channels ?? [];
        if (rawChannels.Count == 0)
        {
            Add("channels", "Choose at least one channel: Sms, Voice or Email.");
        }

        for (var i = 0; i < rawChannels.Count; i++)
        {
            var name = rawChannels[i]?.Trim();
            if (string.Equals(name, "sms", StringComparison.OrdinalIgnoreCase))
            {
                channels |= DeliveryChannels.Sms;
            }
            else if (string.Equals(name, "voice", StringComparison.OrdinalIgnoreCase))
            {
                channels |= DeliveryChannels.Voice;
            }
            else if (string.Equals(name, "email", StringComparison.OrdinalIgnoreCase))
            {
                channels |= DeliveryChannels.Email;
            }
            else
            {
                Add($"channels[{i}]", "Channels are Sms, Voice or Email.");
            }
        }

        if (consentRequired && input.Consent is not { Accepted: true })
        {
            Add("consent", "Registration needs consent: {\"version\": \"…\", \"accepted\": true}.");
        }

        if (input.Consent is { } consent && (string.IsNullOrWhiteSpace(consent.Version) || consent.Version.Length > 64))
        {
            Add("consent.version", "Name the privacy notice version (1 to 64 characters).");
        }

        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        return (new CitizenProfile(phones, emails, addresses, languages, channels, input.Consent), []);
    }

    private static ResolvedAddress? Resolve(AddressInput? input, out string? error)
    {
        error = null;
        if (input is null)
        {
            error = "An address is an object.";
            return null;
        }

        if ((input.Street?.Length ?? 0) > MaxTextLength || (input.HouseNumber?.Length ?? 0) > 32)
        {
            error = $"The street has at most {MaxTextLength} characters and the house number at most 32.";
            return null;
        }

        if (input.PostalCode is { } postcode && postcode is < 1000 or > 9999)
        {
            error = "A Belgian postal code has four digits (1000–9999).";
            return null;
        }

        var boundaries = BelgianBoundaries.Default;
        if (input.Lat is { } lat && input.Lon is { } lon)
        {
            if (!double.IsFinite(lat) || !double.IsFinite(lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                error = "Latitude is −90 to 90 and longitude −180 to 180 (WGS 84 degrees).";
                return null;
            }

            var municipality = boundaries.FindMunicipalityAt(lat, lon);
            if (municipality is null)
            {
                error = $"({lat.ToString(CultureInfo.InvariantCulture)}, {lon.ToString(CultureInfo.InvariantCulture)}) is not inside a Belgian municipality.";
                return null;
            }

            var nis = int.Parse(municipality.Code, CultureInfo.InvariantCulture);
            if (input.Nis is { } given && given != nis)
            {
                error = $"The point lies in {municipality.NameNl} ({nis}), not in municipality {given}.";
                return null;
            }

            return new ResolvedAddress(input.Street?.Trim(), input.HouseNumber?.Trim(), input.PostalCode, nis, Math.Round(lat, 7), Math.Round(lon, 7), "point");
        }

        if (input.Lat is not null || input.Lon is not null)
        {
            error = "Give both lat and lon, or neither.";
            return null;
        }

        if (input.Nis is { } code)
        {
            if (!boundaries.TryFind(code.ToString(CultureInfo.InvariantCulture), out var unit) || unit!.Level != AdministrativeLevel.Municipality)
            {
                error = $"{code} is not the NIS code of a Belgian municipality.";
                return null;
            }

            var inside = unit.GetGeometry().InteriorPoint;
            return new ResolvedAddress(input.Street?.Trim(), input.HouseNumber?.Trim(), input.PostalCode, code, Math.Round(inside.Y, 7), Math.Round(inside.X, 7), "municipality");
        }

        error = "Give the coordinates (lat, lon) or the municipality's NIS code.";
        return null;
    }
}
