namespace BeAlert.Cap;

/// <summary>OASIS EDXL-DE 1.0 envelopes: <c>EDXLDistribution/contentObject/xmlContent/embeddedXMLContent</c>.</summary>
internal sealed partial class CapFeedReaderSession
{
    private static readonly string[] DistributionStatuses = ["Actual", "Exercise", "System", "Test"];

    private static readonly string[] DistributionTypes =
        ["Report", "Update", "Cancel", "Request", "Response", "Dispatch", "Ack", "Error", "SensorConfiguration", "SensorControl", "SensorStatus", "SensorDetection"];

    private CapFeed ReadEdxl()
    {
        const string rootPath = "/EDXLDistribution";
        _path = rootPath;
        var position = ElementPosition();
        var depth = _reader.Depth;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        DateTimeOffset? sent = null;
        var entries = new List<CapFeedEntry>();
        var contentObjects = 0;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (_reader.NamespaceURI != EdxlNamespace)
                {
                    continue;
                }

                var name = _reader.LocalName;
                switch (name)
                {
                    case "distributionID" or "senderID" or "combinedConfidentiality":
                        values.TryAdd(name, NullIfEmpty(ReadText()));
                        break;
                    case "distributionStatus":
                        values.TryAdd(name, ReadEdxlValue(rootPath + "/distributionStatus", DistributionStatuses));
                        break;
                    case "distributionType":
                        values.TryAdd(name, ReadEdxlValue(rootPath + "/distributionType", DistributionTypes));
                        break;
                    case "dateTimeSent":
                        values.TryAdd(name, "present");
                        sent = ReadEdxlDate(rootPath + "/dateTimeSent");
                        break;
                    case "contentObject":
                        CountEntry($"/EDXLDistribution/contentObject[{contentObjects + 1}]");
                        contentObjects++;
                        if (ReadContentObject(contentObjects) is { } entry)
                        {
                            entries.Add(entry);
                        }

                        _path = rootPath;
                        break;
                }
            }
        }

        foreach (var required in new[] { "distributionID", "senderID", "dateTimeSent", "distributionStatus", "distributionType", "combinedConfidentiality" })
        {
            if (!values.TryGetValue(required, out var value) || (value is null && required is not ("distributionStatus" or "distributionType")))
            {
                Report(CapDiagnosticCodes.EdxlElementMissing, $"The EDXL-DE distribution has no <{required}>, or it is empty; EDXL-DE 1.0 requires it.", rootPath, position);
            }
        }

        if (entries.Count == 0)
        {
            Report(CapDiagnosticCodes.EdxlWithoutCap, "The distribution carries no CAP alert: no contentObject embeds one (xmlContent/embeddedXMLContent) or points to one (nonXMLContent of type application/cap+xml).", rootPath, position);
        }

        var distribution = new CapEdxlDistribution
        {
            DistributionId = values.GetValueOrDefault("distributionID"),
            SenderId = values.GetValueOrDefault("senderID"),
            DateTimeSent = sent,
            DistributionStatus = values.GetValueOrDefault("distributionStatus"),
            DistributionType = values.GetValueOrDefault("distributionType"),
            CombinedConfidentiality = values.GetValueOrDefault("combinedConfidentiality"),
        };
        var withTimes = entries.Select(e => e with { Updated = sent }).ToArray();
        return new CapFeed(CapFeedFormat.EdxlDistribution, withTimes, SortedDiagnostics())
        {
            Id = distribution.DistributionId,
            Updated = sent,
            Distribution = distribution,
        };
    }

    /// <summary>Reads one contentObject; returns an entry when it carries CAP (embedded, or linked by a CAP-typed nonXMLContent).</summary>
    private CapFeedEntry? ReadContentObject(int number)
    {
        var path = $"/EDXLDistribution/contentObject[{number}]";
        _path = path;
        var position = ElementPosition();
        var depth = _reader.Depth;
        string? description = null;
        string? link = null;
        var carriesAlert = false;
        var embedded = new List<CapDocument>();
        var children = 0;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                CountChild(ref children);
                if (_reader.NamespaceURI != EdxlNamespace)
                {
                    continue;
                }

                switch (_reader.LocalName)
                {
                    case "contentDescription":
                        description = NullIfEmpty(ReadText());
                        break;
                    case "nonXMLContent":
                        link ??= ReadNonXmlContent();
                        break;
                    case "xmlContent":
                        carriesAlert |= ReadXmlContent(path + "/xmlContent", embedded, ref children);
                        break;
                }
            }
        }

        if (!carriesAlert && link is null)
        {
            return null;
        }

        return new CapFeedEntry
        {
            Path = path,
            Line = position.Line,
            Column = position.Column,
            Id = embedded.Count > 0 ? embedded[0].Alert.Identifier : link,
            Title = description,
            Link = link,
            EmbeddedAlerts = embedded.ToArray(),
        };
    }

    private string? ReadNonXmlContent()
    {
        var depth = _reader.Depth;
        string? mimeType = null;
        string? uri = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (_reader.NamespaceURI != EdxlNamespace)
                {
                    continue;
                }

                switch (_reader.LocalName)
                {
                    case "mimeType":
                        mimeType = NullIfEmpty(ReadText());
                        break;
                    case "uri":
                        uri = NullIfEmpty(ReadText());
                        break;
                }
            }
        }

        return IsCapMediaType(mimeType) ? uri : null;
    }

    private bool ReadXmlContent(string path, List<CapDocument> embedded, ref int children)
    {
        var depth = _reader.Depth;
        var carriesAlert = false;
        var number = 0;
        if (_reader.IsEmptyElement)
        {
            return false;
        }

        while (NextChild(depth))
        {
            if (_reader.NamespaceURI != EdxlNamespace || _reader.LocalName != "embeddedXMLContent")
            {
                continue;
            }

            var embeddedPath = $"{path}/embeddedXMLContent[{++number}]";
            var innerDepth = _reader.Depth;
            if (_reader.IsEmptyElement)
            {
                continue;
            }

            while (NextChild(innerDepth))
            {
                CountChild(ref children);
                if (AtCapAlert())
                {
                    carriesAlert = true;
                    if (ReadEmbeddedAlert(embeddedPath) is { } document)
                    {
                        embedded.Add(document);
                    }
                }
            }
        }

        return carriesAlert;
    }

    private string? ReadEdxlValue(string path, string[] allowed)
    {
        var position = ElementPosition();
        var text = ReadText().Trim();
        if (Array.IndexOf(allowed, text) >= 0)
        {
            return text;
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        Report(CapDiagnosticCodes.EdxlValueInvalid, $"{name} '{text}' is not one of {string.Join(", ", allowed)}.", path, position);
        return null;
    }

    private DateTimeOffset? ReadEdxlDate(string path)
    {
        var position = ElementPosition();
        var text = ReadText().Trim();
        var outcome = CapDateTimeText.TryParse(text, out var value);
        if (outcome is CapDateTimeText.Outcome.Valid or CapDateTimeText.Outcome.FractionalSeconds)
        {
            return value.Value;
        }

        var why = outcome == CapDateTimeText.Outcome.ZuluDesignator ? " (EDXL-DE, like CAP, writes UTC as -00:00, not 'Z')" : string.Empty;
        Report(CapDiagnosticCodes.FeedDateInvalid, $"dateTimeSent '{text}' is not a date-time with an explicit offset such as 2026-11-25T14:30:00+01:00{why}.", path, position);
        return null;
    }
}
