using System.Runtime.InteropServices;
using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// A global variable of a loaded object (<c>.data</c>, <c>.bss</c> or <c>.rodata</c>), read and written as
/// <typeparamref name="T"/> while programs run. Obtained from <see cref="BpfObject.Variable{T}(string)"/>.
/// </summary>
/// <typeparam name="T">The variable's type, with the C layout; its size is checked against the variable's.</typeparam>
/// <remarks>
/// Reads and writes go through the data map's memory mapping, which the <see cref="BpfObject"/> keeps open
/// until it is disposed, so they cost no syscall and touch only this variable's bytes. Programs see a write at
/// once. After the object is disposed, <see cref="Value"/> throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed class GlobalVariable<T> where T : unmanaged
{
    private readonly BpfObject _owner;
    private readonly BpfMap _map;

    internal GlobalVariable(BpfObject owner, GlobalVariableSpec spec, BpfMap map, string sectionName)
    {
        _owner = owner;
        _map = map;
        Spec = spec;
        SectionName = sectionName;
    }

    /// <summary>The variable's name.</summary>
    public string Name => Spec.Name;

    /// <summary>Where the variable lives: its data map, offset, size and BTF type.</summary>
    public GlobalVariableSpec Spec { get; }

    /// <summary>The section it was declared in: <c>.data</c>, <c>.bss</c> or <c>.rodata</c>.</summary>
    public string SectionName { get; }

    /// <summary>
    /// Whether programs and the host can only read it: <c>.rodata</c> is frozen at load, and the verifier treats its
    /// values as constants. Set such variables before loading with <see cref="ObjectSpec.Variable{T}(string)"/>.
    /// </summary>
    public bool IsReadOnly => _map.Flags.HasFlag(BpfMapFlags.ReadOnlyProgram);

    /// <summary>The variable's value as programs see it now; setting it changes what they see next.</summary>
    /// <exception cref="InvalidOperationException">Setting a <c>.rodata</c> variable, which is frozen once loaded.</exception>
    /// <exception cref="ObjectDisposedException">The object has been disposed.</exception>
    public T Value
    {
        get
        {
            if (_owner.DataMemory(_map) is { } memory)
                return MemoryMarshal.Read<T>(memory.ReadOnlySpan.Slice(Spec.Offset, Spec.Size));
            var image = Image();
            return MemoryMarshal.Read<T>(image.AsSpan(Spec.Offset, Spec.Size));
        }
        set
        {
            if (IsReadOnly)
                throw new InvalidOperationException(
                    $"Variable '{Name}' is in {SectionName}, which is frozen once loaded; set it with ObjectSpec.Variable<T>(\"{Name}\").Value (or SetVariable) before loading.");
            if (_owner.DataMemory(_map) is { } memory)
            {
                MemoryMarshal.Write(memory.Span.Slice(Spec.Offset, Spec.Size), in value);
                return;
            }
            // A data map without BPF_F_MMAPABLE: read, patch and write back the whole value.
            var image = Image();
            MemoryMarshal.Write(image.AsSpan(Spec.Offset, Spec.Size), in value);
            _map.Update(stackalloc byte[sizeof(uint)], image);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{SectionName} variable '{Name}' ({typeof(T).Name})";

    private byte[] Image()
    {
        var image = new byte[_map.ValueSize];
        _map.TryLookup(stackalloc byte[sizeof(uint)], image);
        return image;
    }
}
