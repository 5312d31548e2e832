namespace BeAlert.Cap;

/// <summary>Reading the CAP containers: alert, info, resource, area and name/value pairs.</summary>
internal sealed partial class CapReaderSession
{
    // What ReadEnum returns for a category or response type it could not read: nothing is added.
    private const CapCategory NoCategory = (CapCategory)(-1);
    private const CapResponseType NoResponseType = (CapResponseType)(-1);

    private CapAlert ReadAlert()
    {
        _path.Add(("alert", 0));
        var frame = Open(_version == CapVersion.Cap10 ? CapSchema.Alert10 : CapSchema.Alert12);
        frame.AllowSignature = true;

        string identifier = string.Empty, sender = string.Empty;
        CapDateTime sent = default;
        CapStatus status = default;
        CapMessageType msgType = default;
        CapScope scope = default;
        string? source = null, restriction = null, note = null;
        List<string>? addresses = null, incidents = null;
        List<CapReference>? references = null;
        CapListCollector<string> codes = default;
        CapListCollector<CapInfo> infos = default;

        int index;
        while ((index = NextChild(frame)) != EndOfContainer)
        {
            if (index == SignatureChild)
            {
                ReadSignature();
                continue;
            }

            var name = frame.Specs[index].Name;
            var first = First(frame, index);
            if (first)
            {
                Mark(name);
            }

            var errorsBefore = _errors;
            switch (name)
            {
                case "identifier":
                    Keep(first, ReadToken(name), ref identifier);
                    break;
                case "sender":
                    Keep(first, ReadToken(name), ref sender);
                    break;
                case "password":
                    ReadValue();
                    Report(CapDiagnosticCodes.DeprecatedPassword, "<password> (CAP 1.0) is deprecated and was dropped; CAP 1.1 and later rely on the transport and XML signatures for security.");
                    break;
                case "sent":
                    var time = ReadTime(name);
                    if (first && time is { } t)
                    {
                        sent = t;
                    }

                    break;
                case "status":
                    Keep(first, ReadEnum(name, CapStatus.Actual), ref status);
                    break;
                case "msgType":
                    Keep(first, ReadEnum(name, CapMessageType.Alert), ref msgType);
                    break;
                case "source":
                    KeepOptional(first, ReadValue(), ref source);
                    break;
                case "scope":
                    Keep(first, ReadEnum(name, CapScope.Public), ref scope);
                    break;
                case "restriction":
                    KeepOptional(first, ReadValue(), ref restriction);
                    break;
                case "addresses":
                    var addressList = ReadList(name, CapDiagnosticCodes.InvalidAddresses);
                    addresses = first ? addressList : addresses;
                    break;
                case "code":
                    codes.Add(ReadValue());
                    break;
                case "note":
                    KeepOptional(first, ReadValue(), ref note);
                    break;
                case "references":
                    var referenceList = ReadReferences();
                    references = first ? referenceList : references;
                    break;
                case "incidents":
                    var incidentList = ReadList(name, CapDiagnosticCodes.InvalidIncidents);
                    incidents = first ? incidentList : incidents;
                    break;
                case "info":
                    if (infos.Count >= _options.MaxInfoBlocks)
                    {
                        throw LimitExceeded("info blocks", _options.MaxInfoBlocks, nameof(CapParserOptions.MaxInfoBlocks));
                    }

                    infos.Add(ReadInfo());
                    break;
            }

            MarkIfUnreadable(name, errorsBefore);
        }

        var alert = new CapAlert(identifier, sender, sent, status, msgType, scope)
        {
            Source = source,
            Restriction = restriction,
            Addresses = addresses,
            Codes = codes.Build(),
            Note = note,
            References = references,
            Incidents = incidents,
            Infos = infos.Build(),
            Signature = _signatureXml is null ? null : new CapSignature(_signatureXml),
            SourceSlot = Commit(frame),
        };
        _path.RemoveAt(_path.Count - 1);
        return alert;
    }

    private void ReadSignature()
    {
        if (_reader.LocalName != "Signature" || _signatureXml is not null)
        {
            // Other XML-DSig content is allowed by the schema (processContents lax) and carries nothing we model.
            SkipElement();
            return;
        }

        _signatureXml = _reader.ReadOuterXml();
    }

    private CapInfo ReadInfo()
    {
        var frame = Open(_version == CapVersion.Cap10 ? CapSchema.Info10 : CapSchema.Info12);
        string? language = null, audience = null, senderName = null, headline = null, description = null, instruction = null, web = null, contact = null;
        var @event = string.Empty;
        CapUrgency urgency = default;
        CapSeverity severity = default;
        CapCertainty certainty = default;
        CapDateTime? effective = null, onset = null, expires = null;
        CapListCollector<CapCategory> categories = default;
        CapListCollector<CapResponseType> responseTypes = default;
        CapListCollector<CapNamedValue> eventCodes = default, parameters = default;
        CapListCollector<CapResource> resources = default;
        CapListCollector<CapArea> areas = default;

        int index;
        while ((index = NextChild(frame)) != EndOfContainer)
        {
            var name = frame.Specs[index].Name;
            var first = First(frame, index);
            if (first)
            {
                Mark(name);
            }

            var errorsBefore = _errors;
            switch (name)
            {
                case "language":
                    KeepOptional(first, ReadLanguage(), ref language);
                    break;
                case "category":
                    // ReadEnum returns a CAP value or the fallback, so "defined" is "not the fallback" (no Enum.IsDefined).
                    var category = ReadEnum(name, NoCategory);
                    if (category != NoCategory)
                    {
                        categories.Add(category);
                    }

                    break;
                case "event":
                    Keep(first, ReadValue(), ref @event);
                    break;
                case "responseType":
                    var responseType = ReadEnum(name, NoResponseType);
                    if (responseType != NoResponseType)
                    {
                        responseTypes.Add(responseType);
                    }

                    break;
                case "urgency":
                    Keep(first, ReadEnum(name, CapUrgency.Unknown), ref urgency);
                    break;
                case "severity":
                    Keep(first, ReadEnum(name, CapSeverity.Unknown), ref severity);
                    break;
                case "certainty":
                    Keep(first, ReadEnum(name, CapCertainty.Unknown), ref certainty);
                    break;
                case "audience":
                    KeepOptional(first, ReadValue(), ref audience);
                    break;
                case "eventCode":
                    eventCodes.Add(ReadNamedValue(name));
                    break;
                case "effective":
                    KeepOptional(first, ReadTime(name), ref effective);
                    break;
                case "onset":
                    KeepOptional(first, ReadTime(name), ref onset);
                    break;
                case "expires":
                    KeepOptional(first, ReadTime(name), ref expires);
                    break;
                case "senderName":
                    KeepOptional(first, ReadValue(), ref senderName);
                    break;
                case "headline":
                    KeepOptional(first, ReadValue(), ref headline);
                    break;
                case "description":
                    KeepOptional(first, ReadValue(), ref description);
                    break;
                case "instruction":
                    KeepOptional(first, ReadValue(), ref instruction);
                    break;
                case "web":
                    KeepOptional(first, ReadValue(), ref web);
                    break;
                case "contact":
                    KeepOptional(first, ReadValue(), ref contact);
                    break;
                case "parameter":
                    parameters.Add(ReadNamedValue(name));
                    break;
                case "resource":
                    if (resources.Count >= _options.MaxResourcesPerInfo)
                    {
                        throw LimitExceeded("resources in one info block", _options.MaxResourcesPerInfo, nameof(CapParserOptions.MaxResourcesPerInfo));
                    }

                    resources.Add(ReadResource());
                    break;
                case "area":
                    if (areas.Count >= _options.MaxAreasPerInfo)
                    {
                        throw LimitExceeded("areas in one info block", _options.MaxAreasPerInfo, nameof(CapParserOptions.MaxAreasPerInfo));
                    }

                    areas.Add(ReadArea());
                    break;
            }

            MarkIfUnreadable(name, errorsBefore);
        }

        var info = new CapInfo(@event, urgency, severity, certainty, categories.Build())
        {
            Language = language,
            ResponseTypes = responseTypes.Build(),
            Audience = audience,
            EventCodes = eventCodes.Build(),
            Effective = effective,
            Onset = onset,
            Expires = expires,
            SenderName = senderName,
            Headline = headline,
            Description = description,
            Instruction = instruction,
            Web = web,
            Contact = contact,
            Parameters = parameters.Build(),
            Resources = resources.Build(),
            Areas = areas.Build(),
            SourceSlot = Commit(frame),
        };
        return info;
    }

    private CapResource ReadResource()
    {
        var frame = Open(_version switch
        {
            CapVersion.Cap10 => CapSchema.Resource10,
            CapVersion.Cap11 => CapSchema.Resource11,
            _ => CapSchema.Resource12,
        });
        string resourceDesc = string.Empty, mimeType = string.Empty;
        string? uri = null, derefUri = null, digest = null;
        long? size = null;

        int index;
        while ((index = NextChild(frame)) != EndOfContainer)
        {
            var name = frame.Specs[index].Name;
            var first = First(frame, index);
            if (first)
            {
                Mark(name);
            }

            var errorsBefore = _errors;
            switch (name)
            {
                case "resourceDesc":
                    Keep(first, ReadValue(), ref resourceDesc);
                    break;
                case "mimeType":
                    Keep(first, ReadValue(), ref mimeType);
                    break;
                case "size":
                    KeepOptional(first, ReadSize(), ref size);
                    break;
                case "uri":
                    KeepOptional(first, ReadValue(), ref uri);
                    break;
                case "derefUri":
                    KeepOptional(first, ReadValue(), ref derefUri);
                    break;
                case "digest":
                    KeepOptional(first, ReadValue(), ref digest);
                    break;
            }

            MarkIfUnreadable(name, errorsBefore);
        }

        if (mimeType.Length == 0 && _version != CapVersion.Cap12 && frame.Counts[1] == 0)
        {
            // CAP 1.0/1.1 made mimeType optional; the 1.2 model requires one.
            mimeType = "application/octet-stream";
        }

        return new CapResource(resourceDesc, mimeType) { Size = size, Uri = uri, DerefUri = derefUri, Digest = digest, SourceSlot = Commit(frame) };
    }

    private CapArea ReadArea()
    {
        var frame = Open(CapSchema.Area);
        var areaDesc = string.Empty;
        decimal? altitude = null, ceiling = null;
        CapListCollector<CapPolygon> polygons = default;
        CapListCollector<CapCircle> circles = default;
        CapListCollector<CapNamedValue> geocodes = default;

        int index;
        while ((index = NextChild(frame)) != EndOfContainer)
        {
            var name = frame.Specs[index].Name;
            var first = First(frame, index);
            if (first)
            {
                Mark(name);
            }

            var errorsBefore = _errors;
            switch (name)
            {
                case "areaDesc":
                    Keep(first, ReadValue(), ref areaDesc);
                    break;
                case "polygon":
                    if (ReadPolygon() is { } polygon)
                    {
                        polygons.Add(polygon);
                    }

                    break;
                case "circle":
                    if (ReadCircle() is { } circle)
                    {
                        circles.Add(circle);
                    }

                    break;
                case "geocode":
                    geocodes.Add(ReadNamedValue(name));
                    break;
                case "altitude":
                    KeepOptional(first, ReadDecimal(name), ref altitude);
                    break;
                case "ceiling":
                    KeepOptional(first, ReadDecimal(name), ref ceiling);
                    break;
            }

            MarkIfUnreadable(name, errorsBefore);
        }

        return new CapArea(areaDesc) { Polygons = polygons.Build(), Circles = circles.Build(), Geocodes = geocodes.Build(), Altitude = altitude, Ceiling = ceiling, SourceSlot = Commit(frame) };
    }

    /// <summary>Reads eventCode/parameter/geocode: valueName and value elements, or CAP 1.0's 'valueName=value' text.</summary>
    private CapNamedValue ReadNamedValue(string element)
    {
        if (_version == CapVersion.Cap10)
        {
            var slot = PositionSlot();
            var text = ReadValue();
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var legacy = equals < 0 ? new CapNamedValue(string.Empty, text) { SourceSlot = slot } : new CapNamedValue(text[..equals], text[(equals + 1)..]) { SourceSlot = slot };
            Report(CapDiagnosticCodes.LegacyValuePair, $"CAP 1.0 <{element}> '{Shorten(text)}' was read as valueName '{legacy.ValueName}', value '{legacy.Value}'.");
            return legacy;
        }

        var frame = Open(CapSchema.NamedValue);
        string valueName = string.Empty, value = string.Empty;
        int index;
        while ((index = NextChild(frame)) != EndOfContainer)
        {
            var first = First(frame, index);
            if (first)
            {
                Mark(frame.Specs[index].Name);
            }

            if (index == 0)
            {
                Keep(first, ReadValue(), ref valueName);
            }
            else
            {
                Keep(first, ReadValue(), ref value);
            }
        }

        return new CapNamedValue(valueName, value) { SourceSlot = Commit(frame) };
    }

    private static void Keep<T>(bool first, T value, ref T target)
    {
        if (first)
        {
            target = value;
        }
    }

    private static void KeepOptional<T>(bool first, T? value, ref T? target)
        where T : class
    {
        if (first)
        {
            target = value;
        }
    }

    private static void KeepOptional<T>(bool first, T? value, ref T? target)
        where T : struct
    {
        if (first)
        {
            target = value;
        }
    }
}
