using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Writing;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>Maps declared with pinning by name: reused across loads, and never left pinned by a failed load.</summary>
public class PinnedMapTests
{
    private static byte[] ObjectWithPinnedMap(bool brokenProgram)
    {
        var builder = new ObjectBuilder();
        int u32 = builder.Types.Integer("unsigned int", 4, signed: false);
        int u64 = builder.Types.Integer("unsigned long long", 8, signed: false);
        builder.AddMap(new MapDeclaration("shared_counts", BpfMapType.Hash, 16) { KeyTypeId = u32, ValueTypeId = u64, Pinning = MapPinning.ByName });
        builder.AddFunction(new FunctionCode("prog",
            brokenProgram ? [Alu64.Mov.Reg(R0, R5), Jmp.Exit()] : [Ld.Symbol(R1, "shared_counts"), Alu64.Mov.Imm(R0, 2), Jmp.Exit()])
        {
            SectionName = "xdp",
        });
        return builder.Write();
    }

    [KernelFact]
    public void A_map_pinned_by_name_is_reused_by_the_next_load()
    {
        using var bpffs = new TemporaryBpfFileSystem();
        var options = new LoadOptions { PinRoot = bpffs.Root };

        using var first = ObjectSpec.Read(ObjectWithPinnedMap(brokenProgram: false)).Load(options);
        first.Map("shared_counts").Update(1u, 42ul);
        using var second = ObjectSpec.Read(ObjectWithPinnedMap(brokenProgram: false)).Load(options);

        Assert.True(File.Exists(bpffs.PathOf("shared_counts")));
        Assert.Equal(first.Map("shared_counts").Id, second.Map("shared_counts").Id);
        Assert.True(second.Map("shared_counts").TryLookup(1u, out ulong value));
        Assert.Equal(42ul, value);
    }

    [KernelFact]
    public void A_failed_load_removes_the_pins_it_made()
    {
        using var bpffs = new TemporaryBpfFileSystem();

        Assert.Throws<BpfVerifierException>(() =>
            ObjectSpec.Read(ObjectWithPinnedMap(brokenProgram: true)).Load(new LoadOptions { PinRoot = bpffs.Root }));

        Assert.False(File.Exists(bpffs.PathOf("shared_counts")));
    }
}
