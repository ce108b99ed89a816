using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Import;

/// <summary>
/// Builds SSA form while the IL is imported (Braun et al., "Simple and Efficient Construction of Static
/// Single Assignment Form", CC 2013): each variable's current value is tracked per block; reads in a block
/// without a definition look through predecessors, placing phis at merges, and incomplete phis in blocks
/// whose predecessors are not all known yet. Trivial phis are removed afterwards by <see cref="Optimize.PhiSimplification"/>.
/// </summary>
internal sealed class SsaBuilder(IrFunction function)
{
    private readonly Dictionary<Variable, Dictionary<IrBlock, IrValue>> _definitions = [];
    private readonly HashSet<IrBlock> _sealed = [];
    private readonly Dictionary<IrBlock, List<(Variable Variable, IrInstruction Phi)>> _incomplete = [];

    public void Write(Variable variable, IrBlock block, IrValue value)
    {
        if (!_definitions.TryGetValue(variable, out var byBlock))
            _definitions[variable] = byBlock = [];
        byBlock[block] = value;
    }

    public bool IsDefinedIn(Variable variable, IrBlock block) =>
        _definitions.TryGetValue(variable, out var byBlock) && byBlock.ContainsKey(block);

    public IrValue Read(Variable variable, IrBlock block)
    {
        if (_definitions.TryGetValue(variable, out var byBlock) && byBlock.TryGetValue(block, out var value))
            return value;
        return ReadRecursive(variable, block);
    }

    public bool IsSealed(IrBlock block) => _sealed.Contains(block);

    /// <summary>Marks that <paramref name="block"/> gets no more predecessors, completing its pending phis.</summary>
    public void Seal(IrBlock block)
    {
        if (!_sealed.Add(block))
            return;
        if (_incomplete.Remove(block, out var pending))
            foreach (var (variable, phi) in pending)
                AddOperands(variable, phi);
    }

    private IrValue ReadRecursive(Variable variable, IrBlock block)
    {
        IrValue value;
        if (!_sealed.Contains(block))
        {
            var phi = NewPhi(variable, block);
            if (!_incomplete.TryGetValue(block, out var pending))
                _incomplete[block] = pending = [];
            pending.Add((variable, phi));
            value = phi;
        }
        else if (block.Predecessors.Count == 0)
        {
            // Read before any write: locals start zeroed (localsinit), and C# definite assignment hides the rest.
            value = IrConstant.Of(0, variable.Type.Wide);
        }
        else if (block.Predecessors.Count == 1)
        {
            value = Read(variable, block.Predecessors[0]);
        }
        else
        {
            var phi = NewPhi(variable, block);
            Write(variable, block, phi);
            AddOperands(variable, phi);
            value = phi;
        }
        Write(variable, block, value);
        return value;
    }

    private IrInstruction NewPhi(Variable variable, IrBlock block)
    {
        var phi = function.New(IrOpcode.Phi, variable.Type.Wide);
        phi.Block = block;
        block.Instructions.Insert(block.Phis.Count(), phi);
        return phi;
    }

    private void AddOperands(Variable variable, IrInstruction phi)
    {
        foreach (var predecessor in phi.Block.Predecessors)
            phi.Operands.Add(Read(variable, predecessor));
    }
}
