using System.Runtime.InteropServices;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Calls a P/Invoke, which has no IL.
public static unsafe class CallsExternFunction
{
    [DllImport("libc", EntryPoint = "getpid")]
    private static extern int GetProcessId();

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int pid = GetProcessId(); // EBPF0012
        return pid == ctx.Length ? XdpAction.Drop : XdpAction.Pass;
    }
}
