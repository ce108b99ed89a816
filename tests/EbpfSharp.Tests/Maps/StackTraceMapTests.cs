using System.Runtime.CompilerServices;
using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public class StackTraceMapTests
{
    private static readonly RawTracepointContext Packet = RawTracepointContext.ForArguments(1, 2);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long FromSiteA(StackTraceMap map, StackTraceFlags flags = StackTraceFlags.None, int skip = 0) =>
        map.GetStackId(Packet, flags, skip);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long FromSiteB(StackTraceMap map, StackTraceFlags flags = StackTraceFlags.None) =>
        map.GetStackId(Packet, flags);

    [Fact]
    public void The_same_stack_gets_the_same_id()
    {
        var map = new StackTraceMap(maxEntries: 64);
        var ids = new List<long>();

        for (int i = 0; i < 2; i++)
            ids.Add(FromSiteA(map));   // one call site: the same stack twice

        Assert.True(ids[0] >= 0);
        Assert.Equal(ids[0], ids[1]);
        Assert.Single(map.ContentBytes());
    }

    [Fact]
    public void The_stored_stack_starts_at_the_caller_and_is_padded_to_the_depth()
    {
        var map = new StackTraceMap(maxEntries: 64, depth: 127);

        long id = FromSiteA(map);

        var (key, value) = Assert.Single(map.ContentBytes());
        Assert.Equal(Key((uint)id), key);
        Assert.Equal(127 * 8, value.Length);
        Assert.NotEqual(0ul, BitConverter.ToUInt64(value));
        Assert.Equal(0ul, BitConverter.ToUInt64(value, 126 * 8));
    }

    [Fact]
    public void Depth_limits_the_frames_kept()
    {
        var map = new StackTraceMap(maxEntries: 64, depth: 2);

        FromSiteA(map);

        var value = Assert.Single(map.ContentBytes()).Value;
        Assert.Equal(16, value.Length);
        Assert.NotEqual(0ul, BitConverter.ToUInt64(value, 8));
    }

    [Fact]
    public void Another_stack_in_a_taken_bucket_is_EEXIST_unless_ReuseId()
    {
        var map = new StackTraceMap(maxEntries: 1);   // one bucket

        Assert.Equal(0, FromSiteA(map));
        Assert.Equal(EEXIST, FromSiteB(map));
        Assert.Equal(0, FromSiteB(map, StackTraceFlags.ReuseId));
        Assert.Equal(EEXIST, FromSiteA(map));
    }

    [Fact]
    public void Skipping_more_frames_than_the_stack_has_is_EFAULT()
    {
        var map = new StackTraceMap(maxEntries: 4);

        Assert.Equal(EFAULT, FromSiteA(map, skip: 255));
        Assert.Empty(map.ContentBytes());
    }

    [Fact]
    public void Skip_leaves_frames_off_the_top()
    {
        var map = new StackTraceMap(maxEntries: 1024);
        var ids = new List<long>();

        foreach (int skip in new[] { 0, 1 })
            ids.Add(FromSiteA(map, skip: skip));

        var frames = map.ContentBytes().ToDictionary(entry => (long)BitConverter.ToUInt32(entry.Key), entry => entry.Value);
        Assert.Equal(frames[ids[0]].AsSpan(8, 8).ToArray(), frames[ids[1]].AsSpan(0, 8).ToArray());
    }

    [Fact]
    public void Unknown_flags_are_EINVAL()
    {
        var map = new StackTraceMap(maxEntries: 4);

        Assert.Equal(EINVAL, StackTraceMap.GetStackIdRaw(Packet, map, 1ul << 11));
    }

    [Fact]
    public void Clear_forgets_the_stacks()
    {
        var map = new StackTraceMap(maxEntries: 1);
        FromSiteA(map);

        map.Clear();

        Assert.Empty(map.ContentBytes());
        Assert.Equal(0, FromSiteB(map));
    }
}
