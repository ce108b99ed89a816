using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class PinningTests
{
    [KernelFact]
    public void A_pinned_map_reopens_with_the_same_shape_id_and_contents()
    {
        using var bpffs = new TemporaryBpfFileSystem();
        string path = Path.Combine(bpffs.Root, "counters");
        using var map = BpfMap.Create(new MapDefinition("pinned_counters", BpfMapType.Hash, 4, 8, 32));
        map.Update(5, 55L);

        map.Pin(path);
        using var reopened = BpfMap.OpenPinned(path);

        Assert.Equal(map.GetInfo(), reopened.GetInfo());
        Assert.Equal(map.Id, reopened.Id);
        Assert.Equal("pinned_counters", reopened.Name);
        Assert.Equal((BpfMapType.Hash, 4, 8, 32, BpfMapFlags.None),
            (reopened.Type, reopened.KeySize, reopened.ValueSize, reopened.MaxEntries, reopened.Flags));
        Assert.True(reopened.TryLookup(5, out long value));
        Assert.Equal(55L, value);
        reopened.Update(6, 66L);
        Assert.True(map.TryLookup(6, out value));
    }

    [KernelFact]
    public void A_pin_keeps_the_map_alive_after_every_descriptor_is_closed()
    {
        using var bpffs = new TemporaryBpfFileSystem();
        string path = Path.Combine(bpffs.Root, "survivor");
        using (var map = BpfMap.Create(new MapDefinition("survivor", BpfMapType.Array, 4, 4, 1)))
        {
            map.Update(0, 9);
            map.Pin(path);
        }

        using var reopened = BpfMap.OpenPinned(path);
        Assert.True(reopened.TryLookup(0, out int value));
        Assert.Equal(9, value);
    }

    [KernelFact]
    public void Pinning_outside_a_bpf_file_system_says_so()
    {
        var directory = Directory.CreateTempSubdirectory("ebpfsharp-notbpf-");
        try
        {
            using var map = BpfMap.Create(new MapDefinition("misplaced", BpfMapType.Array, 4, 4, 1));

            var error = Assert.Throws<BpfInvalidArgumentException>(() => map.Pin(Path.Combine(directory.FullName, "map")));
            Assert.Contains("not on a bpf file system", error.Message);
            Assert.Equal("EPERM", error.ErrnoName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void Pinning_over_an_existing_path_is_a_conflict()
    {
        using var bpffs = new TemporaryBpfFileSystem();
        string path = Path.Combine(bpffs.Root, "taken");
        using var first = BpfMap.Create(new MapDefinition("first", BpfMapType.Array, 4, 4, 1));
        using var second = BpfMap.Create(new MapDefinition("second", BpfMapType.Array, 4, 4, 1));
        first.Pin(path);

        var error = Assert.Throws<BpfConflictException>(() => second.Pin(path));
        Assert.Contains("already pinned", error.Message);
    }

    [KernelFact]
    public void Pinning_into_a_missing_directory_is_not_found()
    {
        using var bpffs = new TemporaryBpfFileSystem();
        using var map = BpfMap.Create(new MapDefinition("nodir", BpfMapType.Array, 4, 4, 1));

        var error = Assert.Throws<BpfNotFoundException>(() => map.Pin(Path.Combine(bpffs.Root, "missing", "map")));
        Assert.Contains("does not exist", error.Message);
    }

    [KernelFact]
    public void Opening_a_path_where_nothing_is_pinned_is_not_found()
    {
        using var bpffs = new TemporaryBpfFileSystem();

        var error = Assert.Throws<BpfNotFoundException>(() => BpfMap.OpenPinned(Path.Combine(bpffs.Root, "nothing")));
        Assert.Contains("Nothing is pinned there", error.Message);
    }

    [KernelFact]
    public void Opening_an_ordinary_file_as_a_pinned_map_is_refused()
    {
        string file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<BpfInvalidArgumentException>(() => BpfMap.OpenPinned(file));
            Assert.Contains("not on a bpf file system", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [KernelFact]
    public void Deleting_the_pin_file_unpins_the_map()
    {
        using var bpffs = new TemporaryBpfFileSystem();
        string path = Path.Combine(bpffs.Root, "unpin");
        using var map = BpfMap.Create(new MapDefinition("unpin", BpfMapType.Array, 4, 4, 1));
        map.Pin(path);

        File.Delete(path);

        Assert.Throws<BpfNotFoundException>(() => BpfMap.OpenPinned(path));
        map.Update(0, 1);
    }
}
