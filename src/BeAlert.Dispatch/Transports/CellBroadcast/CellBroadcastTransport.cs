using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>
/// Broadcasts alerts through one cell broadcast centre (CBC) as EU-Alert messages: one delivery per zone and language
/// (<see cref="OutboundMessage.Destination"/> is the zone's name). A CAP Alert starts a broadcast, an Update replaces it
/// with the update number raised, a Cancel kills it. The message identifier follows the EU-Alert level and the
/// language (<see cref="EuAlertMapper"/>); the serial number carries the configured geographical scope, a message code
/// derived from the first alert of the chain and the language, and the update number; the pages and data coding come
/// from <see cref="CapRenderer.RenderCellBroadcast"/>. Two wire formats: osmo-cbc's ECBE JSON and CAP XML
/// (<see cref="CellBroadcastWireFormat"/>). A broadcast the CBC accepted is <see cref="SendStatus.Delivered"/>: no
/// receipt follows.
/// </summary>
public sealed class CellBroadcastTransport : IDeliveryTransport
{
    /// <summary>The path of the ECBE message resource under the CBC's base URL.</summary>
    public const string EcbeMessagePath = "api/ecbe/v1/message";

    /// <summary>The info parameter names the CAP wire format adds (our names; the CBC reads them).</summary>
    public const string MessageIdentifierParameter = "EU-Alert-MessageIdentifier";

    /// <summary>The serial number parameter (decimal value of the 16 bits).</summary>
    public const string SerialNumberParameter = "CBS-SerialNumber";

    private static readonly CapRenderer Renderer = new(new RenderOptions());
    private static readonly CapRenderer SimulationRenderer = new(new RenderOptions { Simulation = true });
    private static readonly CapParser AckParser = new(new CapParserOptions { Mode = CapParseMode.Lenient });

    private readonly CellBroadcastOptions _options;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, CellBroadcastZone> _zones;
    private readonly ConcurrentDictionary<BroadcastKey, Active> _active = new();
    private readonly ConditionalWeakTable<MessageContent, CellBroadcastMessage> _rendered = new();
    private readonly Uri _messageUri;

    /// <summary>Creates the transport; the options are validated here and must not change afterwards.</summary>
    /// <param name="options">The CBC, wire format, broadcast parameters and zones.</param>
    /// <param name="httpClient">A client to use (not disposed here), or <see langword="null"/> for one of the transport's own.</param>
    /// <param name="timeProvider">The clock for deadlines; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="ArgumentException">The options are not valid (every problem listed).</exception>
    public CellBroadcastTransport(CellBroadcastOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _ownsClient = httpClient is null;
        _client = httpClient ?? HttpExchange.CreateClient(options.MaxConcurrency, options.Timeout);
        _zones = options.Zones.ToDictionary(z => z.Name, StringComparer.Ordinal);
        var root = options.Endpoint!.AbsoluteUri.EndsWith('/') ? options.Endpoint : new Uri(options.Endpoint.AbsoluteUri + "/");
        _messageUri = new Uri(root, EcbeMessagePath);
    }

    /// <inheritdoc/>
    public DeliveryChannel Channel => DeliveryChannel.CellBroadcast;

    /// <inheritdoc/>
    public string Name => _options.Name;

    /// <inheritdoc/>
    public int MaxConcurrency => _options.MaxConcurrency;

    /// <inheritdoc/>
    public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var content = message.Content ?? throw new ArgumentException("The message has no content.", nameof(message));
        var alert = content.Alert;
        if (CellBroadcastMapping.Operation(alert.MsgType) is not { } operation)
        {
            return SendResult.Failure(DeliveryError.ContentRejected, $"A CAP {alert.MsgType} message is never broadcast.");
        }

        if (ResolveZone(message.Destination, alert) is not { } zone)
        {
            return SendResult.Failure(DeliveryError.InvalidDestination, $"The zone '{Shorten(message.Destination)}' is neither configured for {Name} nor an area of the alert.");
        }

        if (CellBroadcastMapping.TwoLetterLanguage(content.Language) is not { } language)
        {
            return SendResult.Failure(DeliveryError.ContentRejected, $"The language '{Shorten(content.Language)}' cannot be indicated in a cell broadcast (it needs a two-letter primary subtag).");
        }

        var (rootSender, rootIdentifier) = CellBroadcastMapping.Root(alert);
        var key = new BroadcastKey(rootSender, rootIdentifier, zone.Name, language);
        _active.TryGetValue(key, out var previous);
        var code = CellBroadcastMapping.MessageCode(rootSender, rootIdentifier, language);

        int messageId;
        string? mapError = null;
        if (operation == CellBroadcastOperation.Kill && previous is not null)
        {
            messageId = previous.MessageIdentifier;
        }
        else if (!MapIdentifier(alert, content.Language, language, out messageId, ref mapError))
        {
            // An update that lowers the severity below any EU-Alert level still replaces the running broadcast.
            if (operation != CellBroadcastOperation.Update || previous is null)
            {
                return SendResult.Failure(DeliveryError.ContentRejected, mapError);
            }

            messageId = previous.MessageIdentifier;
        }

        var serial = operation switch
        {
            CellBroadcastOperation.New => new CellBroadcastSerialNumber(_options.GeographicalScope, code, 0),
            CellBroadcastOperation.Update => previous?.Serial.NextUpdate() ?? new CellBroadcastSerialNumber(_options.GeographicalScope, code, alert.References.Count & CellBroadcastSerialNumber.MaxUpdateNumber),
            _ => previous?.Serial ?? new CellBroadcastSerialNumber(_options.GeographicalScope, code, 0),
        };

        CellBroadcastMessage? rendered = null;
        if (operation != CellBroadcastOperation.Kill)
        {
            rendered = _rendered.GetValue(content, static c => (c.IsSimulation ? SimulationRenderer : Renderer).RenderCellBroadcast(c.Alert, c.Language));
        }

        var request = new Broadcast(operation, messageId, previous?.MessageIdentifier, serial, language, zone, rendered, alert, content.Language);
        var result = _options.WireFormat == CellBroadcastWireFormat.CapXml
            ? await SendCapAsync(request, cancellationToken).ConfigureAwait(false)
            : await SendEcbeAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Status == SendStatus.Delivered)
        {
            if (operation == CellBroadcastOperation.Kill)
            {
                _active.TryRemove(key, out _);
            }
            else
            {
                _active[key] = new Active(messageId, serial);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The message identifier of an alert in a language, or why there is none.</summary>
    private static bool MapIdentifier(CapAlert alert, string requestedLanguage, string language, out int messageId, ref string? error)
    {
        messageId = 0;
        var info = Renderer.SelectInfo(alert, requestedLanguage);
        if (info is null)
        {
            error = "The alert has no info block to broadcast.";
            return false;
        }

        if (!EuAlertMapper.TryMap(alert.Status, info, out var identifiers, out var reason))
        {
            error = reason;
            return false;
        }

        messageId = CellBroadcastMapping.MessageIdentifier(identifiers, CellBroadcastMapping.IsPrimaryLanguage(alert, language));
        return true;
    }

    private CellBroadcastZone? ResolveZone(string destination, CapAlert alert)
    {
        if (string.IsNullOrEmpty(destination))
        {
            return null;
        }

        if (_zones.TryGetValue(destination, out var zone))
        {
            return zone;
        }

        foreach (var info in alert.Infos)
        {
            foreach (var area in info.Areas)
            {
                if (string.Equals(area.AreaDesc, destination, StringComparison.Ordinal) && area.Polygons.Count > 0)
                {
                    return new CellBroadcastZone { Name = destination, Polygon = area.Polygons[0] };
                }
            }
        }

        return null;
    }

    private async Task<SendResult> SendEcbeAsync(Broadcast broadcast, CancellationToken cancellationToken)
    {
        // osmo-cbc has no "replace": an update deletes the running message, then creates the new one.
        if (broadcast.Operation != CellBroadcastOperation.New)
        {
            var delete = await DeleteEcbeAsync(broadcast.PreviousMessageIdentifier ?? broadcast.MessageIdentifier, broadcast.Serial.MessageCode, cancellationToken).ConfigureAwait(false);
            if (!delete.IsSuccess && delete.StatusCode != 404)
            {
                return delete.ToFailure();
            }

            if (broadcast.Operation == CellBroadcastOperation.Kill)
            {
                return new SendResult(SendStatus.Delivered, ProviderMessageId: ProviderId(broadcast), Reason: delete.StatusCode == 404 ? "not running at the CBC (already ended)" : "killed");
            }
        }

        byte[] body;
        try
        {
            body = EcbeJson(broadcast);
        }
        catch (ArgumentException e)
        {
            return SendResult.Failure(DeliveryError.ContentRejected, e.Message);
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, _messageUri) { Content = content };
        var outcome = await HttpExchange.SendAsync(_client, request, _options.Timeout, _options.MaxResponseBytes, _time, cancellationToken).ConfigureAwait(false);
        return outcome.IsSuccess
            ? new SendResult(SendStatus.Delivered, ProviderMessageId: ProviderId(broadcast), Reason: outcome.Reason)
            : outcome.ToFailure();
    }

    private Task<HttpOutcome> DeleteEcbeAsync(int messageId, int messageCode, CancellationToken cancellationToken)
    {
        // msg_code is a BeAlert extension (osmo-cbc ignores the query): it picks one language of several on one identifier.
        var uri = new Uri(_messageUri.AbsoluteUri + string.Create(CultureInfo.InvariantCulture, $"/{messageId}?msg_code={messageCode}"));
        var request = new HttpRequestMessage(HttpMethod.Delete, uri);
        return HttpExchange.SendAsync(_client, request, _options.Timeout, _options.MaxResponseBytes, _time, cancellationToken);
    }

    private byte[] EcbeJson(Broadcast broadcast)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("cbe_name", _options.CbeName);
            json.WriteString("category", _options.Category switch
            {
                CellBroadcastCategory.Normal => "normal",
                CellBroadcastCategory.Background => "background",
                _ => "high_priority",
            });
            json.WriteNumber("repetition_period", _options.RepetitionPeriod);
            json.WriteNumber("num_of_bcast", _options.NumberOfBroadcasts);
            json.WriteStartObject("scope");
            json.WriteStartObject("scope_plmn");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("smscb_message");
            json.WriteStartObject("serial_nr");
            json.WriteStartObject("serial_nr_decoded");
            json.WriteString("geo_scope", broadcast.Serial.Scope switch
            {
                CellBroadcastGeographicalScope.CellWideImmediate => "cell_wide_immediate",
                CellBroadcastGeographicalScope.PlmnWide => "plmn_wide",
                CellBroadcastGeographicalScope.LocationAreaWide => "lac_sac_tac_wide",
                _ => "cell_wide",
            });
            json.WriteNumber("msg_code", broadcast.Serial.MessageCode);
            json.WriteNumber("update_nr", broadcast.Serial.UpdateNumber);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNumber("message_id", broadcast.MessageIdentifier);
            json.WriteStartObject("payload");
            var message = broadcast.Message!;
            if (_options.EcbePayload == CellBroadcastEcbePayload.Decoded)
            {
                json.WriteStartObject("payload_decoded");
                json.WriteString("character_set", message.DataCoding == SmsDataCoding.Gsm7 ? "gsm" : "ucs2");
                json.WriteString("language", broadcast.Language);
                json.WriteString("data_utf8", message.Text);
                json.WriteEndObject();
            }
            else
            {
                json.WriteStartObject("payload_encoded");
                json.WriteNumber("dcs", message.DataCodingScheme);
                json.WriteStartArray("pages");
                foreach (var page in CellBroadcastMapping.EncodePages(message))
                {
                    json.WriteStringValue(Convert.ToHexString(page));
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            WriteArea(json, broadcast.Zone);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The zone as a BeAlert extension member (osmo-cbc reads only <c>scope_plmn</c> and ignores it).</summary>
    private static void WriteArea(Utf8JsonWriter json, CellBroadcastZone zone)
    {
        json.WriteStartObject("bealert_area");
        json.WriteString("name", zone.Name);
        if (zone.Polygon is { } polygon)
        {
            json.WriteStartArray("polygon");
            foreach (var point in polygon.Points)
            {
                json.WriteStartArray();
                json.WriteNumberValue(point.Latitude);
                json.WriteNumberValue(point.Longitude);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteStartArray("cells");
            foreach (var cell in zone.Cells)
            {
                json.WriteStringValue(cell);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private async Task<SendResult> SendCapAsync(Broadcast broadcast, CancellationToken cancellationToken)
    {
        var body = CapWriter.WriteToBytes(CapMessage(broadcast));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cap+xml") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = content };
        var outcome = await HttpExchange.SendAsync(_client, request, _options.Timeout, _options.MaxResponseBytes, _time, cancellationToken).ConfigureAwait(false);
        CapAlert? answer = null;
        if (outcome.Body.Length > 0 && AckParser.TryParse(new MemoryStream(outcome.Body, writable: false), out var document, out _))
        {
            answer = document.Alert;
        }

        if (!outcome.IsSuccess)
        {
            return answer is { MsgType: CapMessageType.Error }
                ? SendResult.Failure(outcome.Error, $"HTTP {outcome.StatusCode}: CAP Error: {Shorten(answer.Note ?? string.Empty)}", outcome.RetryAfter)
                : outcome.ToFailure();
        }

        return answer switch
        {
            { MsgType: CapMessageType.Ack } => new SendResult(SendStatus.Delivered, ProviderMessageId: ProviderId(broadcast), Reason: "CAP Ack " + Shorten(answer.Identifier)),
            { MsgType: CapMessageType.Error } => SendResult.Failure(DeliveryError.Rejected, "CAP Error: " + Shorten(answer.Note ?? string.Empty)),
            _ when outcome.Body.Length == 0 => new SendResult(SendStatus.Delivered, ProviderMessageId: ProviderId(broadcast), Reason: $"HTTP {outcome.StatusCode}"),
            _ => SendResult.Failure(DeliveryError.TemporaryFailure, $"HTTP {outcome.StatusCode}, but the answer is not a CAP Ack or Error: {outcome.Reason}"),
        };
    }

    /// <summary>
    /// The CAP message for one zone and language: the alert with one info block (the chosen language) whose area is the
    /// zone and whose parameters carry the broadcast's identifier, serial number, coding, pages and schedule. A Cancel
    /// without info blocks goes as it is.
    /// </summary>
    private CapAlert CapMessage(Broadcast broadcast)
    {
        var alert = broadcast.Alert with { Signature = null };
        var info = Renderer.SelectInfo(alert, broadcast.RequestedLanguage);
        if (info is null)
        {
            return alert;
        }

        var inv = CultureInfo.InvariantCulture;
        var parameters = new List<CapNamedValue>(info.Parameters)
        {
            new(MessageIdentifierParameter, broadcast.MessageIdentifier.ToString(inv)),
            new(SerialNumberParameter, broadcast.Serial.Encode().ToString(inv)),
            new("CBS-GeographicalScope", ((int)broadcast.Serial.Scope).ToString(inv)),
            new("CBS-MessageCode", broadcast.Serial.MessageCode.ToString(inv)),
            new("CBS-UpdateNumber", broadcast.Serial.UpdateNumber.ToString(inv)),
            new("CBS-RepetitionPeriod", _options.RepetitionPeriod.ToString(inv)),
            new("CBS-NumberOfBroadcasts", _options.NumberOfBroadcasts.ToString(inv)),
        };
        if (broadcast.Message is { } message)
        {
            parameters.Add(new("CBS-DataCodingScheme", message.DataCodingScheme.ToString(inv)));
            parameters.Add(new("CBS-Pages", message.Pages.Count.ToString(inv)));
            parameters.Add(new("CBS-Text", message.Text));
        }

        var area = new CapArea(broadcast.Zone.Name)
        {
            Polygons = broadcast.Zone.Polygon is { } polygon ? [polygon] : [],
            Geocodes = [.. broadcast.Zone.Cells.Select(c => new CapNamedValue("CGI", c))],
        };
        return alert with { Infos = [info with { Parameters = parameters, Areas = [area] }] };
    }

    private static string ProviderId(Broadcast broadcast) =>
        string.Create(CultureInfo.InvariantCulture, $"{broadcast.MessageIdentifier}/{broadcast.Serial.Encode()}");

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 100 ? text : text[..100];

    private readonly record struct BroadcastKey(string RootSender, string RootIdentifier, string Zone, string Language);

    private sealed record Active(int MessageIdentifier, CellBroadcastSerialNumber Serial);

    private sealed record Broadcast(
        CellBroadcastOperation Operation,
        int MessageIdentifier,
        int? PreviousMessageIdentifier,
        CellBroadcastSerialNumber Serial,
        string Language,
        CellBroadcastZone Zone,
        CellBroadcastMessage? Message,
        CapAlert Alert,
        string RequestedLanguage);
}
