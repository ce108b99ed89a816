namespace EbpfSharp.Analyzers.Tests;

using static RuleAssert;

/// <summary>EBPF0005, 0007, 0008, 0011: exceptions, delegates, async and iterators, checked arithmetic.</summary>
public sealed class ControlConstructTests
{
    [Fact]
    public void Exception_handling_reports_EBPF0005_at_throw_try_using_and_lock()
    {
        string source = Program("""
            ref struct Scope { public void Dispose() { } }
            static readonly object Gate = new();
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                if (ctx.Length == 0)
                    throw new InvalidOperationException();
                try { Bpf.Printk("x"); } finally { }
                using (var scope = new Scope()) { }
                using var other = new Scope();
                lock (Gate) { }
                return XdpAction.Pass;
            }
            """);
        Assert.Equal(["throw new InvalidOperationException();", "try", "using", "using", "lock"], Reported("EBPF0005", source));
    }

    [Fact]
    public void Foreach_over_a_disposable_enumerator_reports_EBPF0005_but_not_over_a_span()
    {
        string source = Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                int sum = 0;
                foreach (int value in new System.Collections.Generic.List<int>()) sum += value;
                return sum > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            public static int Host() { try { return 1; } finally { } }
            """);
        Assert.Equal(["foreach"], Reported("EBPF0005", source));
    }

    [Fact]
    public void Delegates_lambdas_and_function_pointers_report_EBPF0007()
    {
        string source = Program("""
            static int Twice(int x) => x * 2;
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                Func<int, int> doubler = x => x * 2;
                Func<int, int> group = Twice;
                delegate*<int, int> pointer = &Twice;
                return doubler(1) + group(2) + pointer(3) > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            """);
        Assert.Equal(["x => x * 2", "Twice", "&Twice", "doubler(1)", "group(2)", "pointer(3)"], Reported("EBPF0007", source));
    }

    [Fact]
    public void Local_functions_do_not_report_EBPF0007()
    {
        Silent(Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                return Twice(ctx.Length) > 0 ? XdpAction.Pass : XdpAction.Drop;
                static int Twice(int x) => x * 2;
            }
            """));
    }

    [Fact]
    public void Async_methods_and_iterators_report_EBPF0008()
    {
        string source = Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                _ = Steps.Later();
                foreach (int value in Steps.Numbers()) { }
                return XdpAction.Pass;
            }
            """, outside: """
            static class Steps
            {
                public static async System.Threading.Tasks.Task Later() => await System.Threading.Tasks.Task.Yield();
                public static System.Collections.Generic.IEnumerable<int> Numbers() { yield return 1; }
                public static async System.Threading.Tasks.Task Unused() => await System.Threading.Tasks.Task.Yield();
            }
            """);
        Assert.Equal(["async", "Numbers"], Reported("EBPF0008", source));
    }

    [Fact]
    public void Checked_arithmetic_reports_EBPF0011_at_the_checked_operation()
    {
        string source = Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                int length = ctx.Length;
                int sum = checked(length + 1);
                byte narrow = checked((byte)length);
                long wide = checked((long)length);
                checked { length++; }
                int folded = checked(2 * 3);
                return sum + narrow + wide + folded > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            """);
        Assert.Equal(["length + 1", "(byte)length", "length++"], Reported("EBPF0011", source));
    }
}
