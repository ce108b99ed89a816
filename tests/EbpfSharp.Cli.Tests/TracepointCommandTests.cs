using EbpfSharp.Cli.Commands;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Cli.Tests;

public class TracepointCommandTests
{
    // The format file of syscalls/sys_enter_openat on kernel 6.18, x86-64.
    private const string OpenatFormat = """
        name: sys_enter_openat
        ID: 782
        format:
        	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
        	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
        	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
        	field:int common_pid;	offset:4;	size:4;	signed:1;

        	field:int __syscall_nr;	offset:8;	size:4;	signed:1;
        	field:int dfd;	offset:16;	size:8;	signed:0;
        	field:const char * filename;	offset:24;	size:8;	signed:0;
        	field:int flags;	offset:32;	size:8;	signed:0;
        	field:umode_t mode;	offset:40;	size:8;	signed:0;

        print fmt: "dfd: 0x%08lx, filename: 0x%08lx, flags: 0x%08lx, mode: 0x%08lx", ((unsigned long)(REC->dfd)), ((unsigned long)(REC->filename)), ((unsigned long)(REC->flags)), ((unsigned long)(REC->mode))
        """;

    // sched/sched_switch-like: fixed arrays, and a __data_loc field as sched_process_exec has.
    private const string MixedFormat = """
        name: mixed
        ID: 7
        format:
        	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
        	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
        	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
        	field:int common_pid;	offset:4;	size:4;	signed:1;

        	field:__data_loc char[] filename;	offset:8;	size:4;	signed:0;
        	field:char prev_comm[16];	offset:12;	size:16;	signed:0;
        	field:pid_t pid;	offset:28;	size:4;	signed:1;
        	field:struct foo * owner;	offset:32;	size:8;	signed:0;
        	field:u8 odd[3];	offset:40;	size:6;	signed:0;
        """;

    [Fact]
    public void A_format_file_parses_into_fields_in_offset_order()
    {
        var format = TracepointFormat.Parse("syscalls", OpenatFormat);

        Assert.Equal("sys_enter_openat", format.Name);
        Assert.Equal(782, format.Id);
        Assert.Equal(48, format.Size);
        Assert.Equal(["common_type", "common_flags", "common_preempt_count", "common_pid", "__syscall_nr", "dfd", "filename", "flags", "mode"],
            format.Fields.Select(field => field.Name));
        var filename = format.Fields.Single(field => field.Name == "filename");
        Assert.Equal(("const char *", 24, 8, true), (filename.CType, filename.Offset, filename.Size, filename.IsPointer));
    }

    [Fact]
    public void Data_loc_and_array_fields_keep_their_kind()
    {
        var format = TracepointFormat.Parse("test", MixedFormat);

        var filename = format.Fields.Single(field => field.Name == "filename");
        var comm = format.Fields.Single(field => field.Name == "prev_comm");
        Assert.True(filename.IsDynamic);
        Assert.Equal("char[]", filename.CType);
        Assert.Equal((16, "char"), (comm.ArrayLength, comm.CType));
    }

    [Fact]
    public void The_struct_puts_every_field_at_the_kernels_offset()
    {
        string source = TracepointStructWriter.Write(TracepointFormat.Parse("syscalls", OpenatFormat));

        Assert.Contains("[StructLayout(LayoutKind.Explicit, Size = 48)]", source);
        Assert.Contains("public unsafe struct SysEnterOpenat", source);
        Assert.Contains("[FieldOffset(0)] public TraceEntry Common;", source);
        Assert.Contains("[FieldOffset(8)] public int SyscallNr;", source);
        Assert.Contains("[FieldOffset(16)] public ulong Dfd;", source);
        Assert.Contains("[FieldOffset(24)] public byte* Filename;", source);
        Assert.Contains("[FieldOffset(40)] public ulong Mode;", source);
        Assert.DoesNotContain("CommonPid", source);
    }

    [Fact]
    public void Arrays_become_fixed_buffers_data_loc_a_location_and_other_pointers_void()
    {
        string source = TracepointStructWriter.Write(TracepointFormat.Parse("test", MixedFormat), "Mixed", "Demo.Records");

        Assert.Contains("namespace Demo.Records;", source);
        Assert.Contains("[FieldOffset(8)] public uint FilenameLocation;", source);
        Assert.Contains("[FieldOffset(12)] public fixed byte PrevComm[16];", source);
        Assert.Contains("[FieldOffset(28)] public int Pid;", source);
        Assert.Contains("[FieldOffset(32)] public void* Owner;", source);
        Assert.Contains("[FieldOffset(40)] public fixed ushort Odd[3];", source);
    }

    [Fact]
    public void The_command_reads_a_format_file_and_writes_the_struct()
    {
        string formatFile = Scratch.WriteFile("sys_enter_openat.format", System.Text.Encoding.UTF8.GetBytes(OpenatFormat));
        string output = Path.Combine(Path.GetDirectoryName(formatFile)!, "SysEnterOpenat.cs");

        var run = CliRun.Of("tracepoint", "syscalls/sys_enter_openat", "--format-file", formatFile, "-o", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("48 bytes", run.Output);
        Assert.Contains("public byte* Filename;", File.ReadAllText(output));
    }

    [Fact]
    public void A_target_that_is_not_category_slash_name_is_a_clear_error()
    {
        var run = CliRun.Of("tracepoint", "sys_enter_openat");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not <category>/<name>", run.Error);
    }

    [KernelFact]
    public void The_running_kernels_openat_tracepoint_has_the_filename_pointer_at_24()
    {
        var format = TracepointFormat.Read("syscalls", "sys_enter_openat");

        var filename = format.Fields.Single(field => field.Name == "filename");
        Assert.Equal((24, 8), (filename.Offset, filename.Size));
        Assert.True(format.Id > 0);
    }

    [KernelFact]
    public void An_unknown_tracepoint_names_where_tracepoints_are()
    {
        var run = CliRun.Of("tracepoint", "no_such_category/no_such_event");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no tracepoint no_such_category/no_such_event", run.Error);
        Assert.Contains("/events", run.Error);
    }
}
