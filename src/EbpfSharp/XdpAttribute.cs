namespace EbpfSharp;

/// <summary>
/// An XDP program: runs for every packet a network device receives, before the kernel allocates a socket
/// buffer. The method takes an <see cref="XdpContext"/> and returns an <see cref="XdpAction"/>.
/// </summary>
/// <example><code>
/// [Xdp]
/// public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
/// </code></example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class XdpAttribute : ProgramAttribute
{
    /// <summary>Whether the program handles multi-buffer packets (section <c>xdp.frags</c>).</summary>
    public bool Fragments { get; init; }

    /// <inheritdoc />
    public override string SectionName => Fragments ? "xdp.frags" : "xdp";
}
