using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Writing;
using static EbpfSharp.Object.Instructions.Register;

namespace AssembledCounter;

/// <summary>The per-protocol value the program keeps: how many IPv4 packets of a protocol, and their bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ProtocolCount
{
    public ulong Packets;
    public ulong Bytes;
}

/// <summary>
/// Builds the XDP program and its object file with EbpfSharp's instruction builder. In C# terms it does:
/// <code>
///   if (data + 14 > data_end || eth.EtherType != IPv4) { Interlocked.Increment(ref NotIpv4); return Pass; }
///   if (data + 34 > data_end) return Pass;
///   ProtocolCount* count = Counts.Lookup(ip.Protocol);
///   if (count != null) { Interlocked.Increment(ref count->Packets); Interlocked.Add(ref count->Bytes, data_end - data); }
///   return Pass;
/// </code>
/// </summary>
internal static class ProtocolCounterObject
{
    public const string ProgramName = "count_protocols";
    public const string CountsMap = "counts";
    public const string NotIpv4Variable = "not_ipv4";

    private const int MapLookupElement = 1;   // bpf_map_lookup_elem (kernel: include/uapi/linux/bpf.h)
    private const int XdpPass = 2;
    private const string Source = "ProtocolCounterObject.cs";

    public static byte[] Write()
    {
        var builder = new ObjectBuilder("Dual MIT/GPL");
        int u32 = builder.Types.Integer("unsigned int", 4, signed: false);
        int u64 = builder.Types.Integer("unsigned long long", 8, signed: false);
        int count = builder.Btf.Add(new BtfStruct(16, new BtfMember[] { new("packets", u64, 0), new("bytes", u64, 64) }) { Name = "protocol_count" });
        builder.AddMap(new MapDeclaration(CountsMap, BpfMapType.Array, 256) { KeyTypeId = u32, ValueTypeId = count });
        builder.AddGlobal(new GlobalVariable(".bss", NotIpv4Variable, u64, new byte[8]));

        Instruction[] code =
        [
            Mem.Load(AccessSize.Word, R2, R1, 0),                        // r2 = ctx->data
            Mem.Load(AccessSize.Word, R3, R1, 4),                        // r3 = ctx->data_end
            Alu64.Mov.Reg(R4, R2),
            Alu64.Add.Imm(R4, 14),
            Jmp.Gt.Reg(R4, R3, "not_ipv4"),                              // Ethernet header beyond the end
            Mem.Load(AccessSize.Half, R5, R2, 12),                       // EtherType, network order
            Jmp.Ne.Imm(R5, 0x0008, "not_ipv4"),                          // 0x0800 read little-endian
            Alu64.Mov.Reg(R4, R2),
            Alu64.Add.Imm(R4, 34),
            Jmp.Gt.Reg(R4, R3, "pass"),                                  // IPv4 header beyond the end
            Alu64.Mov.Reg(R6, R3),
            Alu64.Sub.Reg(R6, R2),                                       // r6 = packet length, kept across the call
            Mem.Load(AccessSize.Byte, R5, R2, 23),                       // ip->protocol
            Mem.Store(AccessSize.Word, R10, -4, R5),                     // the key, on the stack
            Ld.Symbol(R1, CountsMap),
            Alu64.Mov.Reg(R2, R10),
            Alu64.Add.Imm(R2, -4),
            Jmp.Call(MapLookupElement),
            Jmp.Eq.Imm(R0, 0, "pass"),
            Alu64.Mov.Imm(R1, 1),
            Atomic.Add(AccessSize.DoubleWord, R0, 0, R1),                // count->packets += 1
            Atomic.Add(AccessSize.DoubleWord, R0, 8, R6),                // count->bytes += length
            Jmp.Ja("pass"),
            Ld.Symbol(R1, NotIpv4Variable).WithLabel("not_ipv4"),
            Alu64.Mov.Imm(R2, 1),
            Atomic.Add(AccessSize.DoubleWord, R1, 0, R2),                // not_ipv4 += 1
            Alu64.Mov.Imm(R0, XdpPass).WithLabel("pass"),
            Jmp.Exit(),
        ];
        builder.AddFunction(new FunctionCode(ProgramName, code)
        {
            SectionName = "xdp",
            Lines =
            [
                new SourceLine(0, Source, "if (data + 14 > data_end || eth.EtherType != IPv4) { Interlocked.Increment(ref NotIpv4); return Pass; }", 21, 7),
                new SourceLine(7, Source, "if (data + 34 > data_end) return Pass;", 22, 7),
                new SourceLine(10, Source, "ProtocolCount* count = Counts.Lookup(ip.Protocol);", 23, 7),
                new SourceLine(19, Source, "if (count != null) { Interlocked.Increment(ref count->Packets); Interlocked.Add(ref count->Bytes, data_end - data); }", 24, 7),
                new SourceLine(23, Source, "Interlocked.Increment(ref NotIpv4); return Pass;", 21, 60),
                new SourceLine(26, Source, "return Pass;", 25, 7),
            ],
        });
        return builder.Write();
    }

}
