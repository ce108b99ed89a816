using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FirewallSample;

/// <summary>The host's side of <see cref="Ipv4Prefix"/>: parsing <c>10.1.2.0/24</c> and printing it back.</summary>
public partial struct Ipv4Prefix
{
    /// <summary>The prefix's first address.</summary>
    public readonly IPAddress Network => new((uint)IPAddress.HostToNetworkOrder((int)Address));

    /// <summary>
    /// Parses <c>a.b.c.d/n</c> (n from 0 to 32) or a single address <c>a.b.c.d</c> (a /32). Bits past the prefix
    /// are cleared: <c>10.1.2.3/24</c> is <c>10.1.2.0/24</c>.
    /// </summary>
    /// <exception cref="FormatException">Not an IPv4 address with an optional prefix length.</exception>
    public static Ipv4Prefix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string addressText = slash < 0 ? text : text[..slash];
        int length = 32;
        if (slash >= 0 && !(int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) && length <= 32))
            throw new FormatException($"'{text}': the prefix length after '/' must be 0 to 32.");
        if (addressText.Count(c => c == '.') != 3 || !IPAddress.TryParse(addressText, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            throw new FormatException($"'{text}' is not an IPv4 address or prefix such as 10.1.2.3 or 10.1.0.0/16.");
        return Of(address, length);
    }

    /// <summary>The <paramref name="prefixLength"/>-bit prefix of <paramref name="address"/> (an IPv4 address), bits past it cleared.</summary>
    public static Ipv4Prefix Of(IPAddress address, int prefixLength = 32)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
        Span<byte> bytes = stackalloc byte[4];
        if (address.AddressFamily != AddressFamily.InterNetwork || !address.TryWriteBytes(bytes, out _))
            throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        uint mask = prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
        return new Ipv4Prefix { PrefixLength = (uint)prefixLength, Address = BinaryPrimitives.ReadUInt32BigEndian(bytes) & mask };
    }

    /// <inheritdoc/>
    public override readonly string ToString() => $"{Network}/{PrefixLength}";
}
