using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>The optimisation passes, run in turn until none changes anything.</summary>
internal static class Optimizer
{
    private static readonly Func<IrFunction, bool>[] Passes =
    [
        PhiSimplification.Run,
        Simplification.Run,
        AddressFolding.Run,
        ContextLoadReuse.Run,
        LoadForwarding.Run,
        PacketReload.Run,
        ComputationReuse.Run,
        SymbolAddressReuse.Run,
        DeadCodeElimination.Run,
        JumpThreading.Run,
        BlockMerging.Run,
        ReturnDuplication.Run,
        ReturnMerging.Run,
        LoopUnrolling.Run,
        CopyMerging.Run,
        ByteSwapFolding.Run,
        TailMerging.Run,
    ];

    public static void Run(IrFunction function)
    {
        Settle(function);
        // Rotation copies loop tests, which unrolling should see as written first: it runs once the rest has settled.
        if (LoopRotation.Run(function) | LoopStrengthReduction.Run(function))
            Settle(function);
    }

    private static void Settle(IrFunction function)
    {
        for (int round = 0; round < 20; round++)
        {
            bool changed = false;
            foreach (var pass in Passes)
                changed |= pass(function);
            if (!changed)
                return;
        }
    }
}
