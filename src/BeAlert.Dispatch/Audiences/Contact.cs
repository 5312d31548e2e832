namespace BeAlert.Dispatch;

/// <summary>One person of an imported contact list: not a registered subscriber, reached on what the list gives.</summary>
/// <param name="Name">The name from the list, or <see langword="null"/>.</param>
/// <param name="Phone">The phone number, or <c>default</c> when the row has none.</param>
/// <param name="Email">The e-mail address (normalised), or <see langword="null"/>.</param>
/// <param name="Language">The preferred language, or <see langword="null"/>.</param>
public sealed record Contact(string? Name, PhoneNumber Phone, string? Email, string? Language);
