using System.Buffers.Binary;
using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class MappedMemoryTests
{
    private static BpfMap CreateGlobals(BpfMapFlags extra = BpfMapFlags.None) =>
        BpfMap.Create(new MapDefinition("globals", BpfMapType.Array, 4, 12, 3, BpfMapFlags.Mmapable | extra));

    [KernelFact]
    public void Writes_through_the_span_are_seen_by_lookup()
    {
        using var map = CreateGlobals();
        using var memory = map.Map();

        BinaryPrimitives.WriteInt32LittleEndian(memory.Span[(2 * memory.ElementStride)..], 1234);

        var value = new byte[12];
        Assert.True(map.TryLookup(BitConverter.GetBytes(2), value));
        Assert.Equal(1234, BinaryPrimitives.ReadInt32LittleEndian(value));
    }

    [KernelFact]
    public void Updates_through_the_syscall_are_seen_in_the_span()
    {
        using var map = CreateGlobals();
        using var memory = map.Map();
        var value = new byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(4), 0x1122334455667788);

        map.Update(BitConverter.GetBytes(1), value);

        Assert.Equal(value, memory.ReadOnlySpan.Slice(memory.ElementStride, 12).ToArray());
    }

    [KernelFact]
    public void The_mapping_covers_whole_pages_with_8_byte_element_strides()
    {
        using var map = CreateGlobals();
        using var memory = map.Map();

        Assert.Equal(16, memory.ElementStride);
        Assert.Equal(Environment.SystemPageSize, memory.Length);
        Assert.False(memory.IsReadOnly);
    }

    [KernelFact]
    public void A_frozen_map_maps_read_only_and_refuses_writes()
    {
        using var map = CreateGlobals();
        map.Update(BitConverter.GetBytes(0), [7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        map.Freeze();

        using var memory = map.Map();

        Assert.True(memory.IsReadOnly);
        Assert.Equal(7, memory.ReadOnlySpan[0]);
        var error = Assert.Throws<InvalidOperationException>(() => memory.Span.Length);
        Assert.Contains("read-only", error.Message);
    }

    [KernelFact]
    public void A_read_only_for_programs_map_maps_read_only()
    {
        using var map = CreateGlobals(BpfMapFlags.ReadOnlyProgram);
        using var memory = map.Map();

        Assert.True(memory.IsReadOnly);
    }

    [KernelFact]
    public void Freezing_while_a_writable_mapping_is_open_is_a_conflict()
    {
        using var map = CreateGlobals();
        var memory = map.Map();

        var error = Assert.Throws<BpfConflictException>(map.Freeze);
        Assert.Contains("dispose the MappedMemory", error.Message);

        memory.Dispose();
        map.Freeze();
    }

    [KernelFact]
    public void A_disposed_mapping_refuses_access()
    {
        using var map = CreateGlobals();
        var memory = map.Map();

        memory.Dispose();
        memory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => memory.ReadOnlySpan.Length);
    }

    [KernelFact]
    public void The_mapping_stays_valid_after_the_map_is_disposed()
    {
        var map = CreateGlobals();
        using var memory = map.Map();
        map.Dispose();

        memory.Span[0] = 5;

        Assert.Equal(5, memory.ReadOnlySpan[0]);
    }

    [KernelFact]
    public void Maps_without_the_mmapable_flag_cannot_be_mapped()
    {
        using var map = BpfMap.Create(new MapDefinition("plain", BpfMapType.Array, 4, 4, 1));

        var error = Assert.Throws<InvalidOperationException>(map.Map);
        Assert.Contains("Mmapable", error.Message);
    }
}
