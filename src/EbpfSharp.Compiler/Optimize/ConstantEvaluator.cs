using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>Computes an operation on constants exactly as the eBPF instruction (and the IL) would.</summary>
internal static class ConstantEvaluator
{
    public static IrConstant? Evaluate(IrInstruction instruction)
    {
        var operands = instruction.Operands;
        if (operands.Count == 0 || operands.Any(operand => operand is not IrConstant))
            return null;
        long a = ((IrConstant)operands[0]).Value;
        long b = operands.Count > 1 ? ((IrConstant)operands[1]).Value : 0;
        bool wide = instruction.Wide;
        long? result = instruction.Opcode switch
        {
            IrOpcode.Copy => a,
            IrOpcode.Add => a + b,
            IrOpcode.Sub => a - b,
            IrOpcode.Mul => a * b,
            IrOpcode.And => a & b,
            IrOpcode.Or => a | b,
            IrOpcode.Xor => a ^ b,
            IrOpcode.Negate => -a,
            IrOpcode.Not => ~a,
            IrOpcode.ShiftLeft => a << (int)(b & (wide ? 63 : 31)),
            IrOpcode.ShiftRightUnsigned => wide ? (long)((ulong)a >> (int)(b & 63)) : (long)((uint)a >> (int)(b & 31)),
            IrOpcode.ShiftRightSigned => wide ? a >> (int)(b & 63) : (int)a >> (int)(b & 31),
            // Division by zero is left to run (eBPF defines it; the CLR would throw).
            IrOpcode.DivUnsigned when b != 0 => wide ? (long)((ulong)a / (ulong)b) : (uint)a / (uint)b,
            IrOpcode.RemUnsigned when b != 0 => wide ? (long)((ulong)a % (ulong)b) : (uint)a % (uint)b,
            IrOpcode.DivSigned when b != 0 && !(wide ? a == long.MinValue && b == -1 : (int)a == int.MinValue && (int)b == -1) =>
                wide ? a / b : (int)a / (int)b,
            IrOpcode.RemSigned when b != 0 && !(wide ? b == -1 : (int)b == -1) => wide ? a % b : (int)a % (int)b,
            IrOpcode.SignExtend => instruction.Size switch { 1 => (sbyte)a, 2 => (short)a, _ => (int)a },
            IrOpcode.ZeroExtend => instruction.Size switch { 1 => (byte)a, 2 => (ushort)a, _ => (uint)a },
            IrOpcode.ByteSwap => instruction.Size switch
            {
                2 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)a),
                4 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)a),
                _ => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a),
            },
            IrOpcode.Compare => instruction.Condition.Evaluate(a, b, instruction.Size == 8) ? 1 : 0,
            _ => null,
        };
        return result is { } value ? IrConstant.Of(value, wide) : null;
    }
}
