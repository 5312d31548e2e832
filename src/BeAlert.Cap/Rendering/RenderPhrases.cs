namespace BeAlert.Cap;

/// <summary>
/// The fixed words of every channel in the four languages BE-Alert speaks (nl, fr, de, en). Marks are written in
/// capitals that the GSM alphabet has (so French marks omit accents GSM lacks, as French capitals may), so a mark never
/// forces an SMS into UCS-2.
/// </summary>
internal sealed class RenderPhrases
{
    internal static readonly RenderPhrases Dutch = new()
    {
        Code = "nl",
        Test = "TEST", Exercise = "OEFENING", Simulation = "SIMULATIE", System = "SYSTEEMBERICHT", Draft = "ONTWERP",
        Update = "UPDATE", Cancel = "INGETROKKEN", Ack = "ONTVANGSTBEVESTIGING", Error = "FOUTMELDING",
        SayTest = "Dit is een testbericht.", SayExercise = "Dit is een oefening.", SaySimulation = "Dit is een simulatie.",
        SaySystem = "Dit is een systeembericht.", SayDraft = "Dit is een ontwerp, geen echt bericht.",
        SayUpdate = "Dit bericht vervangt een eerder bericht.", SayCancel = "Dit bericht trekt een eerder bericht in.",
        SayAck = "Dit is een ontvangstbevestiging.", SayError = "Dit is een foutmelding.",
        SayFrom = "Alarmbericht van {0}.", SayArea = "Gebied: {0}.", SayInstruction = "Wat moet u doen? {0}",
        SayRepeat = "Ik herhaal.", SayEnd = "Einde van het bericht.",
        Event = "Gebeurtenis", Sender = "Afzender", Sent = "Verzonden", Effective = "Geldig vanaf", Onset = "Begin",
        Expires = "Geldig tot", Area = "Gebied", Description = "Beschrijving", Instruction = "Wat moet u doen?",
        Web = "Meer informatie", Contact = "Contact", Reference = "Referentie", Note = "Opmerking",
        DateSeparator = '-',
    };

    internal static readonly RenderPhrases French = new()
    {
        Code = "fr",
        Test = "TEST", Exercise = "EXERCICE", Simulation = "SIMULATION", System = "MESSAGE SYSTEME", Draft = "BROUILLON",
        Update = "MISE A JOUR", Cancel = "ANNULÉ", Ack = "ACCUSÉ DE RECEPTION", Error = "ERREUR",
        SayTest = "Ceci est un message de test.", SayExercise = "Ceci est un exercice.", SaySimulation = "Ceci est une simulation.",
        SaySystem = "Ceci est un message système.", SayDraft = "Ceci est un brouillon, pas un vrai message.",
        SayUpdate = "Ce message remplace un message précédent.", SayCancel = "Ce message annule un message précédent.",
        SayAck = "Ceci est un accusé de réception.", SayError = "Ceci est un message d'erreur.",
        SayFrom = "Message d'alerte de {0}.", SayArea = "Zone concernée : {0}.", SayInstruction = "Que faire ? {0}",
        SayRepeat = "Je répète.", SayEnd = "Fin du message.",
        Event = "Événement", Sender = "Émetteur", Sent = "Envoyé le", Effective = "En vigueur à partir du", Onset = "Début",
        Expires = "Valable jusqu'au", Area = "Zone", Description = "Description", Instruction = "Que faire ?",
        Web = "Plus d'informations", Contact = "Contact", Reference = "Référence", Note = "Remarque",
        DateSeparator = '/',
    };

    internal static readonly RenderPhrases German = new()
    {
        Code = "de",
        Test = "TEST", Exercise = "ÜBUNG", Simulation = "SIMULATION", System = "SYSTEMMELDUNG", Draft = "ENTWURF",
        Update = "AKTUALISIERUNG", Cancel = "AUFGEHOBEN", Ack = "EMPFANGSBESTÄTIGUNG", Error = "FEHLERMELDUNG",
        SayTest = "Dies ist eine Testmeldung.", SayExercise = "Dies ist eine Übung.", SaySimulation = "Dies ist eine Simulation.",
        SaySystem = "Dies ist eine Systemmeldung.", SayDraft = "Dies ist ein Entwurf, keine echte Meldung.",
        SayUpdate = "Diese Meldung ersetzt eine frühere Meldung.", SayCancel = "Diese Meldung hebt eine frühere Meldung auf.",
        SayAck = "Dies ist eine Empfangsbestätigung.", SayError = "Dies ist eine Fehlermeldung.",
        SayFrom = "Warnmeldung von {0}.", SayArea = "Betroffenes Gebiet: {0}.", SayInstruction = "Was ist zu tun? {0}",
        SayRepeat = "Ich wiederhole.", SayEnd = "Ende der Meldung.",
        Event = "Ereignis", Sender = "Absender", Sent = "Gesendet", Effective = "Gültig ab", Onset = "Beginn",
        Expires = "Gültig bis", Area = "Gebiet", Description = "Beschreibung", Instruction = "Was ist zu tun?",
        Web = "Weitere Informationen", Contact = "Kontakt", Reference = "Referenz", Note = "Anmerkung",
        DateSeparator = '.',
    };

    internal static readonly RenderPhrases English = new()
    {
        Code = "en",
        Test = "TEST", Exercise = "EXERCISE", Simulation = "SIMULATION", System = "SYSTEM MESSAGE", Draft = "DRAFT",
        Update = "UPDATE", Cancel = "CANCELLED", Ack = "ACKNOWLEDGEMENT", Error = "ERROR",
        SayTest = "This is a test message.", SayExercise = "This is an exercise.", SaySimulation = "This is a simulation.",
        SaySystem = "This is a system message.", SayDraft = "This is a draft, not a real message.",
        SayUpdate = "This message replaces an earlier message.", SayCancel = "This message cancels an earlier message.",
        SayAck = "This is an acknowledgement.", SayError = "This is an error message.",
        SayFrom = "Alert message from {0}.", SayArea = "Affected area: {0}.", SayInstruction = "What to do: {0}",
        SayRepeat = "I repeat.", SayEnd = "End of message.",
        Event = "Event", Sender = "Sender", Sent = "Sent", Effective = "Effective", Onset = "Onset",
        Expires = "Expires", Area = "Area", Description = "Description", Instruction = "What to do",
        Web = "More information", Contact = "Contact", Reference = "Reference", Note = "Note",
        DateSeparator = '/',
    };

    private static readonly RenderPhrases[] All = [Dutch, French, German, English];

    internal required string Code { get; init; }

    internal required string Test { get; init; }
    internal required string Exercise { get; init; }
    internal required string Simulation { get; init; }
    internal required string System { get; init; }
    internal required string Draft { get; init; }
    internal required string Update { get; init; }
    internal required string Cancel { get; init; }
    internal required string Ack { get; init; }
    internal required string Error { get; init; }

    internal required string SayTest { get; init; }
    internal required string SayExercise { get; init; }
    internal required string SaySimulation { get; init; }
    internal required string SaySystem { get; init; }
    internal required string SayDraft { get; init; }
    internal required string SayUpdate { get; init; }
    internal required string SayCancel { get; init; }
    internal required string SayAck { get; init; }
    internal required string SayError { get; init; }
    internal required string SayFrom { get; init; }
    internal required string SayArea { get; init; }
    internal required string SayInstruction { get; init; }
    internal required string SayRepeat { get; init; }
    internal required string SayEnd { get; init; }

    internal required string Event { get; init; }
    internal required string Sender { get; init; }
    internal required string Sent { get; init; }
    internal required string Effective { get; init; }
    internal required string Onset { get; init; }
    internal required string Expires { get; init; }
    internal required string Area { get; init; }
    internal required string Description { get; init; }
    internal required string Instruction { get; init; }
    internal required string Web { get; init; }
    internal required string Contact { get; init; }
    internal required string Reference { get; init; }
    internal required string Note { get; init; }
    internal required char DateSeparator { get; init; }

    /// <summary>The phrases of a language tag's primary subtag, or <see langword="null"/> when it is not nl, fr, de or en.</summary>
    internal static RenderPhrases? Find(string? languageTag)
    {
        if (string.IsNullOrEmpty(languageTag))
        {
            return null;
        }

        var primary = PrimarySubtag(languageTag);
        foreach (var phrases in All)
        {
            if (primary.Equals(phrases.Code, StringComparison.OrdinalIgnoreCase))
            {
                return phrases;
            }
        }

        return null;
    }

    internal static ReadOnlySpan<char> PrimarySubtag(string languageTag)
    {
        var span = languageTag.AsSpan().Trim();
        var dash = span.IndexOfAny('-', '_');
        return dash < 0 ? span : span[..dash];
    }

    /// <summary>The marks of an alert, in order: simulation, status, message type (none for an actual new alert).</summary>
    internal List<string> Marks(CapAlert alert, bool simulation)
    {
        var marks = new List<string>(3);
        if (simulation)
        {
            marks.Add(Simulation);
        }

        switch (alert.Status)
        {
            case CapStatus.Test: marks.Add(Test); break;
            case CapStatus.Exercise: marks.Add(Exercise); break;
            case CapStatus.System: marks.Add(System); break;
            case CapStatus.Draft: marks.Add(Draft); break;
            default: break;
        }

        switch (alert.MsgType)
        {
            case CapMessageType.Update: marks.Add(Update); break;
            case CapMessageType.Cancel: marks.Add(Cancel); break;
            case CapMessageType.Ack: marks.Add(Ack); break;
            case CapMessageType.Error: marks.Add(Error); break;
            default: break;
        }

        return marks;
    }

    /// <summary>The spoken announcements of an alert's marks, in the order of <see cref="Marks"/>.</summary>
    internal List<string> Announcements(CapAlert alert, bool simulation)
    {
        var sentences = new List<string>(3);
        if (simulation)
        {
            sentences.Add(SaySimulation);
        }

        switch (alert.Status)
        {
            case CapStatus.Test: sentences.Add(SayTest); break;
            case CapStatus.Exercise: sentences.Add(SayExercise); break;
            case CapStatus.System: sentences.Add(SaySystem); break;
            case CapStatus.Draft: sentences.Add(SayDraft); break;
            default: break;
        }

        switch (alert.MsgType)
        {
            case CapMessageType.Update: sentences.Add(SayUpdate); break;
            case CapMessageType.Cancel: sentences.Add(SayCancel); break;
            case CapMessageType.Ack: sentences.Add(SayAck); break;
            case CapMessageType.Error: sentences.Add(SayError); break;
            default: break;
        }

        return sentences;
    }

    /// <summary>A time in the offset it was written with: <c>25-11-2026 20:30 (UTC+01:00)</c>, the date in the language's order and separator.</summary>
    internal string Time(CapDateTime time)
    {
        var v = time.Value;
        var s = DateSeparator;
        var offset = v.Offset;
        var zone = offset == TimeSpan.Zero
            ? "UTC"
            : string.Create(global::System.Globalization.CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");
        return string.Create(global::System.Globalization.CultureInfo.InvariantCulture, $"{v.Day:00}{s}{v.Month:00}{s}{v.Year:0000} {v.Hour:00}:{v.Minute:00} ({zone})");
    }
}
