using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BeAlert.TestUtils.Peers;

/// <summary>
/// A cell broadcast centre for tests, with both wire formats BeAlert speaks:
/// <list type="bullet">
/// <item>ECBE (in the shape of osmo-cbc's REST interface): <c>POST /api/ecbe/v1/message</c> checks the body against the
/// rules of osmo-cbc's <c>cbc.schema.json</c>/<c>smscb.schema.json</c> (required members, types, ranges, exactly one of
/// the encoded/decoded forms) and answers 400 with a sentence naming the problem, 409 when the message is already
/// running, 200 otherwise; <c>DELETE /api/ecbe/v1/message/{message_id}</c> answers 404 for an unknown message, 400 for
/// a bad id.</item>
/// <item>CAP: <c>POST /cap</c> validates the XML against the OASIS CAP 1.2 schema (no DTD) and the CBS parameters, and
/// answers with a CAP Ack, or a CAP Error with a note (400 invalid, 404 unknown reference, 409 duplicate).</item>
/// </list>
/// Scripted <see cref="PeerReply"/> values, when queued, answer the next requests instead (to inject 503s and the like).
/// </summary>
public sealed class TestCbcPeer : IAsyncDisposable
{
    private const string CapNamespace = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly XmlSchemaSet CapSchema = LoadSchema();
    private static readonly string[] GeoScopes = ["cell_wide_immediate", "plmn_wide", "lac_sac_tac_wide", "cell_wide"];

    private readonly ConcurrentQueue<PeerReply> _script = new();
    private readonly ConcurrentQueue<CbcRequest> _requests = new();
    private readonly ConcurrentDictionary<(int MessageId, int MessageCode), EcbeBroadcast> _ecbe = new();
    private readonly ConcurrentDictionary<string, XDocument> _cap = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private LocalHttpPeer? _peer;
    private int _acks;

    /// <summary>The CBC's base address (the ECBE API is under it).</summary>
    public Uri Address => _peer!.Address;

    /// <summary>The CAP endpoint.</summary>
    public Uri CapEndpoint => new(Address, "cap");

    /// <summary>Every request received, in order, with the status it got.</summary>
    public IReadOnlyList<CbcRequest> Requests => [.. _requests];

    /// <summary>The ECBE broadcasts running now.</summary>
    public IReadOnlyList<EcbeBroadcast> EcbeBroadcasts => [.. _ecbe.Values];

    /// <summary>The CAP broadcasts running now, by alert identifier (the last accepted message of each).</summary>
    public IReadOnlyDictionary<string, XDocument> CapBroadcasts => new Dictionary<string, XDocument>(_cap);

    /// <summary>Starts a CBC on 127.0.0.1.</summary>
    public static async Task<TestCbcPeer> StartAsync()
    {
        var cbc = new TestCbcPeer();
        cbc._peer = await LocalHttpPeer.StartAsync(app =>
        {
            app.MapPost("/api/ecbe/v1/message", cbc.PostEcbeAsync);
            app.MapDelete("/api/ecbe/v1/message/{id}", (Func<HttpContext, string, Task>)cbc.DeleteEcbeAsync);
            app.MapPost("/cap", cbc.PostCapAsync);
        });
        return cbc;
    }

    /// <summary>Queues answers for the next requests (they skip validation).</summary>
    public void Script(params PeerReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _peer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static XmlSchemaSet LoadSchema()
    {
        using var stream = typeof(TestCbcPeer).Assembly.GetManifestResourceStream("BeAlert.TestUtils.CAP-v1.2.xsd")!;
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(XmlSchema.Read(XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }), null)!);
        set.Compile();
        return set;
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private async Task<bool> ScriptedAsync(HttpContext context, string body)
    {
        if (!_script.TryDequeue(out var reply))
        {
            return false;
        }

        _requests.Enqueue(new CbcRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body, reply.Status, "scripted"));
        await PeerReplies.WriteAsync(context, reply);
        return true;
    }

    private async Task AnswerAsync(HttpContext context, string body, int status, string text)
    {
        _requests.Enqueue(new CbcRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body, status, text));
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    // ----- ECBE -----

    private async Task PostEcbeAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (await ScriptedAsync(context, body))
        {
            return;
        }

        EcbeBroadcast broadcast;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            broadcast = ParseCbcMessage(document.RootElement);
        }
        catch (JsonException)
        {
            await AnswerAsync(context, body, 400, "request body is not JSON");
            return;
        }
        catch (EcbeException e)
        {
            await AnswerAsync(context, body, 400, e.Message);
            return;
        }

        lock (_gate)
        {
            if (!_ecbe.TryAdd((broadcast.MessageId, broadcast.MessageCode), broadcast))
            {
                broadcast = null!;
            }
        }

        if (broadcast is null)
        {
            await AnswerAsync(context, body, 409, "a message with this message_id and msg_code is already active");
            return;
        }

        await AnswerAsync(context, body, 200, "message created");
    }

    private async Task DeleteEcbeAsync(HttpContext context, string id)
    {
        if (await ScriptedAsync(context, string.Empty))
        {
            return;
        }

        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId) || messageId > 65535)
        {
            await AnswerAsync(context, string.Empty, 400, "message_id must be a decimal number from 0 to 65535");
            return;
        }

        int? code = int.TryParse(context.Request.Query["msg_code"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        var removed = 0;
        foreach (var key in _ecbe.Keys.Where(k => k.MessageId == messageId && (code is null || k.MessageCode == code)).ToList())
        {
            removed += _ecbe.TryRemove(key, out _) ? 1 : 0;
        }

        await AnswerAsync(context, string.Empty, removed == 0 ? 404 : 200, removed == 0 ? "unknown message_id" : "message deleted");
    }

    private static EcbeBroadcast ParseCbcMessage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EcbeException("cbc_message must be a JSON object");
        }

        var cbeName = RequiredString(root, "cbe_name", "cbc_message");
        var category = OptionalString(root, "category") ?? "normal";
        if (category is not ("normal" or "high_priority" or "background"))
        {
            throw new EcbeException("'category' must be normal, high_priority or background");
        }

        var repetition = RequiredInteger(root, "repetition_period", 1, 4095);
        var broadcasts = OptionalInteger(root, "num_of_bcast", 0, 65535) ?? 0;
        OptionalInteger(root, "warning_period_sec", 0, 3600);
        if (!root.TryGetProperty("scope", out var scope) || scope.ValueKind != JsonValueKind.Object)
        {
            throw new EcbeException("'scope' is mandatory and must be an object");
        }

        if (!scope.TryGetProperty("scope_plmn", out _))
        {
            throw new EcbeException("only 'scope_plmn' is supported in 'scope'");
        }

        if (!root.TryGetProperty("smscb_message", out var smscb) || smscb.ValueKind != JsonValueKind.Object)
        {
            throw new EcbeException("'smscb_message' is mandatory and must be an object");
        }

        var serial = ParseSerial(smscb);
        var messageId = RequiredInteger(smscb, "message_id", 0, 65535);
        if (!smscb.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            throw new EcbeException("'payload' is mandatory and must be an object");
        }

        var forms = new[] { "payload_encoded", "payload_decoded", "payload_etws" }.Count(f => payload.TryGetProperty(f, out _));
        if (forms != 1)
        {
            throw new EcbeException("'payload' needs exactly one of payload_encoded, payload_decoded, payload_etws");
        }

        int? dcs = null;
        IReadOnlyList<byte[]> pages = [];
        string? characterSet = null, language = null, text = null;
        if (payload.TryGetProperty("payload_encoded", out var encoded))
        {
            dcs = RequiredInteger(encoded, "dcs", 0, 255);
            if (!encoded.TryGetProperty("pages", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new EcbeException("'pages' is mandatory and must be an array");
            }

            if (array.GetArrayLength() is < 1 or > 15)
            {
                throw new EcbeException("'pages' must hold 1 to 15 pages");
            }

            var list = new List<byte[]>();
            foreach (var page in array.EnumerateArray())
            {
                if (page.ValueKind != JsonValueKind.String || page.GetString() is not { } hex || hex.Length > 164 || hex.Length % 2 != 0)
                {
                    throw new EcbeException("each page must be a hex string of at most 82 octets");
                }

                try
                {
                    list.Add(Convert.FromHexString(hex));
                }
                catch (FormatException)
                {
                    throw new EcbeException("each page must be a hex string of at most 82 octets");
                }
            }

            pages = list;
        }
        else if (payload.TryGetProperty("payload_decoded", out var decoded))
        {
            characterSet = RequiredString(decoded, "character_set", "payload_decoded");
            if (characterSet is not ("gsm" or "8bit" or "ucs2"))
            {
                throw new EcbeException("'character_set' must be gsm, 8bit or ucs2");
            }

            language = OptionalString(decoded, "language");
            if (language is not null && (language.Length != 2 || !language.All(char.IsAsciiLetterLower)))
            {
                throw new EcbeException("'language' must be a two-letter ISO 639-1 code");
            }

            OptionalInteger(decoded, "dcs_class", 0, 3);
            text = RequiredString(decoded, "data_utf8", "payload_decoded");
        }
        else
        {
            throw new EcbeException("this CBC does not broadcast ETWS messages");
        }

        var area = root.TryGetProperty("bealert_area", out var a) ? a.GetRawText() : null;
        return new EcbeBroadcast(cbeName, category, repetition, broadcasts, messageId, serial.Encoded, serial.Scope, serial.Code, serial.Update, dcs, pages, characterSet, language, text, area);
    }

    private static (ushort Encoded, int Scope, int Code, int Update) ParseSerial(JsonElement smscb)
    {
        if (!smscb.TryGetProperty("serial_nr", out var serial) || serial.ValueKind != JsonValueKind.Object)
        {
            throw new EcbeException("'serial_nr' is mandatory and must be an object");
        }

        var hasEncoded = serial.TryGetProperty("serial_nr_encoded", out _);
        var hasDecoded = serial.TryGetProperty("serial_nr_decoded", out var decoded);
        if (hasEncoded == hasDecoded)
        {
            throw new EcbeException("'serial_nr' needs exactly one of serial_nr_encoded, serial_nr_decoded");
        }

        if (hasEncoded)
        {
            var value = RequiredInteger(serial, "serial_nr_encoded", 0, 65535);
            return ((ushort)value, value >> 14, (value >> 4) & 0x3FF, value & 0xF);
        }

        var scopeText = RequiredString(decoded, "geo_scope", "serial_nr_decoded");
        var scope = Array.IndexOf(GeoScopes, scopeText);
        if (scope < 0)
        {
            throw new EcbeException("'geo_scope' is not a known geographic scope");
        }

        var code = RequiredInteger(decoded, "msg_code", 0, 1023);
        var update = RequiredInteger(decoded, "update_nr", 0, 15);
        return ((ushort)((scope << 14) | (code << 4) | update), scope, code, update);
    }

    private static string RequiredString(JsonElement parent, string name, string where) =>
        OptionalString(parent, name) ?? throw new EcbeException($"'{name}' is mandatory in {where}");

    private static string? OptionalString(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new EcbeException($"'{name}' must be a string");
    }

    private static int RequiredInteger(JsonElement parent, string name, int min, int max) =>
        OptionalInteger(parent, name, min, max) ?? throw new EcbeException($"'{name}' is mandatory");

    private static int? OptionalInteger(JsonElement parent, string name, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new EcbeException($"'{name}' must be an integer");
        }

        return number < min || number > max ? throw new EcbeException($"'{name}' is out of range ({min} to {max})") : number;
    }

    // ----- CAP -----

    private async Task PostCapAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (await ScriptedAsync(context, body))
        {
            return;
        }

        if (context.Request.ContentType is not { } type || !type.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            await CapAnswerAsync(context, body, 415, null, "the body must be CAP XML");
            return;
        }

        var errors = new List<string>();
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ValidationType = ValidationType.Schema, Schemas = CapSchema };
            settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
            using var reader = XmlReader.Create(new StringReader(body), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            await CapAnswerAsync(context, body, 400, null, "not well-formed XML: " + e.Message);
            return;
        }

        if (errors.Count > 0)
        {
            await CapAnswerAsync(context, body, 400, document, "not valid CAP 1.2: " + errors[0]);
            return;
        }

        XNamespace ns = CapNamespace;
        var alert = document.Root!;
        var identifier = (string)alert.Element(ns + "identifier")!;
        var msgType = (string)alert.Element(ns + "msgType")!;
        var infos = alert.Elements(ns + "info").ToList();
        if (msgType is "Alert" or "Update")
        {
            if (infos.Count != 1 || infos[0].Elements(ns + "area").Count() != 1)
            {
                await CapAnswerAsync(context, body, 400, document, "a broadcast needs exactly one info block with exactly one area");
                return;
            }

            var parameters = infos[0].Elements(ns + "parameter").ToDictionary(p => (string)p.Element(ns + "valueName")!, p => (string)p.Element(ns + "value")!, StringComparer.Ordinal);
            foreach (var required in new[] { "EU-Alert-MessageIdentifier", "CBS-SerialNumber", "CBS-RepetitionPeriod", "CBS-NumberOfBroadcasts", "CBS-DataCodingScheme", "CBS-Text" })
            {
                if (!parameters.ContainsKey(required))
                {
                    await CapAnswerAsync(context, body, 400, document, $"the parameter {required} is missing");
                    return;
                }
            }

            if (!ushort.TryParse(parameters["CBS-SerialNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                || !int.TryParse(parameters["EU-Alert-MessageIdentifier"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id > 65535)
            {
                await CapAnswerAsync(context, body, 400, document, "the message identifier or serial number is not a 16-bit number");
                return;
            }
        }

        var referenced = ReferencedIdentifiers(alert, ns);
        lock (_gate)
        {
            switch (msgType)
            {
                case "Alert" when _cap.ContainsKey(identifier):
                    errors.Add("409:an alert with this identifier is already broadcast");
                    break;
                case "Alert":
                    _cap[identifier] = document;
                    break;
                case "Update" or "Cancel":
                    var running = referenced.FirstOrDefault(_cap.ContainsKey);
                    if (running is null)
                    {
                        errors.Add("404:the message references no running broadcast");
                        break;
                    }

                    _cap.TryRemove(running, out _);
                    if (msgType == "Update")
                    {
                        _cap[identifier] = document;
                    }

                    break;
                default:
                    errors.Add("400:only Alert, Update and Cancel messages are accepted");
                    break;
            }
        }

        if (errors.Count > 0)
        {
            var parts = errors[0].Split(':', 2);
            await CapAnswerAsync(context, body, int.Parse(parts[0], CultureInfo.InvariantCulture), document, parts[1]);
            return;
        }

        await CapAnswerAsync(context, body, 200, document, null);
    }

    private static List<string> ReferencedIdentifiers(XElement alert, XNamespace ns)
    {
        var text = (string?)alert.Element(ns + "references") ?? string.Empty;
        return [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).Where(p => p.Length == 3).Select(p => p[1])];
    }

    private async Task CapAnswerAsync(HttpContext context, string body, int status, XDocument? received, string? error)
    {
        XNamespace ns = CapNamespace;
        var root = received?.Root;
        var n = Interlocked.Increment(ref _acks);
        var answer = new XElement(
            ns + "alert",
            new XElement(ns + "identifier", $"cbc-{(error is null ? "ack" : "error")}-{n}"),
            new XElement(ns + "sender", "cbc@test.invalid"),
            new XElement(ns + "sent", "2026-11-26T04:00:00+00:00"),
            new XElement(ns + "status", (string?)root?.Element(ns + "status") ?? "Actual"),
            new XElement(ns + "msgType", error is null ? "Ack" : "Error"),
            new XElement(ns + "scope", "Public"),
            error is null ? null : new XElement(ns + "note", error),
            root is null ? null : new XElement(ns + "references", $"{(string?)root.Element(ns + "sender")},{(string?)root.Element(ns + "identifier")},{(string?)root.Element(ns + "sent")}"));
        _requests.Enqueue(new CbcRequest(context.Request.Method, context.Request.Path.ToString(), body, status, error ?? "Ack"));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/cap+xml";
        await context.Response.WriteAsync(new XDocument(answer).ToString(SaveOptions.DisableFormatting), context.RequestAborted);
    }

    private sealed class EcbeException(string message) : Exception(message);
}

/// <summary>One request a <see cref="TestCbcPeer"/> received.</summary>
public sealed record CbcRequest(string Method, string Path, string Body, int Status, string Answer);

/// <summary>One running ECBE broadcast, as the test CBC understood it.</summary>
public sealed record EcbeBroadcast(
    string CbeName,
    string Category,
    int RepetitionPeriod,
    int NumberOfBroadcasts,
    int MessageId,
    ushort SerialNumber,
    int GeoScope,
    int MessageCode,
    int UpdateNumber,
    int? Dcs,
    IReadOnlyList<byte[]> Pages,
    string? CharacterSet,
    string? Language,
    string? Text,
    string? AreaJson);
