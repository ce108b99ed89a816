using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Writing;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Object.Tests.Writing;

/// <summary>Objects written with <see cref="ObjectBuilder"/> that the tests inspect and load.</summary>
internal static class SampleObjects
{
    /// <summary>
    /// XDP: count packets per first byte of the packet in an ARRAY map, add a .rodata bonus through a .text
    /// subprogram into a .bss total, and pass. Carries source lines.
    /// </summary>
    public static ObjectBuilder CounterWithEverything()
    {
        var builder = new ObjectBuilder();
        int u32 = builder.Types.Integer("unsigned int", 4, signed: false);
        int u64 = builder.Types.Integer("unsigned long long", 8, signed: false);
        builder.AddMap(new MapDeclaration("counts", BpfMapType.Array, 256) { KeyTypeId = u32, ValueTypeId = u64 });
        builder.AddGlobal(new GlobalVariable(".rodata", "bonus", u32, BitConverter.GetBytes(40u)));
        builder.AddGlobal(new GlobalVariable(".bss", "total", u64, new byte[8]));
        builder.AddFunction(new FunctionCode("add_one", [Alu32.Mov.Reg(R0, R1), Alu32.Add.Imm(R0, 1), Jmp.Exit()])
        {
            Parameters = [new("x", u32)],
            Lines = [new SourceLine(0, "/src/Counter.cs", "static uint AddOne(uint x) => x + 1;", 30, 5)],
        });
        builder.AddFunction(new FunctionCode("count_packets",
        [
            Mem.Load(AccessSize.Word, R2, R1, 0),
            Mem.Load(AccessSize.Word, R3, R1, 4),
            Alu64.Mov.Reg(R4, R2),
            Alu64.Add.Imm(R4, 1),
            Jmp.Gt.Reg(R4, R3, "pass"),
            Mem.Load(AccessSize.Byte, R2, R2, 0),
            Mem.Store(AccessSize.Word, R10, -4, R2),
            Ld.Symbol(R1, "counts"),
            Alu64.Mov.Reg(R2, R10),
            Alu64.Add.Imm(R2, -4),
            Jmp.Call(1),
            Jmp.Eq.Imm(R0, 0, "pass"),
            Alu64.Mov.Imm(R1, 1),
            Atomic.Add(AccessSize.DoubleWord, R0, 0, R1),
            Ld.Symbol(R1, "bonus").WithLabel("pass"),
            Mem.Load(AccessSize.Word, R1, R1, 0),
            Jmp.CallSubprogram("add_one"),
            Ld.Symbol(R2, "total"),
            Atomic.Add(AccessSize.DoubleWord, R2, 0, R0),
            Alu64.Mov.Imm(R0, 2),
            Jmp.Exit(),
        ])
        {
            SectionName = "xdp",
            Lines =
            [
                new SourceLine(0, "/src/Counter.cs", "if (!ctx.TryGet(0, out byte* first)) goto pass;", 12, 9),
                new SourceLine(5, "/src/Counter.cs", "ulong* count = Counts.Lookup(*first);", 13, 9),
                new SourceLine(12, "/src/Counter.cs", "Interlocked.Increment(ref *count);", 14, 13),
                new SourceLine(14, "/src/Counter.cs", "Total += AddOne(Bonus);", 15, 9),
                new SourceLine(19, "/src/Counter.cs", "return XdpAction.Pass;", 16, 9),
            ],
        });
        return builder;
    }
}
