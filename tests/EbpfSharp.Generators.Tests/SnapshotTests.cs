namespace EbpfSharp.Generators.Tests;

/// <summary>
/// What the generator writes for program classes of each shape, compared with Snapshots/SnapshotTests.*.verified.cs
/// (set EBPFSHARP_UPDATE_SNAPSHOTS=1 to rewrite them); every output also compiles cleanly with its input.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Design_protocol_counter_gets_an_xdp_program_an_array_view_a_config_value_and_a_global() => Verify("""
        using System.Threading;
        using EbpfSharp;
        using EbpfSharp.Net;

        namespace ProtocolCounterSample;

        public static unsafe partial class ProtocolCounter
        {
            static readonly ArrayMap<ulong> Counts = new(maxEntries: 256);

            static readonly ushort IgnoredEtherType = 0x86DD;

            static ulong Packets;

            [Xdp]
            public static XdpAction Count(XdpContext ctx)
            {
                Packets++;
                if (!ctx.TryGet(0, out EthernetHeader* eth)) return XdpAction.Pass;
                if (eth->EtherType == IgnoredEtherType) return XdpAction.Pass;
                if (eth->EtherType != EtherType.IPv4) return XdpAction.Pass;
                if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip)) return XdpAction.Pass;

                ulong* count = Counts.Lookup(ip->Protocol);
                if (count != null) Interlocked.Increment(ref *count);
                return XdpAction.Pass;
            }
        }
        """);

    [Fact]
    public void Every_map_kind_gets_its_view() => Verify("""
        using EbpfSharp;

        namespace Maps;

        public struct FlowKey { public uint Source; public uint Destination; }

        public struct Prefix { public uint Length; public uint Address; }

        public static partial class AllMaps
        {
            static readonly HashMap<FlowKey, ulong> Flows = new(maxEntries: 1024);
            static readonly LruHashMap<uint, long> Recent = new(maxEntries: 128);
            static readonly LpmTrie<Prefix, byte> Routes = new(maxEntries: 64);
            static readonly ArrayMap<ulong> Counters = new(maxEntries: 16);
            static readonly PerCpuHashMap<uint, ulong> CpuFlows = new(maxEntries: 64);
            static readonly LruPerCpuHashMap<uint, ulong> CpuRecent = new(maxEntries: 64);
            static readonly PerCpuArrayMap<ulong> CpuCounters = new(maxEntries: 4);
            static readonly QueueMap<uint> Pending = new(maxEntries: 32);
            static readonly StackMap<uint> Undo = new(maxEntries: 32);
            static readonly BloomFilter<uint> Seen = new(maxEntries: 256);
            static readonly ProgramArray Jumps = new(maxEntries: 4);
            static readonly StackTraceMap Stacks = new(maxEntries: 128);

            [Xdp]
            public static XdpAction Pass(XdpContext ctx) => XdpAction.Pass;
        }
        """);

    [Fact]
    public void Ring_buffer_reader_opens_on_first_use_and_perf_event_reader_with_the_object() => Verify("""
        using EbpfSharp;

        namespace Events;

        public static unsafe partial class PacketEvents
        {
            public struct PacketEvent { public uint Length; public uint Interface; }

            static readonly RingBuffer<PacketEvent> Ring = new(sizeBytes: 256 * 1024);
            static readonly PerfEventArray<PacketEvent> Perf = new();

            [Xdp]
            public static XdpAction Report(XdpContext ctx)
            {
                var record = new PacketEvent { Length = (uint)ctx.Length };
                Ring.Output(record);
                Perf.Output(ctx, record);
                return XdpAction.Pass;
            }
        }
        """);

    [Fact]
    public void Raw_tracepoint_program_is_constructed_with_its_tracepoint() => Verify("""
        using EbpfSharp;

        namespace Tracing;

        public static partial class SyscallCounter
        {
            static readonly ArrayMap<ulong> Calls = new(maxEntries: 1);

            [RawTracepoint("sys_enter")]
            public static int OnEnter(RawTracepointContext ctx) => 0;

            [RawTracepoint("sched_switch")]
            public static int OnSwitch(RawTracepointContext ctx) => 0;
        }
        """);

    [Fact]
    public void Every_tracing_kind_gets_its_handle_constructed_with_the_attribute_target() => Verify("""
        using EbpfSharp;

        namespace Tracing;

        public static unsafe partial class AllProbes
        {
            public struct OpenEvent { public uint Pid; public fixed byte Path[256]; }

            public struct OpenatEnter
            {
                public TraceEntry Common;
                public int SyscallNumber;
                public long Dfd;
                public byte* Filename;
                public long Flags;
                public long Mode;
            }

            static readonly RingBuffer<OpenEvent> Events = new(sizeBytes: 64 * 1024);

            [Kprobe("do_sys_openat2")]
            public static int OnOpen(int dfd, byte* filename) => 0;

            [Kprobe("tcp_v4_connect", Offset = 0x10)]
            public static int InConnect(PtRegs* regs) => 0;

            [Kretprobe("do_sys_openat2")]
            public static int OnOpenReturn(long fd) => 0;

            [Uprobe("/lib/x86_64-linux-gnu/libc.so.6", "malloc")]
            public static int OnMalloc(ulong size) => 0;

            [Uprobe("libc.so.6", "free", Offset = 4)]
            public static int InFree(PtRegs* regs) => 0;

            [Uprobe]
            public static int Anywhere(PtRegs* regs) => 0;

            [Uretprobe("/usr/bin/bash", "readline")]
            public static int OnReadline(byte* line) => 0;

            [Uretprobe]
            public static int AnyReturn(PtRegs* regs) => 0;

            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int OnOpenat(OpenatEnter* ctx) => 0;

            [RawTracepoint("sched_switch")]
            public static int OnSwitch(RawTracepointContext ctx) => 0;

            [Fentry("do_unlinkat")]
            public static int OnUnlink(int dfd, void* name) => 0;

            [Fexit("do_unlinkat")]
            public static int OnUnlinkReturn(int dfd, void* name, int result) => 0;
        }
        """);

    [Fact]
    public void Program_attribute_without_a_typed_handle_gets_a_BpfProgram() => Verify("""
        using EbpfSharp;

        namespace Custom;

        public sealed class SocketFilterAttribute : ProgramAttribute
        {
            public override string SectionName => "socket";
        }

        public static partial class Filters
        {
            [SocketFilter]
            public static int Accept(XdpContext ctx) => 0;

            [Xdp]
            public static XdpAction Pass(XdpContext ctx) => XdpAction.Pass;
        }
        """);

    [Fact]
    public void Nested_class_in_a_namespace_is_generated_inside_its_containing_types() => Verify("""
        using EbpfSharp;

        namespace Company.Networking
        {
            public partial class Firewall
            {
                internal partial struct Rules
                {
                    public static partial class Filter
                    {
                        static readonly HashMap<uint, byte> Blocked = new(maxEntries: 1024);

                        [Xdp]
                        public static XdpAction Run(XdpContext ctx) => XdpAction.Pass;
                    }
                }
            }
        }
        """);

    [Fact]
    public void File_scoped_namespace_is_generated_as_a_block_namespace() => Verify("""
        using EbpfSharp;

        namespace Samples.FileScoped;

        internal static partial class Dropper
        {
            static uint Dropped;

            [Xdp]
            public static XdpAction Drop(XdpContext ctx)
            {
                Dropped++;
                return XdpAction.Drop;
            }
        }
        """);

    [Fact]
    public void Class_in_the_global_namespace_is_generated_without_a_namespace() => Verify("""
        using EbpfSharp;

        public static partial class GlobalCounter
        {
            static readonly ArrayMap<uint> Hits = new(maxEntries: 1);

            [Xdp]
            public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
        }
        """);

    [Fact]
    public void Struct_and_enum_globals_get_typed_properties_and_host_only_statics_none() => Verify("""
        using EbpfSharp;

        namespace Globals;

        public struct Limits { public uint Packets; public uint Bytes; }

        public enum Mode : byte { Off, Count, Drop }

        internal struct Totals { public ulong Packets; }

        public static partial class Policy
        {
            static readonly Limits Configured = default;
            static readonly Mode DefaultMode = Mode.Count;
            static readonly bool Verbose = true;
            static Limits Current;
            static Totals Seen;
            static Mode ActiveMode = Mode.Drop;

            // Host-only: not unmanaged, computed at run time, a constant, a pointer, floating point.
            static readonly string Name = "policy";
            static readonly int Processors = System.Environment.ProcessorCount;
            const int Version = 2;
            static unsafe byte* Scratch;
            static double Ratio = 0.5;

            [Xdp]
            public static XdpAction Apply(XdpContext ctx) => XdpAction.Pass;
        }
        """);

    private static void Verify(string source, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var outcome = TestCompilation.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());
        var generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), test: test);
    }
}
