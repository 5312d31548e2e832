using System.Security.Cryptography;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// The BeAlert profile of XML-DSig for CAP, checked on the <c>ds:Signature</c> element before any cryptography runs:
/// one <c>ds:Reference</c> with <c>URI=""</c>, the enveloped-signature transform first, at most one canonicalization
/// transform after it, and only the algorithms of <see cref="CapSignatureAlgorithms"/>. Anything else is reported
/// with its own code, so that no transform, reference or algorithm outside the profile ever reaches
/// <see cref="System.Security.Cryptography.Xml.SignedXml"/>.
/// </summary>
internal static class CapSignatureProfile
{
    /// <summary>The longest SignatureValue accepted, in bytes (an 8192-bit RSA signature is 1024 bytes).</summary>
    private const int MaxSignatureValueBytes = 1024;

    /// <summary>The longest InclusiveNamespaces PrefixList accepted, in characters.</summary>
    private const int MaxPrefixListLength = 1024;

    /// <summary>What the profile check found in a signature that follows the profile.</summary>
    internal sealed record Parts(
        CapSignatureAlgorithms.SignatureMethod Method,
        string? ReferenceCanonicalization,
        string? ReferencePrefixList,
        HashAlgorithmName DigestHash,
        byte[] DigestValue,
        byte[] SignatureValue,
        XmlElement? KeyInfo);

    /// <summary>Checks the signature element; returns its parts, or <see langword="null"/> after reporting why not.</summary>
    internal static Parts? Read(XmlElement signature, int maxTransforms, List<CapDiagnostic> diagnostics)
    {
        var children = ChildElements(signature, diagnostics);
        if (children is null)
        {
            return null;
        }

        XmlElement? signedInfo = null, signatureValue = null, keyInfo = null;
        var position = 0;
        foreach (var child in children)
        {
            switch (position, Ds(child))
            {
                case (0, "SignedInfo"):
                    signedInfo = child;
                    position = 1;
                    break;
                case (1, "SignatureValue"):
                    signatureValue = child;
                    position = 2;
                    break;
                case (2, "KeyInfo"):
                    keyInfo = child;
                    position = 3;
                    break;
                case (_, "Object"):
                    return Malformed(diagnostics, child, "ds:Object is not allowed in a CAP signature: the signature signs the alert itself and nothing else. Remove the ds:Object element.");
                default:
                    return Malformed(diagnostics, child, $"<{child.Name}> is not expected here: a ds:Signature holds ds:SignedInfo, ds:SignatureValue and optionally ds:KeyInfo, in that order.");
            }
        }

        if (signedInfo is null || signatureValue is null)
        {
            return Malformed(diagnostics, signature, $"ds:Signature lacks {(signedInfo is null ? "ds:SignedInfo" : "ds:SignatureValue")}; it needs ds:SignedInfo then ds:SignatureValue.");
        }

        var method = ReadSignedInfo(signedInfo, maxTransforms, diagnostics, out var reference);
        var value = ReadBase64(signatureValue, MaxSignatureValueBytes, diagnostics);
        if (method is null || reference is null || value is null || diagnostics.Count > 0)
        {
            return null;
        }

        return new Parts(method, reference.Canonicalization, reference.PrefixList, reference.Hash, reference.DigestValue, value, keyInfo);
    }

    private sealed record ReferenceParts(string? Canonicalization, string? PrefixList, HashAlgorithmName Hash, byte[] DigestValue);

    private static CapSignatureAlgorithms.SignatureMethod? ReadSignedInfo(XmlElement signedInfo, int maxTransforms, List<CapDiagnostic> diagnostics, out ReferenceParts? reference)
    {
        reference = null;
        var children = ChildElements(signedInfo, diagnostics);
        if (children is null)
        {
            return null;
        }

        if (children.Count < 3 || Ds(children[0]) != "CanonicalizationMethod" || Ds(children[1]) != "SignatureMethod")
        {
            Malformed(diagnostics, signedInfo, "ds:SignedInfo must hold ds:CanonicalizationMethod, ds:SignatureMethod and one ds:Reference, in that order.");
            return null;
        }

        var references = children.Skip(2).ToList();
        var notReference = references.FirstOrDefault(e => Ds(e) != "Reference");
        if (notReference is not null)
        {
            Malformed(diagnostics, notReference, $"<{notReference.Name}> is not allowed in ds:SignedInfo after ds:SignatureMethod; only ds:Reference is.");
            return null;
        }

        if (references.Count != 1)
        {
            Report(
                diagnostics,
                CapDiagnosticCodes.SignatureReferenceNotWholeDocument,
                references[1],
                $"ds:SignedInfo has {references.Count} ds:Reference elements; a CAP signature has exactly one, URI=\"\", which signs the whole alert. Extra references can make a signature look as if it covered content it does not.");
            return null;
        }

        CheckCanonicalization(children[0], "ds:CanonicalizationMethod", diagnostics);
        var method = CheckSignatureMethod(children[1], diagnostics);
        reference = ReadReference(references[0], maxTransforms, diagnostics);
        return method;
    }

    private static void CheckCanonicalization(XmlElement element, string what, List<CapDiagnostic> diagnostics)
    {
        var algorithm = Algorithm(element, diagnostics);
        if (algorithm is null)
        {
            return;
        }

        if (!CapSignatureAlgorithms.IsCanonicalization(algorithm))
        {
            Refuse(element, what, algorithm, diagnostics);
            return;
        }

        CheckTransformChildren(element, algorithm, diagnostics);
    }

    private static CapSignatureAlgorithms.SignatureMethod? CheckSignatureMethod(XmlElement element, List<CapDiagnostic> diagnostics)
    {
        var algorithm = Algorithm(element, diagnostics);
        if (algorithm is null)
        {
            return null;
        }

        if (!CapSignatureAlgorithms.TryGetSignatureMethod(algorithm, out var method))
        {
            Refuse(element, "ds:SignatureMethod", algorithm, diagnostics);
            return null;
        }

        if (ChildElements(element, diagnostics) is not { Count: 0 })
        {
            Malformed(diagnostics, element, $"ds:SignatureMethod {method.Name} takes no child elements.");
            return null;
        }

        return method;
    }

    private static ReferenceParts? ReadReference(XmlElement reference, int maxTransforms, List<CapDiagnostic> diagnostics)
    {
        var uri = reference.GetAttributeNode("URI");
        if (uri is null || uri.Value.Length != 0)
        {
            var found = uri is null ? "has no URI attribute" : $"has URI=\"{Shorten(uri.Value)}\"";
            Report(
                diagnostics,
                CapDiagnosticCodes.SignatureReferenceNotWholeDocument,
                reference,
                $"ds:Reference {found}; a CAP signature must sign the whole alert with URI=\"\". A reference to part of the document (an ID, an XPointer) or to another resource lets the rest be changed without breaking the signature.");
            return null;
        }

        var children = ChildElements(reference, diagnostics);
        if (children is null)
        {
            return null;
        }

        var index = 0;
        XmlElement? transforms = null;
        if (index < children.Count && Ds(children[index]) == "Transforms")
        {
            transforms = children[index++];
        }

        if (children.Count - index != 2 || Ds(children[index]) != "DigestMethod" || Ds(children[index + 1]) != "DigestValue")
        {
            return Malformed<ReferenceParts>(diagnostics, reference, "ds:Reference must hold ds:Transforms, ds:DigestMethod and ds:DigestValue, in that order.");
        }

        string? canonicalization = null, prefixList = null;
        if (!ReadTransforms(reference, transforms, maxTransforms, diagnostics, ref canonicalization, ref prefixList))
        {
            return null;
        }

        var digestMethod = children[index];
        var algorithm = Algorithm(digestMethod, diagnostics);
        if (algorithm is null)
        {
            return null;
        }

        if (!CapSignatureAlgorithms.TryGetDigestMethod(algorithm, out var hash))
        {
            Refuse(digestMethod, "ds:DigestMethod", algorithm, diagnostics);
            return null;
        }

        if (ChildElements(digestMethod, diagnostics) is not { Count: 0 })
        {
            return Malformed<ReferenceParts>(diagnostics, digestMethod, "ds:DigestMethod takes no child elements.");
        }

        var digestValue = ReadBase64(children[index + 1], 64, diagnostics);
        if (digestValue is null)
        {
            return null;
        }

        var expected = hash == HashAlgorithmName.SHA256 ? 32 : hash == HashAlgorithmName.SHA384 ? 48 : 64;
        if (digestValue.Length != expected)
        {
            return Malformed<ReferenceParts>(diagnostics, children[index + 1], $"ds:DigestValue holds {digestValue.Length} bytes; a {hash.Name} digest has {expected}.");
        }

        return new ReferenceParts(canonicalization, prefixList, hash, digestValue);
    }

    /// <summary>Checks the transform chain: enveloped-signature first, then at most one canonicalization.</summary>
    private static bool ReadTransforms(XmlElement reference, XmlElement? transforms, int maxTransforms, List<CapDiagnostic> diagnostics, ref string? canonicalization, ref string? prefixList)
    {
        var list = transforms is null ? [] : ChildElements(transforms, diagnostics);
        if (list is null)
        {
            return false;
        }

        if (list.Count > maxTransforms)
        {
            Report(
                diagnostics,
                CapDiagnosticCodes.SignatureLimitExceeded,
                transforms!,
                $"ds:Transforms holds {list.Count} transforms, more than the limit of {maxTransforms} (CapSignatureVerifierOptions.MaxTransforms); a CAP signature needs two (enveloped-signature, then exclusive C14N).");
            return false;
        }

        var ok = true;
        var algorithms = new List<string>(list.Count);
        foreach (var transform in list)
        {
            if (Ds(transform) != "Transform")
            {
                Malformed(diagnostics, transform, $"<{transform.Name}> is not allowed in ds:Transforms; only ds:Transform is.");
                ok = false;
                continue;
            }

            var algorithm = Algorithm(transform, diagnostics);
            if (algorithm is null)
            {
                ok = false;
                continue;
            }

            if (algorithm != CapSignatureAlgorithms.Enveloped && !CapSignatureAlgorithms.IsCanonicalization(algorithm))
            {
                Refuse(transform, "ds:Transform", algorithm, diagnostics);
                ok = false;
                continue;
            }

            ok &= CheckTransformChildren(transform, algorithm, diagnostics);
            algorithms.Add(algorithm);
        }

        if (!ok)
        {
            return false;
        }

        if (algorithms.Count == 0 || algorithms[0] != CapSignatureAlgorithms.Enveloped
            || algorithms.Count > 2 || (algorithms.Count == 2 && !CapSignatureAlgorithms.IsCanonicalization(algorithms[1])))
        {
            Report(
                diagnostics,
                CapDiagnosticCodes.SignatureReferenceNotWholeDocument,
                transforms ?? reference,
                "The ds:Reference must apply the enveloped-signature transform first and then at most one canonicalization (exclusive C14N): without it the signature would cover itself, and other chains do not sign the alert as it is.");
            return false;
        }

        if (algorithms.Count == 2)
        {
            canonicalization = algorithms[1];
            prefixList = PrefixList(list[1]);
        }

        return true;
    }

    /// <summary>A canonicalization may carry one ec:InclusiveNamespaces (exclusive C14N only); the enveloped transform nothing.</summary>
    private static bool CheckTransformChildren(XmlElement element, string algorithm, List<CapDiagnostic> diagnostics)
    {
        var children = ChildElements(element, diagnostics);
        if (children is null)
        {
            return false;
        }

        foreach (var child in children)
        {
            var inclusive = algorithm == CapSignatureAlgorithms.ExcC14n && child.LocalName == "InclusiveNamespaces"
                && child.NamespaceURI == CapSignatureAlgorithms.ExcC14nNamespace && children.Count == 1;
            if (!inclusive)
            {
                Malformed(diagnostics, child, $"<{child.Name}> is not allowed inside <{element.Name}> with Algorithm {algorithm}.");
                return false;
            }

            if (child.GetAttribute("PrefixList").Length > MaxPrefixListLength)
            {
                Report(diagnostics, CapDiagnosticCodes.SignatureLimitExceeded, child, $"The InclusiveNamespaces PrefixList is longer than {MaxPrefixListLength} characters.");
                return false;
            }
        }

        return true;
    }

    private static string? PrefixList(XmlElement transform)
    {
        foreach (XmlNode child in transform.ChildNodes)
        {
            if (child is XmlElement { LocalName: "InclusiveNamespaces" } element)
            {
                return element.GetAttribute("PrefixList");
            }
        }

        return null;
    }

    private static void Refuse(XmlElement element, string what, string algorithm, List<CapDiagnostic> diagnostics)
    {
        if (CapSignatureAlgorithms.TryGetWeakName(algorithm, out var weak))
        {
            Report(
                diagnostics,
                CapDiagnosticCodes.SignatureWeakAlgorithm,
                element,
                $"{what} uses {weak} ({algorithm}), which is too weak to rely on; sign with RSA-SHA256 or ECDSA-SHA256 and a SHA-256 digest.");
        }
        else if (CapSignatureAlgorithms.TryGetDangerousName(algorithm, out var dangerous))
        {
            Report(
                diagnostics,
                CapDiagnosticCodes.SignatureUnsupportedAlgorithm,
                element,
                $"{what} uses {dangerous} ({algorithm}), which a CAP signature does not allow: the profile accepts only the enveloped-signature transform and C14N or exclusive C14N.");
        }
        else
        {
            Report(
                diagnostics,
                CapDiagnosticCodes.SignatureUnsupportedAlgorithm,
                element,
                $"{what} uses the unknown or unsupported algorithm '{Shorten(algorithm)}'; supported are RSA-SHA256/384/512, ECDSA-SHA256/384/512, SHA-256/384/512 digests, C14N and exclusive C14N.");
        }
    }

    private static string? Algorithm(XmlElement element, List<CapDiagnostic> diagnostics)
    {
        var attribute = element.GetAttributeNode("Algorithm");
        if (attribute is null || attribute.Value.Length == 0)
        {
            Malformed(diagnostics, element, $"<{element.Name}> has no Algorithm attribute.");
            return null;
        }

        return attribute.Value;
    }

    private static byte[]? ReadBase64(XmlElement element, int maxBytes, List<CapDiagnostic> diagnostics)
    {
        if (ChildElements(element, diagnostics) is not { Count: 0 })
        {
            return Malformed<byte[]>(diagnostics, element, $"<{element.Name}> must hold Base64 text only.");
        }

        var text = element.InnerText;
        if (text.Length > (maxBytes + 2) / 3 * 4 * 2)
        {
            return Malformed<byte[]>(diagnostics, element, $"<{element.Name}> is longer than any value this profile accepts ({maxBytes} bytes).");
        }

        try
        {
            var bytes = Convert.FromBase64String(text);
            return bytes.Length is > 0 && bytes.Length <= maxBytes
                ? bytes
                : Malformed<byte[]>(diagnostics, element, $"<{element.Name}> holds {bytes.Length} bytes; expected 1 to {maxBytes}.");
        }
        catch (FormatException)
        {
            return Malformed<byte[]>(diagnostics, element, $"<{element.Name}> is not Base64 text.");
        }
    }

    /// <summary>The element children of a DSig element; text other than whitespace makes it malformed.</summary>
    internal static List<XmlElement>? ChildElements(XmlElement parent, List<CapDiagnostic> diagnostics)
    {
        var elements = new List<XmlElement>();
        foreach (XmlNode child in parent.ChildNodes)
        {
            switch (child)
            {
                case XmlElement element:
                    elements.Add(element);
                    break;
                case XmlText or XmlCDataSection when IsDsigStructure(parent) && !string.IsNullOrWhiteSpace(child.Value):
                    return Malformed<List<XmlElement>>(diagnostics, parent, $"<{parent.Name}> holds text; it may hold only elements.");
            }
        }

        return elements;
    }

    private static bool IsDsigStructure(XmlElement element) =>
        element.NamespaceURI == CapSignatureAlgorithms.DsigNamespace
        && element.LocalName is "Signature" or "SignedInfo" or "Reference" or "Transforms" or "KeyInfo" or "X509Data" or "KeyValue" or "RSAKeyValue";

    private static string? Ds(XmlElement element) =>
        element.NamespaceURI == CapSignatureAlgorithms.DsigNamespace ? element.LocalName : null;

    private static Parts? Malformed(List<CapDiagnostic> diagnostics, XmlElement at, string message)
    {
        Report(diagnostics, CapDiagnosticCodes.SignatureMalformed, at, message);
        return null;
    }

    private static T? Malformed<T>(List<CapDiagnostic> diagnostics, XmlElement at, string message)
        where T : class
    {
        Report(diagnostics, CapDiagnosticCodes.SignatureMalformed, at, message);
        return null;
    }

    internal static void Report(List<CapDiagnostic> diagnostics, string code, XmlNode at, string message) =>
        diagnostics.Add(new CapDiagnostic(code, CapRuleCatalog.Get(code).Severity, message, CapSignatureXml.PathOf(at)));

    internal static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
