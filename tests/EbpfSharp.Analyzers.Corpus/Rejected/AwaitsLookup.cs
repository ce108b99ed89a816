using System.Threading.Tasks;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Waits on an async helper.
public static class AwaitsLookup
{
    private static async Task<int> LimitAsync(int length) // EBPF0008
    {
        await Task.Yield();
        return length > 1500 ? 1500 : length;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int limit = LimitAsync(ctx.Length).Result;
        return limit == 1500 ? XdpAction.Drop : XdpAction.Pass;
    }
}
