using EbpfSharp;

namespace EbpfSharp.Compiler.Tests.Programs;

// Each class holds one construct the compiler must refuse, on a line the tests look for.
public static class AllocatesClass
{
    private sealed class Box { public int Value = 1; }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var box = new Box(); // EBPF1001
        return (XdpAction)box.Value;
    }
}

public static class UsesString
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        string text = "abc".ToUpperInvariant(); // EBPF1002
        return text.Length > 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

public static class CatchesException
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        try
        {
            return Decide(ctx.Length); // EBPF1003
        }
        catch (System.InvalidOperationException)
        {
            return XdpAction.Aborted;
        }
    }

    private static XdpAction Decide(int length) => length > 100 ? XdpAction.Pass : XdpAction.Drop;
}

public static class CallsVirtual
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        return ctx.GetHashCode() == 0 ? XdpAction.Drop : XdpAction.Pass; // EBPF1004
    }
}

public static class UsesFloatingPoint
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        double ratio = ctx.Length / 3.0; // EBPF1005
        return ratio > 10 ? XdpAction.Pass : XdpAction.Drop;
    }
}

public static class KeepsFloatInStruct
{
    private struct Stats
    {
        public int Count;
        public float Average;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var stats = new Stats { Count = 1 };
        stats.Average = ctx.Length / (float)stats.Count;
        return stats.Count > 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

public static class UsesChecked
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int doubled = checked(ctx.Length * 2); // EBPF1006
        return doubled > 100 ? XdpAction.Pass : XdpAction.Drop;
    }
}

public static class Recurses
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx) => Count(ctx.Length) > 3 ? XdpAction.Pass : XdpAction.Drop;

    private static int Count(int n) => n == 0 ? 0 : 1 + Count(n - 1); // EBPF1008
}

public static class WrongSignature
{
    [Xdp]
    public static int Run(int notAContext) => 2; // EBPF1013
}
