using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class ArgumentValidationTests
{
    [KernelFact]
    public void A_key_buffer_of_the_wrong_size_names_the_map_and_expected_size()
    {
        using var map = BpfMap.Create(new MapDefinition("sized", BpfMapType.Hash, 4, 8, 4));

        var error = Assert.Throws<ArgumentException>(() => map.TryLookup(new byte[8], new byte[8]));

        Assert.Equal("key", error.ParamName);
        Assert.Contains("'sized'", error.Message);
        Assert.Contains("4-byte keys", error.Message);
    }

    [KernelFact]
    public void A_value_buffer_of_the_wrong_size_names_the_map_and_expected_size()
    {
        using var map = BpfMap.Create(new MapDefinition("sized_value", BpfMapType.Hash, 4, 8, 4));

        var error = Assert.Throws<ArgumentException>(() => map.Update(new byte[4], new byte[4]));

        Assert.Equal("value", error.ParamName);
        Assert.Contains("8-byte values", error.Message);
    }

    [KernelFact]
    public void A_per_cpu_value_buffer_must_hold_every_cpu()
    {
        using var map = BpfMap.Create(new MapDefinition("sized_percpu", BpfMapType.PerCpuArray, 4, 4, 4));

        var error = Assert.Throws<ArgumentException>(() => map.TryLookup(new byte[4], new byte[4]));

        Assert.Contains($"= {map.ValueBufferSize} bytes (ValueBufferSize)", error.Message);
    }

    [KernelFact]
    public void Typed_access_with_a_wrong_sized_struct_names_both_sizes()
    {
        using var map = BpfMap.Create(new MapDefinition("typed_size", BpfMapType.Hash, 4, 8, 4));

        var keyError = Assert.Throws<ArgumentException>(() => map.Update(1L, 1L));
        Assert.Contains("Int64 is 8 bytes", keyError.Message);
        Assert.Contains("4-byte keys", keyError.Message);
        var valueError = Assert.Throws<ArgumentException>(() => map.TryLookup(1, out int _));
        Assert.Contains("Int32 is 4 bytes", valueError.Message);
        Assert.Contains("8-byte values", valueError.Message);
    }

    [KernelFact]
    public void Every_operation_on_a_disposed_map_throws_object_disposed()
    {
        var map = BpfMap.Create(new MapDefinition("disposed", BpfMapType.Hash, 4, 4, 4));
        map.Dispose();

        Assert.Throws<ObjectDisposedException>(() => map.TryLookup(1, out int _));
        Assert.Throws<ObjectDisposedException>(() => map.Update(1, 1));
        Assert.Throws<ObjectDisposedException>(() => map.Delete(1));
        Assert.Throws<ObjectDisposedException>(() => map.Keys().ToList());
        Assert.Throws<ObjectDisposedException>(() => map.LookupAll());
        Assert.Throws<ObjectDisposedException>(() => map.GetInfo());
        Assert.Throws<ObjectDisposedException>(map.Freeze);
        Assert.Throws<ObjectDisposedException>(() => map.Pin("/sys/fs/bpf/never"));
    }
}
