namespace EbpfSharp.Analyzers.Tests;

using static RuleAssert;

/// <summary>EBPF0001–0004: class instances, strings, boxing and arrays in code compiled to eBPF.</summary>
public sealed class ManagedObjectTests
{
    [Fact]
    public void Class_instance_in_a_program_reports_EBPF0001_at_the_new_expression()
    {
        string source = Program("""
            sealed class Counter { public int Value; }
            record class Pair(int A, int B);
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                var counter = new Counter();
                Pair pair = new(1, 2);
                var anonymous = new { A = 1 };
                return counter.Value + pair.A + anonymous.A > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            """);
        Assert.Equal(["new Counter()", "new(1, 2)", "new { A = 1 }"], Reported("EBPF0001", source));
    }

    [Fact]
    public void Structs_and_host_code_in_the_same_class_do_not_report_EBPF0001()
    {
        Silent(Program("""
            struct Point { public int X; public Point(int x) { X = x; } }
            sealed class Counter { public int Value; }
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                var point = new Point(3);
                return point.X > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            public static int Host() => new Counter().Value + new int[3].Length + "text".Length;
            """));
    }

    [Fact]
    public void Strings_outside_a_printk_format_report_EBPF0002_at_the_string()
    {
        string source = Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                string name = "eth0";
                Bpf.Printk("len " + ctx.Length);
                Bpf.Printk($"len {ctx.Length}");
                return Log(name.Length) ? XdpAction.Pass : XdpAction.Drop;
            }
            static bool Log(int length) => length.ToString().Length > 0;
            """);
        Assert.Equal(["name", "\"len \" + ctx.Length", "$\"len {ctx.Length}\"", "name", "length.ToString()"], Reported("EBPF0002", source));
    }

    [Fact]
    public void Printk_formats_and_string_parameters_passed_on_to_printk_do_not_report_EBPF0002()
    {
        Silent(Program("""
            const string Format = "packet %d\n";
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                Bpf.Printk("packet of %d bytes\n", (ulong)ctx.Length);
                Bpf.Printk(Format, 1);
                Bpf.Printk("a" + "b");
                Log("logged %d\n", 2);
                return XdpAction.Pass;
            }
            static void Log(string format, ulong value) => Bpf.Printk(format, value);
            """));
    }

    [Fact]
    public void Boxing_reports_EBPF0003_at_the_conversion_or_the_inherited_call()
    {
        string source = Program("""
            struct Point { public int X; }
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                object boxed = ctx.Length;
                IComparable<int> comparable = 5;
                var point = new Point();
                int hash = point.GetHashCode();
                return boxed is null || comparable is null || hash == 0 || XdpAction.Pass.HasFlag(XdpAction.Drop) ? XdpAction.Pass : XdpAction.Drop;
            }
            """);
        Assert.Equal(["ctx.Length", "5", "point.GetHashCode()", "XdpAction.Pass.HasFlag(XdpAction.Drop)", "XdpAction.Drop"], Reported("EBPF0003", source));
    }

    [Fact]
    public void Struct_methods_and_overrides_do_not_report_EBPF0003()
    {
        Silent(Program("""
            struct Point
            {
                public int X;
                public readonly int Twice() => X * 2;
            }
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                var point = new Point { X = ctx.Length };
                long wide = point.Twice();
                return wide > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            """));
    }

    [Fact]
    public void Managed_arrays_report_EBPF0004_at_the_creation_local_parameter_or_field()
    {
        string source = Program("""
            static readonly byte[] Table = [1, 2, 3];
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                var counts = new int[4];
                int[]? none = null;
                return Sum(counts) + Table[0] + (none is null ? 0 : 1) > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            static int Sum(int[] values) => values[0];
            """);
        Assert.Equal(["new int[4]", "none", "Table", "int[] values"], Reported("EBPF0004", source));
    }

    [Fact]
    public void Stackalloc_and_fixed_buffers_do_not_report_EBPF0004()
    {
        Silent(Program("""
            struct Name { public fixed byte Bytes[16]; }
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                int* counts = stackalloc int[4];
                counts[0] = ctx.Length;
                Name name = default;
                name.Bytes[0] = 1;
                return counts[0] + name.Bytes[0] > 64 ? XdpAction.Pass : XdpAction.Drop;
            }
            """));
    }
}
