using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>
/// A static field of a corpus class that is global data in its object: mutable fields live in <c>.bss</c> or
/// <c>.data</c>, <c>static readonly</c> primitives in <c>.rodata</c>. Reads and writes its CLR value as the bytes
/// the kernel holds.
/// </summary>
public sealed class GlobalField
{
    private static readonly MethodInfo ToBytesMethod = typeof(GlobalField).GetMethod(nameof(ToBytes), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FromBytesMethod = typeof(GlobalField).GetMethod(nameof(FromBytes), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly FieldInfo _field;
    private readonly Func<object, byte[]> _toBytes;
    private readonly Func<byte[], object> _fromBytes;

    public GlobalField(FieldInfo field)
    {
        _field = field;
        _toBytes = ToBytesMethod.MakeGenericMethod(field.FieldType).CreateDelegate<Func<object, byte[]>>();
        _fromBytes = FromBytesMethod.MakeGenericMethod(field.FieldType).CreateDelegate<Func<byte[], object>>();
        Initial = Read();
    }

    /// <summary>The field's name, which is also its symbol in the object.</summary>
    public string Name => _field.Name;

    /// <summary>True for <c>static readonly</c> fields (<c>.rodata</c>), which cannot be reset.</summary>
    public bool IsReadOnly => _field.IsInitOnly;

    /// <summary>The value when the class was first inspected, before any program ran.</summary>
    public byte[] Initial { get; }

    /// <summary>The CLR value's bytes.</summary>
    public byte[] Read() => _toBytes(_field.GetValue(null)!);

    /// <summary>Puts the field back to its initial value.</summary>
    public void Reset()
    {
        if (!IsReadOnly)
            _field.SetValue(null, _fromBytes(Initial));
    }

    private static byte[] ToBytes<T>(object value) where T : unmanaged
    {
        T typed = (T)value;
        return MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in typed)).ToArray();
    }

    private static object FromBytes<T>(byte[] bytes) where T : unmanaged => MemoryMarshal.Read<T>(bytes);

    /// <summary>Whether a static field is global data rather than a map, a constant or compiler bookkeeping.</summary>
    public static bool IsGlobal(FieldInfo field) =>
        field.IsStatic && !field.IsLiteral && !typeof(ProgramMap).IsAssignableFrom(field.FieldType)
        && field.GetCustomAttribute<CompilerGeneratedAttribute>() is null && field.FieldType.IsValueType;
}
