using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// A view of a program array, the jump table of tail calls: slot <c>i</c> holds the program that
/// <c>bpf_tail_call(ctx, map, i)</c> jumps to, or nothing (the call then falls through).
/// </summary>
/// <remarks>
/// The map keeps its own reference to each stored program, so the <see cref="BpfProgram"/> may be disposed
/// afterwards. The view does not own the map unless constructed with <c>ownsMap: true</c>.
/// </remarks>
public sealed class ProgramArrayView : IDisposable
{
    private const string ViewName = nameof(ProgramArrayView);
    private readonly bool _ownsMap;

    /// <summary>Views <paramref name="map"/>.</summary>
    /// <param name="map">A ProgramArray map (4-byte keys and values).</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map is not a program array.</exception>
    public ProgramArrayView(BpfMap map, bool ownsMap = false)
    {
        ViewShape.CheckType(map, ViewName, BpfMapType.ProgramArray);
        ViewShape.CheckSizes(map, ViewName, sizeof(uint), typeof(uint), sizeof(uint), typeof(uint));
        Map = map;
        _ownsMap = ownsMap;
    }

    /// <summary>The underlying map.</summary>
    public BpfMap Map { get; }

    /// <summary>The number of slots (<see cref="BpfMap.MaxEntries"/>).</summary>
    public int Count => Map.MaxEntries;

    /// <summary>Stores <paramref name="value"/> in slot <paramref name="index"/>, replacing what was there; null empties the slot.</summary>
    /// <exception cref="BpfLimitException">The index is past the end.</exception>
    /// <exception cref="BpfInvalidArgumentException">
    /// The kernel refused the program: its type differs from the programs the array was first used with, or it is
    /// not a program that can be tail-called.
    /// </exception>
    public BpfProgram? this[uint index]
    {
        set
        {
            if (value is null)
            {
                Remove(index);
                return;
            }
            using var lease = value.Handle.Borrow();
            Map.Update(index, lease.Fd);
        }
    }

    /// <summary>Empties slot <paramref name="index"/>.</summary>
    /// <returns>False when the slot was already empty.</returns>
    public bool Remove(uint index) => Map.Delete(index);

    /// <summary>Whether slot <paramref name="index"/> holds a program.</summary>
    public bool Contains(uint index) => Map.TryLookup(index, out uint _);   // the kernel answers with the program's id

    /// <summary>Disposes the map if the view owns it; otherwise does nothing.</summary>
    public void Dispose()
    {
        if (_ownsMap)
            Map.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{ViewName} over {Map}";
}
