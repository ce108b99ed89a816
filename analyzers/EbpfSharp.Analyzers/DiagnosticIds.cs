namespace EbpfSharp.Analyzers;

/// <summary>
/// The IDs of the analyzers' diagnostics. EbpfSharp reserves its IDs by range (docs/diagnostics.md):
/// <c>EBPF0001</c>–<c>EBPF0999</c> analyzers (while you type), <c>EBPF1000</c>–<c>EBPF1999</c> the compiler (at build),
/// <c>EBPF2000</c>–<c>EBPF2999</c> the generator, <c>EBPF3000</c> and up the runtime. Every ID has a section in
/// docs/diagnostics.md and a line in AnalyzerReleases.Unshipped.md until a release.
/// </summary>
internal static class DiagnosticIds
{
    public const string ClassInstance = "EBPF0001";
    public const string StringUse = "EBPF0002";
    public const string Boxing = "EBPF0003";
    public const string ManagedArray = "EBPF0004";
    public const string ExceptionHandling = "EBPF0005";
    public const string VirtualCall = "EBPF0006";
    public const string Delegate = "EBPF0007";
    public const string AsyncOrIterator = "EBPF0008";
    public const string FloatingPoint = "EBPF0009";
    public const string Dynamic = "EBPF0010";
    public const string CheckedArithmetic = "EBPF0011";
    public const string UncompilableCall = "EBPF0012";
    public const string Recursion = "EBPF0013";
    public const string StackSize = "EBPF0014";
    public const string PacketBounds = "EBPF0015";
    public const string LookupNullCheck = "EBPF0016";
    public const string UnboundedLoop = "EBPF0017";
    public const string HelperNotAllowed = "EBPF0018";
    public const string GplHelper = "EBPF0019";
    public const string NonBlittableMapType = "EBPF0020";
    public const string TooManyParameters = "EBPF0021";
    public const string ProgramSignature = "EBPF0022";
    public const string KernelMemoryWrite = "EBPF0023";
    public const string PtRegsArgument = "EBPF0024";
    public const string ContextWrite = "EBPF0025";

    /// <summary>
    /// Where each ID's section is, followed by the lower-case ID (docs/diagnostics.md has an anchor per ID); a
    /// repository path until the documentation has a public address.
    /// </summary>
    public const string HelpLinkBase = "docs/diagnostics.md#";

    /// <summary>The category every analyzer diagnostic is filed under.</summary>
    public const string Category = "EbpfSharp.Verifier";
}
