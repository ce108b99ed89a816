using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime;

/// <summary>
/// A global variable of an object that is not loaded yet, typically a <c>const volatile</c> setting in
/// <c>.rodata</c>: <see cref="Value"/> reads and writes its initial value, which <see cref="ObjectSpec.Load"/>
/// writes into the data map. Obtained from <see cref="ObjectSpec.Variable{T}(string)"/>.
/// </summary>
/// <typeparam name="T">The variable's type, with the C layout; its size is checked against the variable's.</typeparam>
public sealed class ConfigVariable<T> where T : unmanaged
{
    private readonly MapSpec _map;

    internal ConfigVariable(GlobalVariableSpec spec, MapSpec map)
    {
        Spec = spec;
        _map = map;
    }

    /// <summary>The variable's name.</summary>
    public string Name => Spec.Name;

    /// <summary>Where the variable lives: its data map, offset, size and BTF type.</summary>
    public GlobalVariableSpec Spec { get; }

    /// <summary>The value the variable will have when the object is loaded.</summary>
    /// <exception cref="InvalidOperationException">The data map's <see cref="MapSpec.InitialValue"/> has been set to null.</exception>
    public T Value
    {
        get => MemoryMarshal.Read<T>(Bytes);
        set => MemoryMarshal.Write(Bytes, in value);
    }

    private Span<byte> Bytes => (_map.InitialValue
        ?? throw new InvalidOperationException($"Variable '{Name}' lives in {_map.SectionName}, which has no initial value to set.")).AsSpan(Spec.Offset, Spec.Size);

    /// <inheritdoc />
    public override string ToString() => $"variable '{Name}' ({typeof(T).Name}) before loading";
}
