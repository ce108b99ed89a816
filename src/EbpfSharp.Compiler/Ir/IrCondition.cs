namespace EbpfSharp.Compiler.Ir;

/// <summary>A comparison, signed or unsigned.</summary>
internal enum IrCondition
{
    Equal, NotEqual,
    LessUnsigned, LessOrEqualUnsigned, GreaterUnsigned, GreaterOrEqualUnsigned,
    Less, LessOrEqual, Greater, GreaterOrEqual,
}
