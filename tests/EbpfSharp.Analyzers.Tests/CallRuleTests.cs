namespace EbpfSharp.Analyzers.Tests;

using static RuleAssert;

/// <summary>EBPF0006, 0012, 0013, 0021: virtual calls, calls that cannot compile, recursion, parameter count.</summary>
public sealed class CallRuleTests
{
    [Fact]
    public void Interface_and_virtual_calls_report_EBPF0006()
    {
        string source = Program("""
            interface IRule { int Apply(int x); }
            struct Double : IRule { public int Apply(int x) => x * 2; }
            abstract class Shape { public abstract int Area(); }
            static int Through<T>(T rule, int x) where T : IRule => rule.Apply(x);
            static int Area(Shape shape) => shape.Area();
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                var rule = new Double();
                int direct = rule.Apply(ctx.Length);
                return direct + Through(rule, 1) + Area(null!) > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            """);
        Assert.Equal(["rule.Apply(x)", "shape.Area()"], Reported("EBPF0006", source));
    }

    [Fact]
    public void Calls_without_an_eBPF_translation_report_EBPF0012()
    {
        string source = Program("""
            sealed class Table { public int Get() => 1; }
            [System.Runtime.InteropServices.DllImport("libc")]
            static extern int getpid();
            static int Lookup(Table table) => table.Get();
            static long Counter;
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                int max = Math.Max(ctx.Length, 64);
                long read = Interlocked.Read(ref Counter);
                return max + read + getpid() + Lookup(null!) > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            """);
        Assert.Equal(["table.Get()", "Math.Max(ctx.Length, 64)", "Interlocked.Read(ref Counter)", "getpid()"], Reported("EBPF0012", source));
    }

    [Fact]
    public void Helpers_intrinsics_map_methods_and_struct_methods_do_not_report_EBPF0012()
    {
        Silent(Program("""
            static readonly HashMap<uint, ulong> Counts = new(maxEntries: 16);
            static long Total;
            struct Point { public int X; public readonly int Twice() => X * 2; }
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                Interlocked.Add(ref Total, ctx.Length);
                uint key = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)ctx.Length);
                ulong* count = Counts.Lookup(key);
                if (count != null)
                    Interlocked.Increment(ref *(long*)count);
                var point = new Point { X = Unsafe.SizeOf<Point>() };
                return point.Twice() + (int)Bpf.KtimeGetNs() > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            """));
    }

    [Fact]
    public void Recursion_reports_EBPF0013_at_the_call_that_closes_the_cycle()
    {
        string source = Program("""
            static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
            static int Even(int n) => n == 0 ? 1 : Odd(n - 1);
            static int Odd(int n) => n == 0 ? 0 : Even(n - 1);
            [Xdp]
            public static XdpAction Run(XdpContext ctx) =>
                Factorial(3) + Even(ctx.Length) > 0 ? XdpAction.Pass : XdpAction.Drop;
            public static int Host(int n) => n == 0 ? 0 : Host(n - 1);
            """);
        Assert.Equal(["Factorial(n - 1)", "Even(n - 1)"], Reported("EBPF0013", source));
    }

    [Fact]
    public void More_than_5_parameters_in_a_NoInlining_method_reports_EBPF0021_at_the_parameter_list()
    {
        string source = Program("""
            [MethodImpl(MethodImplOptions.NoInlining)]
            static int Sum(int a, int b, int c, int d, int e, int f) => a + b + c + d + e + f;
            [MethodImpl(MethodImplOptions.NoInlining)]
            static int Five(int a, int b, int c, int d, int e) => a + b + c + d + e;
            static int Inlined(int a, int b, int c, int d, int e, int f) => a + b + c + d + e + f;
            [Xdp]
            public static XdpAction Run(XdpContext ctx) =>
                Sum(1, 2, 3, 4, 5, 6) + Five(1, 2, 3, 4, 5) + Inlined(1, 2, 3, 4, 5, 6) > 0 ? XdpAction.Pass : XdpAction.Drop;
            """);
        Assert.Equal(["(int a, int b, int c, int d, int e, int f)"], Reported("EBPF0021", source));
    }
}
