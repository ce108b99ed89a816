namespace EbpfSharp.Runtime;

/// <summary>An <c>[Xdp]</c> program of a generated class: attach it to an interface, or run it on a packet.</summary>
public sealed class XdpProgram : ProgramHandle
{
    /// <summary>Wraps a loaded XDP program owned by <paramref name="owner"/> (the generated classes call this).</summary>
    public XdpProgram(LoadedObject owner, BpfProgram program)
        : base(owner, program)
    {
    }

    /// <summary>Attaches the program to the interface named <paramref name="interfaceName"/>; dispose the link to detach.</summary>
    public BpfLink AttachXdp(string interfaceName, XdpAttachMode mode = XdpAttachMode.Default) =>
        Track(Program.AttachXdp(interfaceName, mode));

    /// <summary>Attaches the program to the interface with index <paramref name="interfaceIndex"/>; dispose the link to detach.</summary>
    public BpfLink AttachXdp(int interfaceIndex, XdpAttachMode mode = XdpAttachMode.Default) =>
        Track(Program.AttachXdp(interfaceIndex, mode));

    /// <summary>
    /// Runs the program on <paramref name="packet"/> (<paramref name="repeat"/> times) in the kernel under
    /// BPF_PROG_TEST_RUN, and returns its verdict and the packet as the program left it.
    /// </summary>
    public XdpTestResult TestRun(ReadOnlySpan<byte> packet, uint repeat = 1)
    {
        var result = Program.TestRun(new TestRunOptions { Data = packet.ToArray(), Repeat = repeat });
        return new XdpTestResult((XdpAction)result.ReturnValue, result.DataOut, result.DurationNanoseconds);
    }
}

/// <summary>The outcome of <see cref="XdpProgram.TestRun(ReadOnlySpan{byte}, uint)"/>.</summary>
/// <param name="Action">The program's verdict.</param>
/// <param name="Packet">The packet after the program (rewrites, adjusted head or tail).</param>
/// <param name="DurationNanoseconds">The kernel's average time per run.</param>
public sealed record XdpTestResult(XdpAction Action, byte[] Packet, uint DurationNanoseconds);
