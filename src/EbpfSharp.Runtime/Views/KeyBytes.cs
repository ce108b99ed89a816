using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime;

/// <summary>
/// A key's bytes as the kernel compares them: every byte, padding included. The views write keys with their
/// padding zeroed, as programs compiled by EbpfSharp do (they copy keys to zeroed stack memory), so a key
/// whose padding happens to hold garbage still finds its entry.
/// </summary>
internal static class KeyBytes<TKey> where TKey : unmanaged
{
    /// <summary>0xFF for each byte that belongs to a field, 0 for padding; null when there is no padding.</summary>
    private static readonly byte[]? FieldMask = ComputeFieldMask();

    /// <summary>Whether <typeparamref name="TKey"/> has bytes that belong to no field.</summary>
    public static bool HasPadding => FieldMask is not null;

    /// <summary>Writes <paramref name="key"/> into <paramref name="destination"/> (sizeof(TKey) bytes) with its padding zeroed.</summary>
    public static void Write(in TKey key, Span<byte> destination)
    {
        MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)).CopyTo(destination);
        if (FieldMask is { } mask)
            for (int i = 0; i < mask.Length; i++)
                destination[i] &= mask[i];
    }

    /// <summary>
    /// Copies a key whose bytes are all 0xFF field by field, with reflection, into a zeroed one: bytes left zero
    /// belong to no field. Nested structs are copied the same way; fixed buffers and inline arrays count as data.
    /// </summary>
    private static byte[]? ComputeFieldMask()
    {
        if (typeof(TKey).IsPrimitive || typeof(TKey).IsEnum || typeof(TKey).IsPointer)
            return null;
        try
        {
            Span<byte> ones = stackalloc byte[Unsafe.SizeOf<TKey>()];
            ones.Fill(0xFF);
            object source = MemoryMarshal.Read<TKey>(ones);
            object target = default(TKey);
            CopyFields(source, target, typeof(TKey));
            var bytes = MemoryMarshal.AsBytes(new Span<TKey>(ref Unsafe.Unbox<TKey>(target)));
            if (!bytes.Contains((byte)0))
                return null;
            var mask = new byte[bytes.Length];
            for (int i = 0; i < mask.Length; i++)
                mask[i] = bytes[i] == 0 ? (byte)0 : (byte)0xFF;
            return mask;
        }
        catch (Exception exception) when (exception is MemberAccessException or ArgumentException or NotSupportedException or TargetException)
        {
            return null;    // a layout reflection cannot copy: keys are passed as they are
        }
    }

    private static void CopyFields(object source, object target, Type type)
    {
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            object? value = field.GetValue(source);
            if (value is not null && IsComposite(field))
            {
                object nested = Activator.CreateInstance(field.FieldType)!;
                CopyFields(value, nested, field.FieldType);
                value = nested;
            }
            field.SetValue(target, value);
        }
    }

    private static bool IsComposite(FieldInfo field) =>
        field.FieldType is { IsValueType: true, IsPrimitive: false, IsEnum: false, IsPointer: false } type
        && !field.IsDefined(typeof(FixedBufferAttribute))
        && !type.IsDefined(typeof(InlineArrayAttribute))
        && type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length > 0;
}
