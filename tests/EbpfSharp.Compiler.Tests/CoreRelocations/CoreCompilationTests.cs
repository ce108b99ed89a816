using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Btf;
using EbpfSharp.TestSupport;
using Kind = EbpfSharp.Object.Btf.BtfCoreRelocationKind;

namespace EbpfSharp.Compiler.Tests.CoreRelocations;

/// <summary>
/// CO-RE in the compiler: reads through pointers to [KernelType] structs and the Core.* questions compile to
/// instructions holding the local value, each with a .BTF.ext core_relo record as clang writes them.
/// </summary>
public sealed class CoreCompilationTests
{
    private const byte MovImmediate64 = 0xb7;
    private const byte LoadImmediate64 = 0x18;

    private static byte[] Shapes => CompiledPrograms.Object(typeof(CoreShapes)).Bytes;

    private static string[] Code(string program) =>
        CoreObjects.Instructions(Shapes, CompiledPrograms.Object(typeof(CoreShapes)).FileName, program);

    [Fact]
    public void A_field_read_is_a_relocated_offset_added_to_the_pointer_and_a_probe_read_into_the_stack()
    {
        Assert.Equal(
        [
            "call 0x23",                  // bpf_get_current_task
            "r1 = 0x0",                   // offsetof(task_struct, pid), relocated
            "r3 = r0",
            "r3 += r1",
            "r1 = r10",
            "r1 += -0x8",
            "w2 = 0x4",
            "call 0x71",                  // bpf_probe_read_kernel(&temp, 4, task + offset)
            "r0 = *(u32 *)(r10 - 0x8)",
            "exit",
        ], Code("Pid"));
        Assert.Equal([new CoreRecord(1, "task_struct", "0:0", Kind.FieldByteOffset, MovImmediate64)], CoreObjects.Relocations(Shapes, "Pid"));
    }

    [Fact]
    public void A_chain_through_a_pointer_member_reads_the_pointer_then_relocates_from_it()
    {
        var code = Code("ParentTgid");

        Assert.Equal(
        [
            new CoreRecord(1, "task_struct", "0:2", Kind.FieldByteOffset, MovImmediate64),   // task->real_parent
            new CoreRecord(9, "task_struct", "0:1", Kind.FieldByteOffset, MovImmediate64),   // ->tgid
        ], CoreObjects.Relocations(Shapes, "ParentTgid"));
        Assert.Equal("r1 = 0x8", code[1]);
        Assert.Equal("r1 = 0x4", code[9]);
        Assert.Equal(2, code.Count(line => line == "call 0x71"));
        Assert.Equal("r3 = *(u64 *)(r10 - 0x8)", code[8]);   // the parent pointer, read by the first probe, straight into the next probe's source argument
    }

    [Theory]
    [InlineData("CommByte", "task_struct", "0:3:3", Kind.FieldByteOffset, MovImmediate64, "0x13")]     // comm[3]: element index in the access string
    [InlineData("CommAt", "task_struct", "0:3", Kind.FieldByteOffset, MovImmediate64, "0x10")]         // comm[i]: the array, then + i
    [InlineData("StackPointer", "task_struct", "0:5:0", Kind.FieldByteOffset, MovImmediate64, "0x28")] // thread.sp: through an embedded struct
    [InlineData("LoginUid", "task_struct", "0:4:0", Kind.FieldByteOffset, MovImmediate64, "0x20")]     // loginuid.val, [KernelName]
    [InlineData("HasState", "task_struct", "0:6", Kind.FieldExists, MovImmediate64, "0x1")]
    [InlineData("HasTask", "task_struct", "0", Kind.TypeExists, MovImmediate64, "0x1")]
    [InlineData("TaskSize", "task_struct", "0", Kind.TypeSize, MovImmediate64, "0x38")]
    [InlineData("HasGroup", "pid_type", "2", Kind.EnumValueExists, LoadImmediate64, "0x1 ll")]
    [InlineData("GroupValue", "pid_type", "2", Kind.EnumValue, LoadImmediate64, "0x2 ll")]
    public void Each_access_has_one_record_on_an_instruction_holding_the_local_value(string program, string type, string access, Kind kind, byte opCode, string local)
    {
        var record = Assert.Single(CoreObjects.Relocations(Shapes, program));

        Assert.Equal((type, access, kind, opCode), (record.TypeName, record.Access, record.Kind, record.OpCode));
        Assert.Matches($@"^r\d = {System.Text.RegularExpressions.Regex.Escape(local)}$", Code(program)[record.Instruction]);
    }

    [Fact]
    public void A_variable_array_index_is_added_after_the_relocated_array_offset()
    {
        var code = Code("CommAt");
        int relocated = CoreObjects.Relocations(Shapes, "CommAt").Single().Instruction;

        // task + offsetof(comm) (relocated), then + (i & 15): two register additions after the relocated move.
        Assert.Equal(2, code[(relocated + 1)..].TakeWhile(line => line != "call 0x71").Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^r\d \+= r\d$")));
    }

    [Fact]
    public void Kernel_types_are_written_to_btf_under_their_kernel_names_with_only_the_declared_members()
    {
        var (btf, _, _) = CoreObjects.Read(Shapes);
        int taskId = btf.FindId("task_struct", BtfKind.Struct);
        var task = btf.Get<BtfStruct>(taskId, "task_struct");

        Assert.Single(btf.Types, type => type.Name == "task_struct");
        Assert.Equal(56u, task.Size);
        Assert.Equal(
            ["pid", "tgid", "real_parent", "comm", "loginuid", "thread", "__state", "no_such_member_in_any_kernel"],
            task.Members.Select(member => member.Name));
        Assert.Equal([0u, 32u, 64u, 128u, 256u, 320u, 384u, 416u], task.Members.Select(member => member.BitOffset));
        Assert.Equal("int", btf.Get(task.Members[0].TypeId).Name);
        Assert.Equal(taskId, btf.Get<BtfPointer>(task.Members[2].TypeId, "real_parent").TypeId);
        var comm = btf.Get<BtfArray>(task.Members[3].TypeId, "comm");
        Assert.Equal((16u, "unsigned char"), (comm.Count, btf.Get(comm.ElementTypeId).Name));
        var uid = btf.Get<BtfStruct>(task.Members[4].TypeId, "loginuid");
        Assert.Equal(("kuid_t", "val"), (uid.Name, uid.Members.Single().Name));
        var thread = btf.Get<BtfStruct>(task.Members[5].TypeId, "thread");
        Assert.Equal(("thread_struct", "sp", 8u), (thread.Name, thread.Members.Single().Name, thread.Size));

        var pidType = btf.Get<BtfEnum>(btf.FindId("pid_type", BtfKind.Enum), "pid_type");
        Assert.Equal(
            [("PIDTYPE_PID", 0L), ("PIDTYPE_TGID", 1L), ("PIDTYPE_PGID", 2L), ("PIDTYPE_SID", 3L), ("PIDTYPE_NO_SUCH_VALUE", 42L)],
            pidType.Values.Select(value => (value.Name, value.Value)));
    }

    [Theory]
    [InlineData("RealParent", "real_parent")]
    [InlineData("Pid", "pid")]
    [InlineData("real_parent", "real_parent")]
    [InlineData("NrCpusAllowed", "nr_cpus_allowed")]
    [InlineData("Ipv6Addr", "ipv6_addr")]
    [InlineData("IPAddress", "ip_address")]
    public void Member_names_map_from_pascal_case_to_snake_case(string name, string kernel)
    {
        Assert.Equal(kernel, Metadata.KernelTypes.SnakeCase(name));
    }

    [Theory]
    [InlineData(typeof(WritesKernelField), "EBPF1025")]
    [InlineData(typeof(CopiesKernelStruct), "EBPF1026")]
    [InlineData(typeof(AsksFieldExistsOfLocal), "EBPF1027")]
    [InlineData(typeof(AsksSizeOfPlainStruct), "EBPF1027")]
    [InlineData(typeof(DeclaresBadKernelType), "EBPF1028")]
    [InlineData(typeof(AsksVariableEnumerator), "EBPF1029")]
    public void Misuse_is_reported_with_its_id_at_its_line_and_no_object_is_written(Type program, string id)
    {
        var diagnostic = Assert.Single(CompiledPrograms.Diagnostics(program));

        Assert.Equal((id, DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.EndsWith("CoreRejected.cs", diagnostic.Location!.FilePath);
        Assert.Equal(File.ReadAllLines(SourcePath("Programs/CoreRejected.cs")).ToList().FindIndex(line => line.Contains($"// {id}", StringComparison.Ordinal) && line.Contains(Marker(program), StringComparison.Ordinal)) + 1,
            diagnostic.Location.Line);
        Assert.DoesNotContain(CompiledPrograms.Result.Objects, compiled => compiled.ClassName == program.FullName);
    }

    /// <summary>Text on the offending line that tells the cases sharing an ID apart.</summary>
    private static string Marker(Type program) => program.Name switch
    {
        nameof(AsksFieldExistsOfLocal) => "FieldExists",
        nameof(AsksSizeOfPlainStruct) => "TypeSize",
        _ => "",
    };

    private static string SourcePath(string file, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!, file);

    [Fact]
    public void Messages_name_the_field_and_what_to_do_instead()
    {
        Assert.Contains("'TaskStruct.Pid'", CompiledPrograms.Diagnostics(typeof(WritesKernelField)).Single().Message);
        Assert.Contains("read the fields you need", CompiledPrograms.Diagnostics(typeof(CopiesKernelStruct)).Single().Message);
        Assert.Contains("'Plain' has no [KernelType]", CompiledPrograms.Diagnostics(typeof(AsksSizeOfPlainStruct)).Single().Message);
        Assert.Contains("Field 'Inner'", CompiledPrograms.Diagnostics(typeof(DeclaresBadKernelType)).Single().Message);
    }

    [ToolFact("clang-19")]
    public void Records_match_what_clang_writes_for_the_same_c_with_preserve_access_index()
    {
        byte[] clang = ClangFixtures.Bytes("core/compiler_core_shapes");
        string[] programs = ["Pid", "ParentTgid", "CommByte", "CommAt", "StackPointer", "LoginUid", "HasState", "HasTask", "TaskSize", "HasGroup", "GroupValue"];

        foreach (string program in programs)
        {
            var ours = CoreObjects.Relocations(Shapes, program).Select(record => (record.TypeName, record.Access, record.Kind, record.OpCode));
            var theirs = CoreObjects.Relocations(clang, program).Select(record => (record.TypeName, record.Access, record.Kind, record.OpCode));
            Assert.True(ours.SequenceEqual(theirs), $"{program}: ours [{string.Join(", ", ours)}], clang [{string.Join(", ", theirs)}]");
        }
    }
}
