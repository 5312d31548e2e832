namespace BeAlert.Gateway.Citizens;

/// <summary>
/// A registration or a change of one's data: phone numbers and e-mail addresses (at most five each), up to five
/// addresses, languages (nl, fr, de, en; best first) and the channels accepted (Sms, Voice, Email).
/// </summary>
public sealed record CitizenProfileInput(
    IReadOnlyList<string>? Phones,
    IReadOnlyList<string>? Emails,
    IReadOnlyList<AddressInput>? Addresses,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<string>? Channels,
    ConsentInput? Consent);

/// <summary>
/// An address: either a point (<see cref="Lat"/>/<see cref="Lon"/>, WGS 84, inside Belgium: the municipality is found
/// from it) or a municipality's NIS code (the address is then placed at a point inside that municipality).
/// </summary>
public sealed record AddressInput(int? Nis, string? Street, string? HouseNumber, int? PostalCode, double? Lat, double? Lon);

/// <summary>The privacy notice version the citizen saw, and whether they accept it.</summary>
public sealed record ConsentInput(string? Version, bool Accepted);

/// <summary>The one-time code for a pending registration.</summary>
public sealed record ConfirmInput(string? RegistrationId, string? Code);

/// <summary>A one-time code for a contact (a phone number or e-mail address added later).</summary>
public sealed record CodeInput(string? Code);

/// <summary>An operator's group: a list of members (subscriber ids and/or contacts) or an area on the map.</summary>
public sealed record GroupInput(string? Name, IReadOnlyList<long>? SubscriberIds, IReadOnlyList<GroupContactInput>? Contacts, GroupAreaInput? Area);

/// <summary>A group member who is not a registered citizen.</summary>
public sealed record GroupContactInput(string? Name, string? Phone, string? Email, string? Language);

/// <summary>A map area: a CAP polygon (<c>"lat,lon lat,lon …"</c>, closed) and/or a CAP circle (<c>"lat,lon radiusKm"</c>).</summary>
public sealed record GroupAreaInput(string? Polygon, string? Circle);
