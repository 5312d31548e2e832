using System.Buffers.Binary;
using System.Text;

namespace BeAlert.Cap;

/// <summary>
/// Interns names and namespace URIs by their UTF-8 bytes, so that a name seen again returns the same string
/// instance without allocating. <see cref="Shared"/> holds every CAP and XML-DSig element name and the namespaces a
/// CAP document uses; it is read-only and shared by all readers. A reader puts names it meets that are not there in a
/// table of its own. A reader's table grows with the input, so it hashes with <see cref="HashCode"/> (randomly seeded
/// per process): hostile input cannot force collisions. The shared table never grows after it is built, so its chains
/// are what its own names made them whatever the input: it uses a cheaper unseeded hash of a name's length and its
/// first and last bytes, which every start tag pays for.
/// </summary>
internal sealed class CapXmlNameTable
{
    private const ulong Prime = 0x9E3779B97F4A7C15;

    private readonly bool _fixed;
    private Entry[] _entries;
    private int[] _buckets;
    private int _count;

    internal CapXmlNameTable(int capacity = 16, bool isFixed = false)
    {
        _fixed = isFixed;
        var size = 16;
        while (size < capacity * 2)
        {
            size *= 2;
        }

        _buckets = new int[size];
        _entries = new Entry[size / 2];
    }

    internal static CapXmlNameTable Shared { get; } = CreateShared();

    internal int Count => _count;

    private int Hash(ReadOnlySpan<byte> bytes) => _fixed ? FixedHash(bytes) : SeededHash(bytes);

    private static int SeededHash(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    /// <summary>Length, and the first and last 8 bytes (4 for shorter names, each byte for the shortest): every byte
    /// of a name up to 16 bytes long, with a few multiplications and no loop.</summary>
    private static int FixedHash(ReadOnlySpan<byte> bytes)
    {
        var hash = (ulong)(bytes.Length + 1) * Prime;
        if (bytes.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Prime;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..])) * Prime;
        }
        else if (bytes.Length >= 4)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt32LittleEndian(bytes) ^ ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]) << 32)) * Prime;
        }
        else
        {
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * Prime;
            }
        }

        return (int)(hash >> 32);
    }

    /// <summary>The interned string for these bytes, or <see langword="null"/>.</summary>
    internal string? Find(ReadOnlySpan<byte> bytes) => Find(bytes, Hash(bytes));

    private string? Find(ReadOnlySpan<byte> bytes, int hash)
    {
        var entries = _entries;
        for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = entries[i].Next)
        {
            ref readonly var entry = ref entries[i];
            if (entry.Hash == hash && bytes.SequenceEqual(entry.Bytes))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The interned string for these bytes (which must be valid UTF-8), adding it if needed.</summary>
    internal string Add(ReadOnlySpan<byte> bytes)
    {
        var hash = Hash(bytes);
        if (Find(bytes, hash) is { } found)
        {
            return found;
        }

        var value = Encoding.UTF8.GetString(bytes);
        Insert(bytes.ToArray(), value, hash);
        return value;
    }

    private void Add(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var hash = Hash(bytes);
        if (Find(bytes, hash) is null)
        {
            Insert(bytes, value, hash);
        }
    }

    private void Insert(byte[] bytes, string value, int hash)
    {
        if (_count == _entries.Length)
        {
            Grow();
        }

        var bucket = hash & (_buckets.Length - 1);
        _entries[_count] = new Entry(bytes, value, hash, _buckets[bucket] - 1);
        _buckets[bucket] = ++_count;
    }

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];
        Array.Copy(_entries, entries, _count);
        var buckets = new int[_buckets.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            var bucket = entries[i].Hash & (buckets.Length - 1);
            entries[i].Next = buckets[bucket] - 1;
            buckets[bucket] = i + 1;
        }

        _entries = entries;
        _buckets = buckets;
    }

    private static CapXmlNameTable CreateShared()
    {
        var table = new CapXmlNameTable(256, isFixed: true);
        string[] names =
        [
            "alert", "info", "resource", "area", "eventCode", "parameter", "valueName", "value", "geocode",
            CapAlert.Namespace12, CapAlert.Namespace11, CapAlert.Namespace10, CapSchema.DsigNamespace,
            CapUtf8XmlReader.XmlnsNamespace, CapUtf8XmlReader.XmlNamespace, "http://www.w3.org/2001/XMLSchema-instance",
            "http://www.w3.org/2001/XMLSchema", "http://www.w3.org/2001/10/xml-exc-c14n#", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            "http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1", "http://www.w3.org/2000/09/xmldsig#sha1",
            "xmlns", "xml", "xsi", "cap", "ds", "dsig", "xs", "xmlns:cap", "xmlns:ds", "xmlns:xsi", "xmlns:dsig", "xsi:schemaLocation",
            "xml:lang", "Id", "URI", "Algorithm", "lang", "schemaLocation",
            "Signature", "SignedInfo", "CanonicalizationMethod", "SignatureMethod", "Reference", "Transforms", "Transform",
            "DigestMethod", "DigestValue", "SignatureValue", "KeyInfo", "KeyName", "KeyValue", "RSAKeyValue", "Modulus", "Exponent",
            "X509Data", "X509Certificate", "X509SubjectName", "X509IssuerSerial", "X509IssuerName", "X509SerialNumber", "Object",
        ];
        foreach (var name in names)
        {
            table.Add(name);
        }

        foreach (var specs in new[] { CapSchema.Alert12, CapSchema.Alert10, CapSchema.Info12, CapSchema.Resource12, CapSchema.Area, CapSchema.NamedValue })
        {
            foreach (var spec in specs)
            {
                table.Add(spec.Name);
            }
        }

        return table;
    }

    private struct Entry(byte[] bytes, string value, int hash, int next)
    {
        public readonly byte[] Bytes = bytes;
        public readonly string Value = value;
        public readonly int Hash = hash;
        public int Next = next;
    }
}
