using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Emit;

/// <summary>Sequences register moves that happen "at once" (call arguments, entry parameters), breaking cycles through R0.</summary>
internal static class ParallelMove
{
    public static IEnumerable<Instruction> Sequence(IEnumerable<(Register Destination, Register Source)> moves)
    {
        var pending = moves.Where(move => move.Destination != move.Source).Distinct().ToList();
        while (pending.Count > 0)
        {
            int ready = pending.FindIndex(move => !pending.Any(other => other.Source == move.Destination));
            if (ready >= 0)
            {
                var move = pending[ready];
                pending.RemoveAt(ready);
                yield return Alu64.Mov.Reg(move.Destination, move.Source);
                continue;
            }
            // A cycle: park one destination's current value in R0 and read it from there.
            var parked = pending[0].Destination;
            yield return Alu64.Mov.Reg(Register.R0, parked);
            for (int i = 0; i < pending.Count; i++)
                if (pending[i].Source == parked)
                    pending[i] = (pending[i].Destination, Register.R0);
        }
    }
}
