using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// The bytes a load or store touches, as a base and a constant byte range: the base is the address with constant
/// additions peeled off (a frame object stands for all of its <see cref="IrOpcode.FrameAddress"/> values), so
/// <c>ip + 8</c> and <c>ip</c> name the same base. Also says where a base points (its <see cref="Origin"/>) to
/// decide whether accesses through two different bases may touch the same bytes.
/// </summary>
internal readonly record struct MemoryPlace(object Base, long Offset, int Size)
{
    /// <summary>Where a pointer can point. Only origins listed in <see cref="MayOverlap"/> as separate are separate.</summary>
    private enum OriginKind { Unknown, Integer, Frame, Packet, MapValue }

    private readonly record struct Origin(OriginKind Kind, object? Frame = null);

    /// <summary>bpf_map_lookup_elem: the result points into a map value (or is null). kernel: include/uapi/linux/bpf.h</summary>
    private const long MapLookupElem = 1;

    public static MemoryPlace Of(IrInstruction access)
    {
        var address = access.Operands[0];
        long offset = access.Immediate;
        while (true)
        {
            if (address is IrInstruction { Opcode: IrOpcode.Copy } copy)
                address = copy.Operands[0];
            else if (address is IrInstruction { Opcode: IrOpcode.Add, Wide: true } add && add.Operands[1] is IrConstant constant)
            {
                offset += constant.Value;
                address = add.Operands[0];
            }
            else
                break;
        }
        object key = address is IrInstruction { Opcode: IrOpcode.FrameAddress } frame ? frame.Frame! : address;
        return new MemoryPlace(key, offset, access.Size);
    }

    /// <summary>Whether the two places may share a byte: the same base with overlapping ranges, or bases that may point to the same memory.</summary>
    public bool MayOverlap(MemoryPlace other)
    {
        if (Equals(Base, other.Base))
            return Offset < other.Offset + other.Size && other.Offset < Offset + Size;
        var (mine, theirs) = (OriginOf(Base), OriginOf(other.Base));
        if (mine.Kind == OriginKind.Frame && theirs.Kind == OriginKind.Frame)
            return mine.Frame == theirs.Frame;
        // The stack, the packet and map values are separate.
        bool Known(Origin origin) => origin.Kind is OriginKind.Frame or OriginKind.Packet or OriginKind.MapValue;
        return !(Known(mine) && Known(theirs) && mine.Kind != theirs.Kind);
    }

    /// <summary>Whether the value is an integer, never a pointer (the verifier refuses to cut or narrowly store a pointer).</summary>
    public static bool IsInteger(IrValue value) => OriginOf(value, depth: 0).Kind == OriginKind.Integer;

    /// <summary>Whether the value is known to point into the packet (a load through it reads packet bytes).</summary>
    public static bool PointsIntoPacket(IrValue value) => OriginOf(value, depth: 0).Kind == OriginKind.Packet;

    /// <summary>
    /// Whether a call passed the value might write packet bytes or move the packet through it: anything but an
    /// integer, a stack address, a map value or a map's address (bpf_xdp_adjust_head is passed the context).
    /// </summary>
    public static bool MayReachPacket(IrValue value) =>
        value is not IrInstruction { Opcode: IrOpcode.SymbolAddress }
        && OriginOf(value, depth: 0).Kind is not (OriginKind.Integer or OriginKind.Frame or OriginKind.MapValue);

    private static Origin OriginOf(object value) => value switch
    {
        FrameObject frame => new Origin(OriginKind.Frame, frame),
        IrValue irValue => OriginOf(irValue, depth: 0),
        _ => new Origin(OriginKind.Unknown),
    };

    private static Origin OriginOf(IrValue value, int depth)
    {
        if (depth > 8)
            return new Origin(OriginKind.Unknown);
        switch (value)
        {
            case IrConstant:
            case IrInstruction { Wide: false }:
                return new Origin(OriginKind.Integer);
            case IrInstruction { Opcode: IrOpcode.FrameAddress } frame:
                return new Origin(OriginKind.Frame, frame.Frame);
            // A 32-bit context field read as a pointer: xdp_md or __sk_buff data, which the verifier rewrites to a packet pointer.
            case IrInstruction { Opcode: IrOpcode.Load, Size: 4 } load when load.Operands[0] is IrInstruction { Opcode: IrOpcode.Parameter, Immediate: 0 }:
                return new Origin(OriginKind.Packet);
            case IrInstruction { Opcode: IrOpcode.CallHelper, Immediate: MapLookupElem }:
                return new Origin(OriginKind.MapValue);
            case IrInstruction { Opcode: IrOpcode.Copy } copy:
                return OriginOf(copy.Operands[0], depth + 1);
            case IrInstruction { Opcode: IrOpcode.Add or IrOpcode.Sub } sum:
            {
                var left = OriginOf(sum.Operands[0], depth + 1);
                var right = OriginOf(sum.Operands[1], depth + 1);
                if (right.Kind == OriginKind.Integer)
                    return left;
                if (left.Kind == OriginKind.Integer && sum.Opcode == IrOpcode.Add)
                    return right;
                return new Origin(OriginKind.Unknown);
            }
            case IrInstruction { Opcode: IrOpcode.SignExtend or IrOpcode.ZeroExtend or IrOpcode.Mul or IrOpcode.ShiftLeft or IrOpcode.ShiftRightUnsigned
                or IrOpcode.ShiftRightSigned or IrOpcode.And or IrOpcode.Or or IrOpcode.Xor or IrOpcode.Not or IrOpcode.Negate or IrOpcode.ByteSwap
                or IrOpcode.DivUnsigned or IrOpcode.RemUnsigned or IrOpcode.DivSigned or IrOpcode.RemSigned or IrOpcode.Compare }:
                return new Origin(OriginKind.Integer);
            default:
                return new Origin(OriginKind.Unknown);
        }
    }
}
