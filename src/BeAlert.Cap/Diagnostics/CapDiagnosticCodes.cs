namespace BeAlert.Cap;

/// <summary>
/// The stable codes of every <see cref="CapDiagnostic"/> and <see cref="CapParseException"/>. Codes never change meaning;
/// docs/specs.md maps each to the clause of the standard it enforces and to its tests.
/// CAP00xx: unreadable documents and limits; CAP01xx: XSD structure; CAP02xx: XSD data types;
/// CAP03xx: alert rules; CAP04xx: info rules; CAP05xx: resource rules; CAP06xx: area rules;
/// CAP08xx: CAP 1.0/1.1 features; CAP09xx: lenient-mode repairs; CAP1001–CAP1039: XML signatures
/// (<see cref="CapSignatureVerifier"/>); CAP1041–CAP1049: resource digests (<see cref="CapResourceDigest"/>).
/// </summary>
public static class CapDiagnosticCodes
{
    /// <summary>CAP0001: The document is not well-formed XML (truncated, non-XML bytes, bad syntax).</summary>
    public const string NotWellFormed = "CAP0001";

    /// <summary>CAP0002: The document declares a DTD or entities; CAP documents never need one and they enable XXE and entity expansion.</summary>
    public const string DtdProhibited = "CAP0002";

    /// <summary>CAP0003: The root element is not &lt;alert&gt; in a CAP 1.0, 1.1 or 1.2 namespace.</summary>
    public const string NotCapAlert = "CAP0003";

    /// <summary>CAP0004: The document is larger than the configured limit.</summary>
    public const string DocumentTooLarge = "CAP0004";

    /// <summary>CAP0005: Elements are nested deeper than the configured limit.</summary>
    public const string NestingTooDeep = "CAP0005";

    /// <summary>CAP0006: More info blocks, areas, resources, polygon points or repeated elements than the configured limits allow.</summary>
    public const string TooManyElements = "CAP0006";

    /// <summary>CAP0007: The bytes do not match the declared or detected character encoding, or the encoding is not supported.</summary>
    public const string EncodingError = "CAP0007";

    /// <summary>CAP0008: One element's text is longer than the configured limit.</summary>
    public const string ValueTooLong = "CAP0008";

    /// <summary>CAP0101: A required element is missing.</summary>
    public const string MissingElement = "CAP0101";

    /// <summary>CAP0102: An element appears out of the order the schema prescribes.</summary>
    public const string ElementOutOfOrder = "CAP0102";

    /// <summary>CAP0103: An element of the CAP namespace that is not allowed here.</summary>
    public const string UnexpectedElement = "CAP0103";

    /// <summary>CAP0104: An element that may appear once appears more than once.</summary>
    public const string DuplicateElement = "CAP0104";

    /// <summary>CAP0105: Text inside a container element, or child elements inside a value element.</summary>
    public const string UnexpectedContent = "CAP0105";

    /// <summary>CAP0106: CAP elements carry no attributes.</summary>
    public const string UnexpectedAttribute = "CAP0106";

    /// <summary>CAP0107: An element from another namespace; only an enveloped ds:Signature after the info blocks is allowed.</summary>
    public const string ForeignElement = "CAP0107";

    /// <summary>CAP0201: A value outside the list the standard defines (status, msgType, scope, category, responseType, urgency, severity, certainty).</summary>
    public const string InvalidEnumValue = "CAP0201";

    /// <summary>CAP0202: A date-time not of the form YYYY-MM-DDThh:mm:ss±hh:mm (no fractions, explicit offset).</summary>
    public const string InvalidDateTime = "CAP0202";

    /// <summary>CAP0203: A date-time written with the 'Z' designator; CAP writes UTC as -00:00.</summary>
    public const string ZuluTimeZone = "CAP0203";

    /// <summary>CAP0204: A date-time with offset +00:00; CAP writes UTC as -00:00.</summary>
    public const string PlusZeroOffset = "CAP0204";

    /// <summary>CAP0205: &lt;size&gt; is not an integer.</summary>
    public const string InvalidInteger = "CAP0205";

    /// <summary>CAP0206: &lt;altitude&gt; or &lt;ceiling&gt; is not a decimal number.</summary>
    public const string InvalidDecimal = "CAP0206";

    /// <summary>CAP0207: &lt;language&gt; is not an RFC 3066 language tag.</summary>
    public const string InvalidLanguage = "CAP0207";

    /// <summary>CAP0301: &lt;identifier&gt; is empty or contains whitespace, a comma, '&lt;' or '&amp;'.</summary>
    public const string InvalidIdentifier = "CAP0301";

    /// <summary>CAP0302: &lt;sender&gt; is empty or contains whitespace, a comma, '&lt;' or '&amp;'.</summary>
    public const string InvalidSender = "CAP0302";

    /// <summary>CAP0303: scope is Restricted but &lt;restriction&gt; is missing.</summary>
    public const string RestrictionRequired = "CAP0303";

    /// <summary>CAP0304: scope is Private but &lt;addresses&gt; is missing.</summary>
    public const string AddressesRequired = "CAP0304";

    /// <summary>CAP0305: &lt;references&gt; is not a space-separated list of sender,identifier,sent triples.</summary>
    public const string InvalidReferences = "CAP0305";

    /// <summary>CAP0306: msgType Update, Cancel, Ack or Error without &lt;references&gt;.</summary>
    public const string ReferencesRequired = "CAP0306";

    /// <summary>CAP0307: msgType Error without a &lt;note&gt; explaining the rejection.</summary>
    public const string ErrorNoteMissing = "CAP0307";

    /// <summary>CAP0308: &lt;restriction&gt; is present but scope is not Restricted.</summary>
    public const string RestrictionNotUsed = "CAP0308";

    /// <summary>CAP0309: &lt;addresses&gt; has an unbalanced quote or an empty entry.</summary>
    public const string InvalidAddresses = "CAP0309";

    /// <summary>CAP0310: &lt;incidents&gt; has an unbalanced quote or an empty entry.</summary>
    public const string InvalidIncidents = "CAP0310";

    /// <summary>CAP0311: &lt;references&gt; names this alert itself.</summary>
    public const string SelfReference = "CAP0311";

    /// <summary>CAP0312: An Alert or Update without any &lt;info&gt; block gives recipients nothing to act on.</summary>
    public const string NoInfo = "CAP0312";

    /// <summary>CAP0313: A referenced message was sent after this one.</summary>
    public const string ReferenceNotEarlier = "CAP0313";

    /// <summary>CAP0401: &lt;expires&gt; is not after &lt;effective&gt; (or after &lt;sent&gt; when effective is absent).</summary>
    public const string ExpiresNotAfterEffective = "CAP0401";

    /// <summary>CAP0402: &lt;expires&gt; is not after &lt;onset&gt;.</summary>
    public const string ExpiresNotAfterOnset = "CAP0402";

    /// <summary>CAP0403: &lt;headline&gt; is 160 characters or longer.</summary>
    public const string HeadlineTooLong = "CAP0403";

    /// <summary>CAP0404: &lt;web&gt; is not a full, absolute URI.</summary>
    public const string WebNotAbsoluteUri = "CAP0404";

    /// <summary>CAP0405: An &lt;eventCode&gt; or &lt;parameter&gt; has an empty valueName.</summary>
    public const string EmptyValueName = "CAP0405";

    /// <summary>CAP0501: &lt;mimeType&gt; is not of the form type/subtype.</summary>
    public const string InvalidMimeType = "CAP0501";

    /// <summary>CAP0502: &lt;size&gt; is negative.</summary>
    public const string InvalidSize = "CAP0502";

    /// <summary>CAP0503: &lt;digest&gt; is not a SHA-1 digest (40 hexadecimal digits).</summary>
    public const string InvalidDigest = "CAP0503";

    /// <summary>CAP0504: &lt;derefUri&gt; is not Base64 content.</summary>
    public const string InvalidDerefUri = "CAP0504";

    /// <summary>CAP0505: &lt;uri&gt; is neither a full absolute URI nor a relative URI accompanied by &lt;derefUri&gt;.</summary>
    public const string InvalidResourceUri = "CAP0505";

    /// <summary>CAP0506: &lt;digest&gt; does not match the SHA-1 of the &lt;derefUri&gt; content.</summary>
    public const string DigestMismatch = "CAP0506";

    /// <summary>CAP0507: &lt;size&gt; differs from the length of the &lt;derefUri&gt; content.</summary>
    public const string SizeMismatch = "CAP0507";

    /// <summary>CAP0601: &lt;polygon&gt; is not a space-separated list of latitude,longitude pairs.</summary>
    public const string InvalidPolygon = "CAP0601";

    /// <summary>CAP0602: &lt;polygon&gt; has fewer than four points.</summary>
    public const string PolygonTooFewPoints = "CAP0602";

    /// <summary>CAP0603: &lt;polygon&gt; does not end on its first point.</summary>
    public const string PolygonNotClosed = "CAP0603";

    /// <summary>CAP0604: A latitude outside -90..90 or a longitude outside -180..180.</summary>
    public const string CoordinateOutOfRange = "CAP0604";

    /// <summary>CAP0605: &lt;circle&gt; is not 'latitude,longitude radius'.</summary>
    public const string InvalidCircle = "CAP0605";

    /// <summary>CAP0606: &lt;circle&gt; has a negative radius.</summary>
    public const string InvalidCircleRadius = "CAP0606";

    /// <summary>CAP0607: &lt;ceiling&gt; without &lt;altitude&gt;.</summary>
    public const string CeilingWithoutAltitude = "CAP0607";

    /// <summary>CAP0608: &lt;ceiling&gt; is lower than &lt;altitude&gt;.</summary>
    public const string CeilingBelowAltitude = "CAP0608";

    /// <summary>CAP0609: A &lt;geocode&gt; with an empty valueName or value.</summary>
    public const string EmptyGeocode = "CAP0609";

    /// <summary>CAP0801: The document is CAP 1.0 or 1.1; it was read into the CAP 1.2 model and is written back as 1.2.</summary>
    public const string OlderCapVersion = "CAP0801";

    /// <summary>CAP0802: CAP 1.0 &lt;password&gt; is deprecated; it is dropped.</summary>
    public const string DeprecatedPassword = "CAP0802";

    /// <summary>CAP0803: certainty 'Very Likely' is deprecated; it is read as Likely.</summary>
    public const string DeprecatedVeryLikely = "CAP0803";

    /// <summary>CAP0804: A CAP 1.0 'name=value' pair was read into valueName/value.</summary>
    public const string LegacyValuePair = "CAP0804";

    /// <summary>CAP0805: A value that the document's CAP version does not define (for example responseType Avoid in 1.1).</summary>
    public const string NotInVersion = "CAP0805";

    /// <summary>CAP0901: Surrounding whitespace around a coded value was removed.</summary>
    public const string RepairedWhitespace = "CAP0901";

    /// <summary>CAP0902: An unclosed polygon was closed by repeating its first point.</summary>
    public const string RepairedPolygonClosed = "CAP0902";

    /// <summary>CAP0903: A 'Z' date-time was read as -00:00.</summary>
    public const string RepairedZuluTime = "CAP0903";

    /// <summary>CAP0904: A coded value in the wrong letter case was read as the standard value.</summary>
    public const string RepairedEnumCase = "CAP0904";

    /// <summary>CAP0905: An unknown or foreign element was skipped.</summary>
    public const string SkippedElement = "CAP0905";

    /// <summary>CAP1201: The root element is not an Atom feed, an RSS 2.0 rss element or an EDXL-DE 1.0 EDXLDistribution.</summary>
    public const string FeedNotRecognized = "CAP1201";

    /// <summary>CAP1202: More entries, items or content objects, or more child elements in one entry, than the configured limits allow.</summary>
    public const string FeedTooManyElements = "CAP1202";

    /// <summary>CAP1203: The Atom feed lacks its id, title or updated element, or one of them is empty.</summary>
    public const string AtomFeedMetadataMissing = "CAP1203";

    /// <summary>CAP1204: An Atom entry lacks its id, title or updated element, or one of them is empty.</summary>
    public const string AtomEntryMetadataMissing = "CAP1204";

    /// <summary>CAP1205: A feed or envelope date is not in the form its format requires: RFC 3339 for Atom, RFC 822 for RSS, xs:dateTime with an offset for EDXL-DE.</summary>
    public const string FeedDateInvalid = "CAP1205";

    /// <summary>CAP1206: Neither the Atom feed nor this entry names an author.</summary>
    public const string AtomAuthorMissing = "CAP1206";

    /// <summary>CAP1207: An entry, item or content object neither links to a CAP message nor embeds a CAP alert.</summary>
    public const string FeedEntryWithoutCap = "CAP1207";

    /// <summary>CAP1208: The entry links to its message without type application/cap+xml, so a reader cannot tell that the target is CAP.</summary>
    public const string FeedLinkNotMarkedCap = "CAP1208";

    /// <summary>CAP1209: A link has no target, or its target is not a URI.</summary>
    public const string FeedLinkInvalid = "CAP1209";

    /// <summary>CAP1210: The RSS channel lacks its title, link or description element.</summary>
    public const string RssChannelMetadataMissing = "CAP1210";

    /// <summary>CAP1211: An RSS item has neither a title nor a description.</summary>
    public const string RssItemWithoutTitleOrDescription = "CAP1211";

    /// <summary>CAP1212: An RSS item has no guid, so readers cannot tell whether they have seen it.</summary>
    public const string RssItemWithoutGuid = "CAP1212";

    /// <summary>CAP1213: A CAP index element of an entry holds a value CAP does not allow (an unknown urgency, a date-time that is not CAP's form...).</summary>
    public const string FeedIndexValueInvalid = "CAP1213";

    /// <summary>CAP1214: A CAP index element of an entry disagrees with the alert embedded in the same entry.</summary>
    public const string FeedIndexMismatch = "CAP1214";

    /// <summary>CAP1215: Content declared as CAP (type application/cap+xml) does not hold exactly one CAP alert element.</summary>
    public const string FeedContentNotCap = "CAP1215";

    /// <summary>CAP1216: An EDXL-DE distribution lacks a required element, or it is empty.</summary>
    public const string EdxlElementMissing = "CAP1216";

    /// <summary>CAP1217: An EDXL-DE distributionStatus or distributionType outside the lists the standard defines.</summary>
    public const string EdxlValueInvalid = "CAP1217";

    /// <summary>CAP1218: An EDXL-DE distribution carries no content object with a CAP alert.</summary>
    public const string EdxlWithoutCap = "CAP1218";
    /// <summary>CAP1001: The alert carries no enveloped ds:Signature.</summary>
    public const string SignatureMissing = "CAP1001";

    /// <summary>CAP1002: The ds:Signature element does not have the structure XML-DSig and the BeAlert signature profile require.</summary>
    public const string SignatureMalformed = "CAP1002";

    /// <summary>CAP1003: The document holds more than one ds:Signature element.</summary>
    public const string MultipleSignatures = "CAP1003";

    /// <summary>CAP1004: The ds:Signature is not a child of the root &lt;alert&gt; (signature wrapping).</summary>
    public const string SignatureNotEnveloped = "CAP1004";

    /// <summary>CAP1005: The signature does not sign the whole alert: one ds:Reference with URI="" and the enveloped-signature transform is required.</summary>
    public const string SignatureReferenceNotWholeDocument = "CAP1005";

    /// <summary>CAP1006: A known but weak algorithm or key: SHA-1, MD5, RSA-SHA1, DSA, HMAC, or an RSA key shorter than 2048 bits.</summary>
    public const string SignatureWeakAlgorithm = "CAP1006";

    /// <summary>CAP1007: An unknown or refused algorithm: XSLT, XPath and other transforms, or an unsupported canonicalization, signature or digest method.</summary>
    public const string SignatureUnsupportedAlgorithm = "CAP1007";

    /// <summary>CAP1008: The signature exceeds a limit: KeyInfo size, number of certificates, transforms, or key size.</summary>
    public const string SignatureLimitExceeded = "CAP1008";

    /// <summary>CAP1009: The signed content was changed: the digest of the alert does not match ds:DigestValue.</summary>
    public const string SignatureDigestMismatch = "CAP1009";

    /// <summary>CAP1010: ds:SignatureValue does not verify with the key the signature names.</summary>
    public const string SignatureValueInvalid = "CAP1010";

    /// <summary>CAP1011: The signature is intact but no configured trust (pinned certificate, pinned key, trusted root) vouches for its key.</summary>
    public const string SignerNotTrusted = "CAP1011";

    /// <summary>CAP1012: The signer's certificate (or one in its chain) expired before the verification time.</summary>
    public const string SignerCertificateExpired = "CAP1012";

    /// <summary>CAP1013: The signer's certificate (or one in its chain) is not valid yet at the verification time.</summary>
    public const string SignerCertificateNotYetValid = "CAP1013";

    /// <summary>CAP1014: The signer's certificate does not chain to a configured trusted root (or the chain has another error, such as revocation).</summary>
    public const string SignerCertificateChainInvalid = "CAP1014";

    /// <summary>CAP1015: The signer's certificate does not allow digital signatures (key usage).</summary>
    public const string SignerCertificateNotForSigning = "CAP1015";

    /// <summary>CAP1041: &lt;digest&gt; does not match the SHA-1 of the resource content given to check (for example fetched from &lt;uri&gt;).</summary>
    public const string ResourceContentMismatch = "CAP1041";

    /// <summary>CAP1042: The resource content is larger than the configured limit, so its digest was not checked.</summary>
    public const string ResourceContentTooLarge = "CAP1042";

    /// <summary>CAP1043: The resource has no &lt;digest&gt;, so its content cannot be checked.</summary>
    public const string ResourceDigestMissing = "CAP1043";
}
