namespace BeAlert.Dispatch;

/// <summary>A way an alert reaches people.</summary>
public enum DeliveryChannel : byte
{
    /// <summary>A text message to a registered phone number (SMPP to a mobile operator's SMSC).</summary>
    Sms = 0,

    /// <summary>A broadcast to every phone in a zone (EU-Alert, location-based SMS); one delivery per zone and language.</summary>
    CellBroadcast = 1,

    /// <summary>A voice call to a registered phone number, read by text-to-speech.</summary>
    Voice = 2,

    /// <summary>An e-mail to a registered address.</summary>
    Email = 3,

    /// <summary>The CAP alert pushed to a signage vendor's endpoint (screens in stations and streets).</summary>
    Signage = 4,
}
