using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Web.Console;

namespace BeAlert.Gateway.Citizens;

/// <summary>A sign-in with a one-time code: a phone number or e-mail address confirmed before, then the code sent to it.</summary>
public sealed record SignInInput(string? Contact, string? Code);

/// <summary>
/// Sign-in with a code for a registered citizen whose browser no longer holds the access token (the web pages keep it
/// only for the browser session): <c>POST /api/citizens/sign-in</c> sends a code to a verified phone number (SMS) or
/// e-mail address; <c>POST /api/citizens/sign-in/confirm</c> takes that code and answers a new token, which replaces
/// the old one. The request answers the same whether or not the contact is registered (no code is sent then), so it
/// does not tell who is registered; codes have the registration's limits (three per destination per 15 minutes, five
/// attempts, 15 minutes' validity). Both are throttled per client address and per destination
/// (<see cref="SignInThrottle"/>: 429 + Retry-After, settings <c>BeAlert:SignIn</c>).
/// </summary>
internal static class CitizenSignIn
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/sign-in", RequestAsync)
            .WithName("RequestCitizenSignIn")
            .WithSummary("Sends a one-time code to a registered citizen's confirmed phone number (SMS) or e-mail address; answers the same when the contact is not registered.")
            .Accepts<SignInInput>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/sign-in/confirm", ConfirmAsync)
            .WithName("ConfirmCitizenSignIn")
            .WithSummary("Takes the sign-in code; answers a new access token (shown once), which replaces the previous one.")
            .Accepts<SignInInput>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>A phone number or e-mail address as the store keeps it, or null.</summary>
    internal static (string Kind, string Value)? ParseContact(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 254)
        {
            return null;
        }

        text = text.Trim();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return EmailAddress.TryNormalize(text, out var email, out _) ? (CitizenContact.Email, email) : null;
        }

        return PhoneNumber.TryParse(text, out var phone, out _) ? (CitizenContact.Phone, phone.ToString()) : null;
    }

    private static IResult BadContact() =>
        Results.Problem(statusCode: 422, title: "Not a phone number or e-mail address", detail: "Give the phone number (e.g. +32 470 12 34 56) or e-mail address you registered with.");

    private static async Task<CitizenRecord?> FindAsync(CitizenStore store, (string Kind, string Value) contact, CancellationToken cancel)
    {
        var id = await store.FindActiveIdByVerifiedContactAsync(contact.Kind, contact.Value, cancel).ConfigureAwait(false);
        return id is null ? null : await store.FindAsync(id.Value, cancel).ConfigureAwait(false);
    }

    private static async Task<IResult> RequestAsync(HttpContext context, CitizenStore store, VerificationSender sender, AuditLog audit, SignInThrottle throttle)
    {
        if (!throttle.TryAddress(context, out var wait))
        {
            return SignInThrottle.TooMany(context, wait);
        }

        var (input, problem) = await RequestBodies.ReadJsonAsync<SignInInput>(context, RequestBody.MaxJsonBytes(context)).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ParseContact(input!.Contact) is not { } contact)
        {
            return BadContact();
        }

        if (!throttle.TryName("citizen", contact.Kind + ":" + contact.Value.ToLowerInvariant(), out wait))
        {
            return SignInThrottle.TooMany(context, wait);
        }

        var cancel = context.RequestAborted;
        var record = await FindAsync(store, contact, cancel).ConfigureAwait(false);
        var stored = record?.Contacts.FirstOrDefault(c => c.Verified && c.Kind == contact.Kind && string.Equals(c.Value, contact.Value, StringComparison.OrdinalIgnoreCase));
        if (record is not null && stored is not null)
        {
            if (!await sender.SendAsync(record, stored, cancel).ConfigureAwait(false))
            {
                return CitizenEndpoints.TooManyCodes(context);
            }

            await audit.RecordAsync(context, "citizen.sign-in.code", $"citizen:{record.Id}", $"code sent by {(contact.Kind == CitizenContact.Phone ? "sms" : "email")}", cancel).ConfigureAwait(false);
        }

        return Results.Accepted(value: new
        {
            codeSentBy = contact.Kind == CitizenContact.Phone ? "sms" : "email",
            expiresInSeconds = (int)CitizenSecrets.CodeLifetime.TotalSeconds,
        });
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context, CitizenStore store, AuditLog audit, SignInThrottle throttle)
    {
        if (!throttle.TryAddress(context, out var wait))
        {
            return SignInThrottle.TooMany(context, wait);
        }

        var (input, problem) = await RequestBodies.ReadJsonAsync<SignInInput>(context, RequestBody.MaxJsonBytes(context)).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ParseContact(input!.Contact) is not { } contact)
        {
            return BadContact();
        }

        if (!throttle.TryName("citizen", contact.Kind + ":" + contact.Value.ToLowerInvariant(), out wait))
        {
            return SignInThrottle.TooMany(context, wait);
        }

        if (string.IsNullOrWhiteSpace(input.Code))
        {
            return Results.Problem(statusCode: 422, title: "Incomplete", detail: "Give the contact and the six-digit code.");
        }

        var cancel = context.RequestAborted;
        var record = await FindAsync(store, contact, cancel).ConfigureAwait(false);
        var stored = record?.Contacts.FirstOrDefault(c => c.Verified && c.Kind == contact.Kind && string.Equals(c.Value, contact.Value, StringComparison.OrdinalIgnoreCase));
        if (record is null || stored is null)
        {
            // The same answer as a wrong code, so the endpoint does not tell who is registered.
            return Results.Problem(statusCode: 422, title: "Wrong code", detail: "The code is wrong or has expired; ask for a new one.");
        }

        var (_, codeProblem) = await CitizenEndpoints.CheckCodeAsync(store, record, stored.Id, input.Code, cancel).ConfigureAwait(false);
        if (codeProblem is not null)
        {
            return codeProblem;
        }

        var token = CitizenSecrets.NewToken();
        await store.ReplaceTokenAsync(record.Id, CitizenSecrets.Hash(token), cancel).ConfigureAwait(false);
        await audit.RecordAsync(context, "citizen.sign-in", $"citizen:{record.Id}", null, cancel).ConfigureAwait(false);
        return Results.Ok(new { token, subscriberId = record.SubscriberId, citizen = CitizenEndpoints.View(record) });
    }
}
