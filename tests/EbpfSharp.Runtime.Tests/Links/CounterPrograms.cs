using System.Buffers.Binary;
using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>
/// Small programs, written with the instruction builder, that count their runs into slot 0 of a
/// one-entry ARRAY map of u64, so tests can tell exactly how often a hook fired.
/// </summary>
internal static class CounterPrograms
{
    private const int MapLookupElement = 1;          // bpf_map_lookup_elem (kernel: include/uapi/linux/bpf.h, __BPF_FUNC_MAPPER)
    private const int GetCurrentPidTgid = 14;        // bpf_get_current_pid_tgid

    /// <summary>The u64 counter at <paramref name="key"/> of a counter map.</summary>
    public static ulong ReadCounter(this BpfMap map, uint key = 0) =>
        map.TryLookup(key, out ulong value) ? value : throw new InvalidOperationException($"{map} has no key {key}.");

    /// <summary>A one-entry ARRAY map with a u32 key and a u64 counter.</summary>
    public static BpfMap CreateCounter(string name = "counter") => BpfMap.Create(new MapDefinition(name, BpfMapType.Array, 4, 8, 1));

    /// <summary>XDP: counts IPv4 UDP packets (no IP options) to <paramref name="port"/>, passes everything.</summary>
    public static BpfProgram UdpPortCounter(BpfMap counter, int port, bool expectedAttachType = true)
    {
        Instruction[] code =
        [
            Mem.Load(AccessSize.Word, R2, R1, 0),                     // data
            Mem.Load(AccessSize.Word, R3, R1, 4),                     // data_end
            Alu64.Mov.Reg(R4, R2),
            Alu64.Add.Imm(R4, 14 + 20 + 8),                           // Ethernet + IPv4 + UDP headers
            Jmp.Gt.Reg(R4, R3, "pass"),
            Mem.Load(AccessSize.Half, R5, R2, 12),                    // EtherType, network order
            Jmp.Ne.Imm(R5, BigEndian(0x0800), "pass"),                // ETH_P_IP
            Mem.Load(AccessSize.Byte, R5, R2, 14),
            Jmp.Ne.Imm(R5, 0x45, "pass"),                             // version 4, 20-byte header
            Mem.Load(AccessSize.Byte, R5, R2, 14 + 9),
            Jmp.Ne.Imm(R5, 17, "pass"),                               // IPPROTO_UDP
            Mem.Load(AccessSize.Half, R5, R2, 14 + 20 + 2),           // destination port
            Jmp.Ne.Imm(R5, BigEndian((ushort)port), "pass"),
            .. Increment(counter, "pass"),
            Alu64.Mov.Imm(R0, 2).WithLabel("pass"),                   // XDP_PASS
            Jmp.Exit(),
        ];
        var definition = ProgramDefinition.FromInstructions("count_udp", BpfProgramType.Xdp, code);
        return BpfProgram.Load(expectedAttachType ? definition with { ExpectedAttachType = BpfAttachType.Xdp } : definition);
    }

    /// <summary>A program of <paramref name="type"/> that counts every run.</summary>
    public static BpfProgram EveryRun(BpfMap counter, BpfProgramType type, string? sectionName = null) =>
        BpfProgram.Load(ProgramDefinition.FromInstructions("count_runs", type,
        [
            .. Increment(counter, "out"),
            Alu64.Mov.Imm(R0, 0).WithLabel("out"),
            Jmp.Exit(),
        ]) with { SectionName = sectionName });

    /// <summary>A program of <paramref name="type"/> that counts runs on one thread (bpf_get_current_pid_tgid() == tgid &lt;&lt; 32 | tid).</summary>
    public static BpfProgram RunsOnThread(BpfMap counter, BpfProgramType type, int processId, int threadId, string? sectionName = null) =>
        BpfProgram.Load(ProgramDefinition.FromInstructions("count_thread", type,
        [
            Jmp.Call(GetCurrentPidTgid),
            Ld.Imm64(R1, ((long)processId << 32) | (uint)threadId),
            Jmp.Ne.Reg(R0, R1, "out"),
            .. Increment(counter, "out"),
            Alu64.Mov.Imm(R0, 0).WithLabel("out"),
            Jmp.Exit(),
        ]) with { SectionName = sectionName });

    // counter[0] += 1, atomically; jumps to exitLabel if the lookup fails.
    private static Instruction[] Increment(BpfMap counter, string exitLabel) =>
    [
        Mem.StoreImm(AccessSize.Word, R10, -4, 0),
        Alu64.Mov.Reg(R2, R10),
        Alu64.Add.Imm(R2, -4),
        Ld.MapFd(R1, counter.Handle.Value),
        Jmp.Call(MapLookupElement),
        Jmp.Eq.Imm(R0, 0, exitLabel),
        Alu64.Mov.Imm(R1, 1),
        Atomic.Add(AccessSize.DoubleWord, R0, 0, R1),
    ];

    private static int BigEndian(ushort value) => BinaryPrimitives.ReverseEndianness(value);
}
