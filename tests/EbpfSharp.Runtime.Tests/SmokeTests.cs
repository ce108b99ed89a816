using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests;

public class SmokeTests
{
    [KernelFact]
    public void Creating_an_array_map_returns_an_open_descriptor()
    {
        using var map = BpfMap.Create(new MapDefinition("smoke", BpfMapType.Array, 4, 8, 4));
        Assert.False(map.Handle.IsInvalid);
        Assert.True(map.Handle.Value > 2);
    }
}
