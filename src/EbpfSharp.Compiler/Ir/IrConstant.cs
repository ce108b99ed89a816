namespace EbpfSharp.Compiler.Ir;

/// <summary>An integer constant; 32-bit constants hold their value zero-extended in <see cref="Value"/>.</summary>
internal sealed class IrConstant : IrValue
{
    private IrConstant(long value, bool wide)
    {
        Value = wide ? value : (long)(uint)value;
        Wide = wide;
    }

    public long Value { get; }

    /// <summary>The value as a signed 32-bit integer (for 32-bit constants).</summary>
    public int Int32 => unchecked((int)Value);

    public static IrConstant Of32(long value) => new(value, wide: false);

    public static IrConstant Of64(long value) => new(value, wide: true);

    public static IrConstant Of(long value, bool wide) => new(value, wide);

    public override string ToString() => Wide ? $"{Value}L" : $"{Int32}";
}
