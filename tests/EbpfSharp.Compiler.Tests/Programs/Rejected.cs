using EbpfSharp;

namespace EbpfSharp.Compiler.Tests.Programs;

// Compiles, but the verifier rejects it: it checks 14 bytes and reads the 20th.
public static unsafe class ReadsPastCheckedBound
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        byte beyond = data[19]; // the rejected read
        return beyond == 6 ? XdpAction.Drop : XdpAction.Pass;
    }
}
