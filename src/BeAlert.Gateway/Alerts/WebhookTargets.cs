using System.Net;
using System.Net.Sockets;

namespace BeAlert.Gateway.Alerts;

/// <summary>Settings of the vendor webhook targets (configuration section <c>BeAlert:Webhooks</c>).</summary>
public sealed class WebhookTargetOptions
{
    public const string Section = "BeAlert:Webhooks";

    /// <summary>
    /// Whether webhooks may point at loopback, private, link-local, shared (CGNAT) or multicast addresses. Default
    /// <see langword="false"/>: a vendor's URL must not reach the gateway's own network (SSRF). Tests and demos, whose
    /// receivers run on 127.0.0.1, set it.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }
}

/// <summary>
/// The SSRF guard for vendor webhook URLs, applied when a webhook is registered and again before every push (DNS may
/// have changed): only <c>http</c>/<c>https</c>, no credentials in the URL, and every address the host resolves to
/// must be public unless <see cref="WebhookTargetOptions.AllowPrivateTargets"/>. The HTTP client also checks the
/// address it actually connects to (<see cref="ConnectAsync"/>), so a name that resolves differently between the check
/// and the connection cannot slip through, and it follows no redirects.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Checks a webhook URL; answers <see langword="null"/> when it may be used, else the reason it is refused.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="allowPrivateTargets">Whether private and loopback addresses are allowed.</param>
    /// <param name="cancellationToken">Stops the DNS lookup.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static async Task<string?> CheckAsync(Uri url, bool allowPrivateTargets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (CheckSyntax(url) is { } reason)
        {
            return reason;
        }

        if (allowPrivateTargets)
        {
            return null;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                return $"The host '{url.Host}' does not resolve ({e.SocketErrorCode}).";
            }
            catch (ArgumentException)
            {
                return $"The host '{url.Host}' is not a valid host name.";
            }
        }

        if (addresses.Length == 0)
        {
            return $"The host '{url.Host}' does not resolve.";
        }

        foreach (var address in addresses)
        {
            if (Forbidden(address) is { } kind)
            {
                return $"The host '{url.Host}' resolves to {address}, a {kind} address; webhooks must reach a public address.";
            }
        }

        return null;
    }

    /// <summary>The checks that need no DNS: scheme and credentials.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The reason it is refused, or <see langword="null"/>.</returns>
    public static string? CheckSyntax(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"Only http and https webhook URLs are allowed (this one is {(url.IsAbsoluteUri ? url.Scheme : "relative")}).";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "Webhook URLs must not carry credentials (user:password@); the push is authenticated by its HMAC signature.";
        }

        if (string.IsNullOrEmpty(url.Host))
        {
            return "The webhook URL has no host.";
        }

        return null;
    }

    /// <summary>What kind of non-public address this is (loopback, private, …), or <see langword="null"/> for a public one.</summary>
    /// <param name="address">An IP address.</param>
    /// <returns>The kind, or <see langword="null"/>.</returns>
    public static string? Forbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 => "unspecified",
                10 => "private",
                100 when (b[1] & 0xC0) == 64 => "shared (carrier-grade NAT)",
                169 when b[1] == 254 => "link-local",
                172 when (b[1] & 0xF0) == 16 => "private",
                192 when b[1] == 168 => "private",
                192 when b[1] == 0 && b[2] == 0 => "reserved (IETF protocol assignments)",
                >= 224 and <= 239 => "multicast",
                >= 240 => "reserved",
                _ => null,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
            {
                return "unspecified";
            }

            if (address.IsIPv6Multicast)
            {
                return "multicast";
            }

            if (address.IsIPv6LinkLocal)
            {
                return "link-local";
            }

            if (address.IsIPv6SiteLocal)
            {
                return "site-local";
            }

            if (address.IsIPv6UniqueLocal)
            {
                return "private (unique local)";
            }

            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            if (b[..12].SequenceEqual(stackalloc byte[12]))
            {
                return "IPv4-compatible";
            }

            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
            {
                return "NAT64";
            }

            return null;
        }

        return "non-IP";
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to permitted addresses: it resolves the
    /// host itself and refuses (with <see cref="HttpRequestException"/>) when any address is not public, unless
    /// <paramref name="allowPrivateTargets"/> says otherwise.
    /// </summary>
    /// <param name="allowPrivateTargets">Whether private and loopback addresses are allowed.</param>
    /// <returns>The callback.</returns>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectAsync(Func<bool> allowPrivateTargets)
    {
        ArgumentNullException.ThrowIfNull(allowPrivateTargets);
        return async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            if (!allowPrivateTargets())
            {
                foreach (var address in addresses)
                {
                    if (Forbidden(address) is { } kind)
                    {
                        throw new HttpRequestException(HttpRequestError.ConnectionError, $"The webhook host resolves to a {kind} address; refused.");
                    }
                }
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }
}
