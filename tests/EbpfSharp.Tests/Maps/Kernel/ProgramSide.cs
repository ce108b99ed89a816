using System.Buffers.Binary;
using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Runtime;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Tests.Maps.Kernel;

/// <summary>
/// A kernel map through the helpers a program calls: each operation is a small XDP program, run with
/// BPF_PROG_TEST_RUN, that copies the key and value from the packet to its stack, calls the helper and returns its
/// result; lookups, pops and peeks copy the value they got back into the packet. Per-CPU maps see the CPU the
/// calling thread runs on. Packet layout: flags (8 bytes), key, value, each from an 8-byte boundary.
/// </summary>
internal sealed class ProgramSide : MapSide
{
    // kernel: include/uapi/linux/bpf.h, __BPF_FUNC_MAPPER
    private const int LookupHelper = 1, UpdateHelper = 2, DeleteHelper = 3, PushHelper = 87, PopHelper = 88, PeekHelper = 89;
    private const int FlagsOffset = 0, KeyOffset = 8;
    private const uint NotFound = 1;                 // what the lookup program returns for null
    private const int PacketTooShort = int.MaxValue;

    private readonly BpfMap _map;
    private readonly int _valueOffset;
    private readonly int _packetLength;
    private readonly Dictionary<string, BpfProgram> _programs = [];

    public ProgramSide(BpfMap map)
    {
        _map = map;
        _valueOffset = KeyOffset + RoundUp8(map.KeySize);
        _packetLength = Math.Max(_valueOffset + RoundUp8(map.ValueSize), 14);   // XDP test runs need 14 bytes
    }

    private int KeyStack => -(RoundUp8(_map.KeySize) + RoundUp8(_map.ValueSize));

    private int ValueStack => -RoundUp8(_map.ValueSize);

    public override long Lookup(byte[] key, out byte[] value)
    {
        var result = Run("map_lookup", LookupProgram, key: key);
        bool found = result.ReturnValue != NotFound;
        value = found ? result.DataOut.AsSpan(_valueOffset, _map.ValueSize).ToArray() : [];
        return found ? (int)result.ReturnValue : MapCalls.ENOENT;
    }

    public override long Update(byte[] key, byte[] value, ulong flags) =>
        (int)Run("map_update", () => KeyValueCall(UpdateHelper, withFlags: true), flags, key, value).ReturnValue;

    public override long Delete(byte[] key) => (int)Run("map_delete", () => KeyValueCall(DeleteHelper, withFlags: false), key: key).ReturnValue;

    public override long Push(byte[] value, ulong flags) => (int)Run("map_push", () => ValueCall(PushHelper, withFlags: true), flags, value: value).ReturnValue;

    public override long Pop(out byte[] value) => Take("map_pop", PopHelper, new byte[_map.ValueSize], out value);

    public override long Peek(out byte[] value) => Take("map_peek", PeekHelper, new byte[_map.ValueSize], out value);

    public override long Contains(byte[] value) => Take("map_peek", PeekHelper, value, out _);

    public override void Dispose()
    {
        foreach (var program in _programs.Values)
            program.Dispose();
    }

    private long Take(string name, int helper, byte[] input, out byte[] value)
    {
        var result = Run(name, () => ValueCall(helper, withFlags: false, copyBack: true), value: input);
        value = result.DataOut.AsSpan(_valueOffset, _map.ValueSize).ToArray();
        return (int)result.ReturnValue;
    }

    private TestRunResult Run(string name, Func<List<Instruction>> build, ulong flags = 0, byte[]? key = null, byte[]? value = null)
    {
        if (!_programs.TryGetValue(name, out var program))
        {
            program = BpfProgram.Load(ProgramDefinition.FromInstructions(name, BpfProgramType.Xdp, build())
                with { ExpectedAttachType = BpfAttachType.Xdp });
            _programs.Add(name, program);
        }
        var packet = new byte[_packetLength];
        BinaryPrimitives.WriteUInt64LittleEndian(packet.AsSpan(FlagsOffset), flags);
        key?.CopyTo(packet, KeyOffset);
        value?.CopyTo(packet, _valueOffset);
        var result = program.TestRun(new TestRunOptions { Data = packet });
        Assert.NotEqual((uint)PacketTooShort, result.ReturnValue);
        return result;
    }

    // r = lookup(map, key); copy *r into the packet's value, or return NotFound.
    private List<Instruction> LookupProgram()
    {
        var code = Prologue();
        code.AddRange(PacketToStack(KeyOffset, KeyStack, _map.KeySize));
        code.Add(Ld.MapFd(R1, _map.Handle.Value));
        code.Add(Alu64.Mov.Reg(R2, R10));
        code.Add(Alu64.Add.Imm(R2, KeyStack));
        code.Add(Jmp.Call(LookupHelper));
        code.Add(Jmp.Ne.Imm(R0, 0, "found"));
        code.Add(Alu64.Mov.Imm(R0, (int)NotFound));
        code.Add(Jmp.Exit());
        var copy = Copy(R0, 0, R7, (short)_valueOffset, _map.ValueSize);
        copy[0] = copy[0].WithLabel("found");
        code.AddRange(copy);
        code.Add(Alu64.Mov.Imm(R0, 0));
        return Epilogue(code);
    }

    // return helper(map, key, value[, flags]) — delete takes only the key.
    private List<Instruction> KeyValueCall(int helper, bool withFlags)
    {
        var code = Prologue();
        code.AddRange(PacketToStack(KeyOffset, KeyStack, _map.KeySize));
        code.AddRange(PacketToStack(_valueOffset, ValueStack, _map.ValueSize));
        code.Add(Ld.MapFd(R1, _map.Handle.Value));
        code.Add(Alu64.Mov.Reg(R2, R10));
        code.Add(Alu64.Add.Imm(R2, KeyStack));
        code.Add(Alu64.Mov.Reg(R3, R10));
        code.Add(Alu64.Add.Imm(R3, ValueStack));
        if (withFlags)
            code.Add(Mem.Load(AccessSize.DoubleWord, R4, R7, FlagsOffset));
        code.Add(Jmp.Call(helper));
        return Epilogue(code);
    }

    // return helper(map, value[, flags]), copying the value back into the packet for pop and peek.
    private List<Instruction> ValueCall(int helper, bool withFlags, bool copyBack = false)
    {
        var code = Prologue();
        code.AddRange(PacketToStack(_valueOffset, ValueStack, _map.ValueSize));
        code.Add(Ld.MapFd(R1, _map.Handle.Value));
        code.Add(Alu64.Mov.Reg(R2, R10));
        code.Add(Alu64.Add.Imm(R2, ValueStack));
        if (withFlags)
            code.Add(Mem.Load(AccessSize.DoubleWord, R3, R7, FlagsOffset));
        code.Add(Jmp.Call(helper));
        if (copyBack)
            code.AddRange(Copy(R10, (short)ValueStack, R7, (short)_valueOffset, _map.ValueSize));
        return Epilogue(code);
    }

    // r7 = data, checked to hold the whole packet layout.
    private List<Instruction> Prologue() =>
    [
        Mem.Load(AccessSize.Word, R7, R1, 0),     // xdp_md.data
        Mem.Load(AccessSize.Word, R8, R1, 4),     // xdp_md.data_end
        Alu64.Mov.Reg(R9, R7),
        Alu64.Add.Imm(R9, _packetLength),
        Jmp.Gt.Reg(R9, R8, "short"),
    ];

    private static List<Instruction> Epilogue(List<Instruction> code)
    {
        code.Add(Jmp.Exit());
        code.Add(Alu64.Mov.Imm(R0, PacketTooShort).WithLabel("short"));
        code.Add(Jmp.Exit());
        return code;
    }

    private static List<Instruction> PacketToStack(int packetOffset, int stackOffset, int length) =>
        Copy(R7, (short)packetOffset, R10, (short)stackOffset, length);

    // Byte by byte, through r1: no alignment to reason about.
    private static List<Instruction> Copy(Register source, short sourceOffset, Register destination, short destinationOffset, int length)
    {
        var code = new List<Instruction>();
        for (short i = 0; i < length; i++)
        {
            code.Add(Mem.Load(AccessSize.Byte, R1, source, (short)(sourceOffset + i)));
            code.Add(Mem.Store(AccessSize.Byte, destination, (short)(destinationOffset + i), R1));
        }
        return code;
    }

    private static int RoundUp8(int size) => (size + 7) & ~7;
}
