namespace EbpfSharp.Compiler.Ir;

internal static class IrConditionExtensions
{
    /// <summary>The condition with its operands swapped: a &lt; b is b &gt; a.</summary>
    public static IrCondition Swap(this IrCondition condition) => condition switch
    {
        IrCondition.LessUnsigned => IrCondition.GreaterUnsigned,
        IrCondition.LessOrEqualUnsigned => IrCondition.GreaterOrEqualUnsigned,
        IrCondition.GreaterUnsigned => IrCondition.LessUnsigned,
        IrCondition.GreaterOrEqualUnsigned => IrCondition.LessOrEqualUnsigned,
        IrCondition.Less => IrCondition.Greater,
        IrCondition.LessOrEqual => IrCondition.GreaterOrEqual,
        IrCondition.Greater => IrCondition.Less,
        IrCondition.GreaterOrEqual => IrCondition.LessOrEqual,
        _ => condition,
    };

    /// <summary>The condition that holds exactly when this one does not.</summary>
    public static IrCondition Negate(this IrCondition condition) => condition switch
    {
        IrCondition.Equal => IrCondition.NotEqual,
        IrCondition.NotEqual => IrCondition.Equal,
        IrCondition.LessUnsigned => IrCondition.GreaterOrEqualUnsigned,
        IrCondition.LessOrEqualUnsigned => IrCondition.GreaterUnsigned,
        IrCondition.GreaterUnsigned => IrCondition.LessOrEqualUnsigned,
        IrCondition.GreaterOrEqualUnsigned => IrCondition.LessUnsigned,
        IrCondition.Less => IrCondition.GreaterOrEqual,
        IrCondition.LessOrEqual => IrCondition.Greater,
        IrCondition.Greater => IrCondition.LessOrEqual,
        _ => IrCondition.Less,
    };

    public static bool IsSigned(this IrCondition condition) => condition >= IrCondition.Less;

    /// <summary>Evaluates the condition on two values of the given width.</summary>
    public static bool Evaluate(this IrCondition condition, long a, long b, bool wide)
    {
        long sa = wide ? a : (int)a, sb = wide ? b : (int)b;
        ulong ua = wide ? (ulong)a : (uint)a, ub = wide ? (ulong)b : (uint)b;
        return condition switch
        {
            IrCondition.Equal => ua == ub,
            IrCondition.NotEqual => ua != ub,
            IrCondition.LessUnsigned => ua < ub,
            IrCondition.LessOrEqualUnsigned => ua <= ub,
            IrCondition.GreaterUnsigned => ua > ub,
            IrCondition.GreaterOrEqualUnsigned => ua >= ub,
            IrCondition.Less => sa < sb,
            IrCondition.LessOrEqual => sa <= sb,
            IrCondition.Greater => sa > sb,
            _ => sa >= sb,
        };
    }
}
