using EbpfSharp.Compiler.Ir;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// The linear positions at which a register's value is live: one range per block it lives in, adjacent ones
/// merged, so a value live before and after a block laid out in between (the other side of a branch) leaves its
/// register free there.
/// </summary>
internal sealed class LiveInterval(IrInstruction register)
{
    public IrInstruction Register { get; } = register;

    public int Start { get; set; } = int.MaxValue;

    public int End { get; set; } = int.MinValue;

    /// <summary>Live across a call: must be in a callee-saved register (R6–R9) or spilled.</summary>
    public bool CrossesCall { get; set; }

    /// <summary>A reload or spill-store temporary: never spilled again.</summary>
    public bool Unspillable { get; set; }

    /// <summary>Nothing writes R0 while the value lives (see <see cref="CallConstraints"/>).</summary>
    public bool AllowsR0 { get; set; }

    /// <summary>Registers that would save a move, best first: an entry parameter's or call argument's register, R0 for a call result or returned value.</summary>
    public List<Register> Hints { get; } = [];

    /// <summary>The result of a two-address instruction at which this value dies: sharing its register saves a move.</summary>
    public LiveInterval? Successor { get; set; }

    /// <summary>The position of the (last) instruction that defines the register.</summary>
    public int DefinedAt { get; set; }

    /// <summary>Sorted, disjoint, inclusive ranges.</summary>
    public List<(int Start, int End)> Ranges { get; } = [];

    /// <summary>Adds a range at or after every range added so far (blocks are visited in layout order).</summary>
    public void Add(int start, int end)
    {
        if (Ranges.Count > 0 && start <= Ranges[^1].End + 1)
            Ranges[^1] = (Ranges[^1].Start, Math.Max(Ranges[^1].End, end));
        else
            Ranges.Add((start, end));
        Start = Math.Min(Start, start);
        End = Math.Max(End, end);
    }

    public bool Covers(int position) => Ranges.Any(range => range.Start <= position && position <= range.End);

    public bool Overlaps(LiveInterval other)
    {
        if (other.End < Start || End < other.Start)
            return false;
        int i = 0, j = 0;
        while (i < Ranges.Count && j < other.Ranges.Count)
        {
            var (a, b) = (Ranges[i], other.Ranges[j]);
            if (a.End < b.Start)
                i++;
            else if (b.End < a.Start)
                j++;
            else
                return true;
        }
        return false;
    }

    public override string ToString() => $"v{Register.Id} [{Start}, {End}]{(CrossesCall ? " call" : "")}";
}
