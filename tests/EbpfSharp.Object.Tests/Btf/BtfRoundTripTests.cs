using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Object.Tests.Btf;

/// <summary>BTF and .BTF.ext read back equal to what was written: for every kind, for clang's output, for vmlinux.</summary>
public class BtfRoundTripTests
{
    /// <summary>One record of every kind (and every kind_flag variant) the format defines.</summary>
    private static BtfSection EveryKind()
    {
        var btf = new BtfSection();
        int u32 = btf.Add(new BtfInt(4, BtfIntEncoding.None, 0, 32) { Name = "unsigned int" });
        int s8 = btf.Add(new BtfInt(1, BtfIntEncoding.Signed | BtfIntEncoding.Char, 0, 8) { Name = "char" });
        int boolean = btf.Add(new BtfInt(1, BtfIntEncoding.Bool, 0, 1) { Name = "_Bool" });
        int pointer = btf.Add(new BtfPointer(u32));
        int array = btf.Add(new BtfArray(s8, u32, 16));
        int plain = btf.Add(new BtfStruct(16, new BtfMember[] { new("a", u32, 0), new("name", array, 32) }) { Name = "plain" });
        int bits = btf.Add(new BtfStruct(4, new BtfMember[] { new("low", u32, 0, 3), new("high", u32, 3, 29) }, HasBitfieldSizes: true) { Name = "bits" });
        int union = btf.Add(new BtfStruct(8, new BtfMember[] { new("word", u32, 0), new("", plain, 0) }, IsUnion: true) { Name = "either" });
        btf.Add(new BtfEnum(4, new BtfEnumValue[] { new("RED", 0), new("BLUE", 0xffffffff) }) { Name = "colour" });
        btf.Add(new BtfEnum(4, new BtfEnumValue[] { new("MINUS", -5), new("PLUS", 5) }, IsSigned: true) { Name = "sign" });
        btf.Add(new BtfEnum(8, new BtfEnumValue[] { new("HUGE", 0x1_0000_0001), new("NEGATIVE", -2) }, IsSigned: true, Is64: true) { Name = "wide" });
        btf.Add(new BtfForward(IsUnion: false) { Name = "later" });
        btf.Add(new BtfForward(IsUnion: true) { Name = "later_union" });
        int typedef = btf.Add(new BtfTypedef(u32) { Name = "u32_t" });
        int constant = btf.Add(new BtfQualifier(BtfKind.Const, typedef));
        int volatileType = btf.Add(new BtfQualifier(BtfKind.Volatile, constant));
        btf.Add(new BtfQualifier(BtfKind.Restrict, pointer));
        int proto = btf.Add(new BtfFunctionProto(u32, new BtfParameter[] { new("ctx", pointer), new("", 0) }));
        int function = btf.Add(new BtfFunction(proto, BtfFunctionLinkage.Global) { Name = "entry" });
        btf.Add(new BtfFunction(proto, BtfFunctionLinkage.Static) { Name = "helper" });
        btf.Add(new BtfFunction(proto, BtfFunctionLinkage.Extern) { Name = "kfunc" });
        int variable = btf.Add(new BtfVariable(volatileType, BtfVariableLinkage.Global) { Name = "limit" });
        int hidden = btf.Add(new BtfVariable(boolean, BtfVariableLinkage.Static) { Name = "flag" });
        btf.Add(new BtfDataSection(8, new BtfVariableInfo[] { new(variable, 0, 4), new(hidden, 4, 1) }) { Name = ".rodata" });
        btf.Add(new BtfFloat(8) { Name = "double" });
        btf.Add(new BtfDeclTag(function, -1) { Name = "hot" });
        btf.Add(new BtfDeclTag(bits, 1) { Name = "member_tag" });
        btf.Add(new BtfTypeTag(u32) { Name = "user" });
        _ = union;
        return btf;
    }

    [Fact]
    public void Every_kind_reads_back_equal()
    {
        var written = EveryKind();

        var read = BtfSection.Read(written.Write());

        Assert.Equal(written, read);
        Assert.Equal(Enum.GetValues<BtfKind>().Where(kind => kind != BtfKind.Void).Order(), read.Types.Select(type => type.Kind).Distinct().Order());
    }

    [Fact]
    public void Writing_what_was_read_gives_the_same_bytes()
    {
        var bytes = EveryKind().Write();

        Assert.Equal(bytes, BtfSection.Read(bytes).Write());
    }

    [Fact]
    public void Btf_ext_records_of_every_kind_read_back_equal_through_the_shared_string_table()
    {
        var btf = EveryKind();
        var ext = new BtfExtSection();
        ext.FunctionInfos.Add(new("xdp", new BtfFunctionInfo[] { new(0, 20), new(64, 21) }));
        ext.LineInfos.Add(new("xdp", new BtfLineInfo[] { new(0, "/src/A.cs", "var x = 1;", 10, 5), new(8, "/src/A.cs", "", 11, 1) }));
        ext.LineInfos.Add(new(".text", new BtfLineInfo[] { new(0, "/src/B.cs", "return y;", 3, 9) }));
        ext.CoreRelocations.Add(new("kprobe/x", new BtfCoreRelocation[] { new(24, 6, "0:1", BtfCoreRelocationKind.FieldByteOffset), new(40, 6, "0", BtfCoreRelocationKind.TypeSize) }));

        var blobs = BtfWriter.Write(btf, ext);
        var readBtf = BtfSection.Read(blobs.Btf);

        Assert.Equal(btf, readBtf);
        Assert.Equal(ext, BtfExtSection.Read(blobs.Ext, readBtf));
    }

    [ToolFact("clang-19")]
    public void Clang_btf_and_btf_ext_read_back_equal()
    {
        foreach (var fixture in ClangFixtures.Names.Append("btf/core_read"))
        {
            var file = ElfFile.Read(ClangFixtures.Bytes(fixture));
            var btf = BtfSection.Read(file.FindSection(".BTF")!.Data);
            var ext = BtfExtSection.Read(file.FindSection(".BTF.ext")!.Data, btf);

            var blobs = BtfWriter.Write(btf, ext);
            var readBtf = BtfSection.Read(blobs.Btf);

            Assert.Equal(btf, readBtf);
            Assert.Equal(ext, BtfExtSection.Read(blobs.Ext, readBtf));
            Assert.NotEmpty(ext.FunctionInfos);
            Assert.NotEmpty(ext.LineInfos);
        }
    }

    [ToolFact("clang-19")]
    public void Clang_co_re_relocations_are_read_with_their_access_strings()
    {
        var file = ElfFile.Read(ClangFixtures.Bytes("btf/core_read"));
        var btf = BtfSection.Read(file.FindSection(".BTF")!.Data);
        var ext = BtfExtSection.Read(file.FindSection(".BTF.ext")!.Data, btf);

        var relocations = ext.CoreRelocationsOf("kprobe/do_sys_openat2");

        Assert.Contains(relocations, r => r.AccessString == "0:1" && r.Kind == BtfCoreRelocationKind.FieldByteOffset);
        Assert.All(relocations, r => Assert.Equal("task_struct", btf.Get(r.TypeId).Name));
        var task = btf.Get<BtfStruct>(btf.FindId("task_struct", BtfKind.Struct), "task_struct");
        Assert.True(task.HasBitfieldSizes);
        Assert.Equal(1, task.Members.Single(m => m.Name == "in_execve").BitfieldSize);
    }

    [KernelFact]
    public void The_kernels_own_btf_reads_back_equal()
    {
        var bytes = File.ReadAllBytes("/sys/kernel/btf/vmlinux");

        var vmlinux = BtfSection.Read(bytes);
        var again = BtfSection.Read(vmlinux.Write());

        Assert.Equal(vmlinux, again);
        Assert.True(vmlinux.Types.Count > 10_000);
        Assert.NotEqual(0, vmlinux.FindId("task_struct", BtfKind.Struct));
    }
}
