using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Hosting;

namespace BeAlert.Gateway.Transports;

/// <summary>
/// What real networks call back: <c>POST /api/transports/voice/callback</c>, the voice provider's signed status
/// callbacks (docs/specs.md, "Voice provider contract"; configure <c>BeAlert:Transports:Voice:CallbackUrl</c> to this
/// address). Anonymous: the <c>X-BeAlert-Signature</c> header (HMAC with <c>CallbackSecret</c>) is the authentication.
/// </summary>
public static class TransportEndpoints
{
    public const string SignatureHeader = "X-BeAlert-Signature";

    public static IEndpointRouteBuilder MapTransports(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/transports/voice/callback", VoiceCallbackAsync)
            .AllowAnonymous()
            .WithName("VoiceCallback")
            .WithSummary("A voice provider's signed call status callback (only when BeAlert:Transports:Voice is configured).")
            .WithTags("Transports")
            .Accepts<object>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> VoiceCallbackAsync(HttpContext context, DispatchHost host)
    {
        var settings = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value.Transports.Voice;
        var routing = host.Transports.OfType<SimulationRoutingTransport>().FirstOrDefault(t => t.Channel == DeliveryChannel.Voice);
        if (settings is null || routing is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No voice provider", detail: "BeAlert:Transports:Voice is not configured: voice calls are simulated.");
        }

        if (routing.Real is not VoiceTransport voice)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Voice transport starting", detail: "The voice transport is not started yet; send the callback again.");
        }

        var (body, problem) = await RequestBody.ReadBytesAsync(context, settings.MaxCallbackBytes, "BeAlert:Transports:Voice:MaxCallbackBytes").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var signature = context.Request.Headers[SignatureHeader].ToString();
        var result = await voice.HandleCallbackAsync(body, signature.Length == 0 ? null : signature, context.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            VoiceCallbackResult.BadSignature => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature", detail: $"The {SignatureHeader} header is missing, malformed, stale or does not match."),
            VoiceCallbackResult.Malformed => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback", detail: "The body is not a call status callback (docs/specs.md, Voice provider contract)."),
            _ => Results.Ok(),
        };
    }
}
