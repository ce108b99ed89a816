using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class SpinLockTests
{
    [StructLayout(LayoutKind.Sequential)]
    private struct LockedCounter
    {
        public uint Lock;
        public int Count;
    }

    /// <summary>A hash map whose value type, described by BTF, starts with a struct bpf_spin_lock.</summary>
    private static (BtfObject Btf, BpfMap Map) CreateLockedMap()
    {
        var section = new BtfSection();
        int intId = section.Add(new BtfInt(4, BtfIntEncoding.Signed, 0, 32) { Name = "int" });
        int unsignedId = section.Add(new BtfInt(4, BtfIntEncoding.None, 0, 32) { Name = "unsigned int" });
        int lockId = section.Add(new BtfStruct(4, new EquatableArray<BtfMember>([new BtfMember("val", unsignedId, 0)])) { Name = "bpf_spin_lock" });
        int valueId = section.Add(new BtfStruct(8, new EquatableArray<BtfMember>(
            [new BtfMember("lock", lockId, 0), new BtfMember("count", intId, 32)])) { Name = "locked_counter" });
        var btf = BtfObject.Load(BtfWriter.Write(section, null).Btf);
        var map = BpfMap.Create(
            new MapDefinition("locked", BpfMapType.Hash, 4, 8, 8) { BtfKeyTypeId = intId, BtfValueTypeId = valueId }, btf);
        return (btf, map);
    }

    [KernelFact]
    public void Lock_flag_updates_and_reads_a_value_under_its_spin_lock()
    {
        var (btf, map) = CreateLockedMap();
        using (btf)
        using (map)
        {
            Assert.True(map.GetInfo().BtfId > 0);
            map.Update(1, new LockedCounter { Count = 5 });

            map.Update(1, new LockedCounter { Count = 6 }, MapUpdateFlags.Lock | MapUpdateFlags.Exist);

            Assert.True(map.TryLookup(1, out LockedCounter value, MapLookupFlags.Lock));
            Assert.Equal(6, value.Count);
            Assert.Equal(0u, value.Lock);
        }
    }

    [KernelFact]
    public void Info_reports_the_btf_key_and_value_types()
    {
        var (btf, map) = CreateLockedMap();
        using (btf)
        using (map)
        {
            var info = map.GetInfo();

            Assert.Equal((1, 4), (info.BtfKeyTypeId, info.BtfValueTypeId));
        }
    }
}
