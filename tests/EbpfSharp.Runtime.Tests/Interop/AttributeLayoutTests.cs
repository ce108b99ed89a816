using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Interop;

/// <summary>
/// Compiles a C program against the installed uapi header (/usr/include/linux/bpf.h, Linux 6.1 here) and
/// compares its offsetof/sizeof with the C# layouts. Fields newer than 6.1 (path_fd, token fds) are not checked.
/// </summary>
public class AttributeLayoutTests
{
    private static readonly (string C, int CSharp)[] Layout =
    [
        ("offsetof(union bpf_attr, map_type)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.MapType))),
        ("offsetof(union bpf_attr, key_size)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.KeySize))),
        ("offsetof(union bpf_attr, value_size)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.ValueSize))),
        ("offsetof(union bpf_attr, max_entries)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.MaxEntries))),
        ("offsetof(union bpf_attr, map_flags)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.MapFlags))),
        ("offsetof(union bpf_attr, inner_map_fd)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.InnerMapFd))),
        ("offsetof(union bpf_attr, numa_node)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.NumaNode))),
        ("offsetof(union bpf_attr, map_name)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.MapName))),
        ("offsetof(union bpf_attr, map_ifindex)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.MapIfIndex))),
        ("offsetof(union bpf_attr, btf_fd)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.BtfFd))),
        ("offsetof(union bpf_attr, btf_key_type_id)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.BtfKeyTypeId))),
        ("offsetof(union bpf_attr, btf_value_type_id)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.BtfValueTypeId))),
        ("offsetof(union bpf_attr, btf_vmlinux_value_type_id)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.BtfVmlinuxValueTypeId))),
        ("offsetof(union bpf_attr, map_extra)", Offset<MapCreateAttributes>(nameof(MapCreateAttributes.MapExtra))),

        ("offsetof(union bpf_attr, map_fd)", Offset<MapElementAttributes>(nameof(MapElementAttributes.MapFd))),
        ("offsetof(union bpf_attr, key)", Offset<MapElementAttributes>(nameof(MapElementAttributes.Key))),
        ("offsetof(union bpf_attr, value)", Offset<MapElementAttributes>(nameof(MapElementAttributes.Value))),
        ("offsetof(union bpf_attr, next_key)", Offset<MapElementAttributes>(nameof(MapElementAttributes.NextKey))),
        ("offsetof(union bpf_attr, flags)", Offset<MapElementAttributes>(nameof(MapElementAttributes.Flags))),
        ("offsetof(union bpf_attr, flags) + sizeof(((union bpf_attr *)0)->flags)", Unsafe.SizeOf<MapElementAttributes>()),

        ("offsetof(union bpf_attr, batch.in_batch)", Offset<MapBatchAttributes>(nameof(MapBatchAttributes.InBatch))),
        ("offsetof(union bpf_attr, batch.out_batch)", Offset<MapBatchAttributes>(nameof(MapBatchAttributes.OutBatch))),
        ("offsetof(union bpf_attr, batch.keys)", Offset<MapBatchAttributes>(nameof(MapBatchAttributes.Keys))),
        ("offsetof(union bpf_attr, batch.values)", Offset<MapBatchAttributes>(nameof(MapBatchAttributes.Values))),
        ("offsetof(union bpf_attr, batch.count)", Offset<MapBatchAttributes>(nameof(MapBatchAttributes.Count))),
        ("offsetof(union bpf_attr, batch.map_fd)", Offset<MapBatchAttributes>(nameof(MapBatchAttributes.MapFd))),
        ("offsetof(union bpf_attr, batch.elem_flags)", Offset<MapBatchAttributes>(nameof(MapBatchAttributes.ElementFlags))),
        ("offsetof(union bpf_attr, batch.flags)", Offset<MapBatchAttributes>(nameof(MapBatchAttributes.Flags))),
        ("sizeof(((union bpf_attr *)0)->batch)", Unsafe.SizeOf<MapBatchAttributes>()),

        ("offsetof(union bpf_attr, pathname)", Offset<ObjectPathAttributes>(nameof(ObjectPathAttributes.PathName))),
        ("offsetof(union bpf_attr, bpf_fd)", Offset<ObjectPathAttributes>(nameof(ObjectPathAttributes.BpfFd))),
        ("offsetof(union bpf_attr, file_flags)", Offset<ObjectPathAttributes>(nameof(ObjectPathAttributes.FileFlags))),

        ("offsetof(union bpf_attr, info.bpf_fd)", Offset<ObjectInfoAttributes>(nameof(ObjectInfoAttributes.BpfFd))),
        ("offsetof(union bpf_attr, info.info_len)", Offset<ObjectInfoAttributes>(nameof(ObjectInfoAttributes.InfoLength))),
        ("offsetof(union bpf_attr, info.info)", Offset<ObjectInfoAttributes>(nameof(ObjectInfoAttributes.Info))),
        ("sizeof(((union bpf_attr *)0)->info)", Unsafe.SizeOf<ObjectInfoAttributes>()),

        ("offsetof(struct bpf_map_info, type)", Offset<MapKernelInfo>(nameof(MapKernelInfo.Type))),
        ("offsetof(struct bpf_map_info, id)", Offset<MapKernelInfo>(nameof(MapKernelInfo.Id))),
        ("offsetof(struct bpf_map_info, key_size)", Offset<MapKernelInfo>(nameof(MapKernelInfo.KeySize))),
        ("offsetof(struct bpf_map_info, value_size)", Offset<MapKernelInfo>(nameof(MapKernelInfo.ValueSize))),
        ("offsetof(struct bpf_map_info, max_entries)", Offset<MapKernelInfo>(nameof(MapKernelInfo.MaxEntries))),
        ("offsetof(struct bpf_map_info, map_flags)", Offset<MapKernelInfo>(nameof(MapKernelInfo.MapFlags))),
        ("offsetof(struct bpf_map_info, name)", Offset<MapKernelInfo>(nameof(MapKernelInfo.Name))),
        ("offsetof(struct bpf_map_info, ifindex)", Offset<MapKernelInfo>(nameof(MapKernelInfo.IfIndex))),
        ("offsetof(struct bpf_map_info, btf_vmlinux_value_type_id)", Offset<MapKernelInfo>(nameof(MapKernelInfo.BtfVmlinuxValueTypeId))),
        ("offsetof(struct bpf_map_info, netns_dev)", Offset<MapKernelInfo>(nameof(MapKernelInfo.NetnsDev))),
        ("offsetof(struct bpf_map_info, netns_ino)", Offset<MapKernelInfo>(nameof(MapKernelInfo.NetnsIno))),
        ("offsetof(struct bpf_map_info, btf_id)", Offset<MapKernelInfo>(nameof(MapKernelInfo.BtfId))),
        ("offsetof(struct bpf_map_info, btf_key_type_id)", Offset<MapKernelInfo>(nameof(MapKernelInfo.BtfKeyTypeId))),
        ("offsetof(struct bpf_map_info, btf_value_type_id)", Offset<MapKernelInfo>(nameof(MapKernelInfo.BtfValueTypeId))),
        ("offsetof(struct bpf_map_info, map_extra)", Offset<MapKernelInfo>(nameof(MapKernelInfo.MapExtra))),
        ("sizeof(struct bpf_map_info)", Unsafe.SizeOf<MapKernelInfo>()),

        ("offsetof(union bpf_attr, prog_type)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.ProgramType))),
        ("offsetof(union bpf_attr, insn_cnt)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.InstructionCount))),
        ("offsetof(union bpf_attr, insns)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.Instructions))),
        ("offsetof(union bpf_attr, license)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.License))),
        ("offsetof(union bpf_attr, log_level)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.LogLevel))),
        ("offsetof(union bpf_attr, log_size)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.LogSize))),
        ("offsetof(union bpf_attr, log_buf)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.LogBuffer))),
        ("offsetof(union bpf_attr, kern_version)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.KernelVersion))),
        ("offsetof(union bpf_attr, prog_flags)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.ProgramFlags))),
        ("offsetof(union bpf_attr, prog_name)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.ProgramName))),
        ("offsetof(union bpf_attr, prog_ifindex)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.ProgramIfIndex))),
        ("offsetof(union bpf_attr, expected_attach_type)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.ExpectedAttachType))),
        ("offsetof(union bpf_attr, prog_btf_fd)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.ProgramBtfFd))),
        ("offsetof(union bpf_attr, func_info_rec_size)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.FunctionInfoRecordSize))),
        ("offsetof(union bpf_attr, func_info)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.FunctionInfo))),
        ("offsetof(union bpf_attr, func_info_cnt)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.FunctionInfoCount))),
        ("offsetof(union bpf_attr, line_info_rec_size)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.LineInfoRecordSize))),
        ("offsetof(union bpf_attr, line_info)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.LineInfo))),
        ("offsetof(union bpf_attr, line_info_cnt)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.LineInfoCount))),
        ("offsetof(union bpf_attr, attach_btf_id)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.AttachBtfId))),
        ("offsetof(union bpf_attr, attach_btf_obj_fd)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.AttachBtfObjectFd))),
        ("offsetof(union bpf_attr, core_relo_cnt)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.CoreRelocationCount))),
        ("offsetof(union bpf_attr, fd_array)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.FdArray))),
        ("offsetof(union bpf_attr, core_relos)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.CoreRelocations))),
        ("offsetof(union bpf_attr, core_relo_rec_size)", Offset<ProgramLoadAttributes>(nameof(ProgramLoadAttributes.CoreRelocationRecordSize))),
        ("offsetof(union bpf_attr, test.prog_fd)", Offset<TestRunAttributes>(nameof(TestRunAttributes.ProgramFd))),
        ("offsetof(union bpf_attr, test.retval)", Offset<TestRunAttributes>(nameof(TestRunAttributes.ReturnValue))),
        ("offsetof(union bpf_attr, test.data_size_in)", Offset<TestRunAttributes>(nameof(TestRunAttributes.DataSizeIn))),
        ("offsetof(union bpf_attr, test.data_size_out)", Offset<TestRunAttributes>(nameof(TestRunAttributes.DataSizeOut))),
        ("offsetof(union bpf_attr, test.data_in)", Offset<TestRunAttributes>(nameof(TestRunAttributes.DataIn))),
        ("offsetof(union bpf_attr, test.data_out)", Offset<TestRunAttributes>(nameof(TestRunAttributes.DataOut))),
        ("offsetof(union bpf_attr, test.repeat)", Offset<TestRunAttributes>(nameof(TestRunAttributes.Repeat))),
        ("offsetof(union bpf_attr, test.duration)", Offset<TestRunAttributes>(nameof(TestRunAttributes.Duration))),
        ("offsetof(union bpf_attr, test.ctx_size_in)", Offset<TestRunAttributes>(nameof(TestRunAttributes.ContextSizeIn))),
        ("offsetof(union bpf_attr, test.ctx_size_out)", Offset<TestRunAttributes>(nameof(TestRunAttributes.ContextSizeOut))),
        ("offsetof(union bpf_attr, test.ctx_in)", Offset<TestRunAttributes>(nameof(TestRunAttributes.ContextIn))),
        ("offsetof(union bpf_attr, test.ctx_out)", Offset<TestRunAttributes>(nameof(TestRunAttributes.ContextOut))),
        ("offsetof(union bpf_attr, test.flags)", Offset<TestRunAttributes>(nameof(TestRunAttributes.Flags))),
        ("offsetof(union bpf_attr, test.cpu)", Offset<TestRunAttributes>(nameof(TestRunAttributes.Cpu))),
        ("offsetof(union bpf_attr, test.batch_size)", Offset<TestRunAttributes>(nameof(TestRunAttributes.BatchSize))),
        ("sizeof(((union bpf_attr *)0)->test)", Unsafe.SizeOf<TestRunAttributes>()),
        ("offsetof(struct bpf_prog_info, type)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.Type))),
        ("offsetof(struct bpf_prog_info, id)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.Id))),
        ("offsetof(struct bpf_prog_info, tag)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.Tag))),
        ("offsetof(struct bpf_prog_info, jited_prog_len)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.JitedProgramLength))),
        ("offsetof(struct bpf_prog_info, xlated_prog_len)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.TranslatedProgramLength))),
        ("offsetof(struct bpf_prog_info, load_time)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.LoadTime))),
        ("offsetof(struct bpf_prog_info, created_by_uid)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.CreatedByUid))),
        ("offsetof(struct bpf_prog_info, nr_map_ids)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.MapIdCount))),
        ("offsetof(struct bpf_prog_info, map_ids)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.MapIds))),
        ("offsetof(struct bpf_prog_info, name)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.Name))),
        ("offsetof(struct bpf_prog_info, ifindex)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.IfIndex))),
        ("offsetof(struct bpf_prog_info, netns_dev)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.NetNamespaceDevice))),
        ("offsetof(struct bpf_prog_info, btf_id)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.BtfId))),
        ("offsetof(struct bpf_prog_info, nr_func_info)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.FunctionInfoCount))),
        ("offsetof(struct bpf_prog_info, nr_line_info)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.LineInfoCount))),
        ("offsetof(struct bpf_prog_info, run_time_ns)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.RunTimeNanoseconds))),
        ("offsetof(struct bpf_prog_info, run_cnt)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.RunCount))),
        ("offsetof(struct bpf_prog_info, recursion_misses)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.RecursionMisses))),
        ("offsetof(struct bpf_prog_info, verified_insns)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.VerifiedInstructions))),
        ("offsetof(struct bpf_prog_info, attach_btf_obj_id)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.AttachBtfObjectId))),
        ("offsetof(struct bpf_prog_info, attach_btf_id)", Offset<ProgramInfoAttributes>(nameof(ProgramInfoAttributes.AttachBtfId))),
        ("sizeof(struct bpf_prog_info)", Unsafe.SizeOf<ProgramInfoAttributes>()),
        ("offsetof(union bpf_attr, btf)", Offset<BtfLoadAttributes>(nameof(BtfLoadAttributes.Btf))),
        ("offsetof(union bpf_attr, btf_log_buf)", Offset<BtfLoadAttributes>(nameof(BtfLoadAttributes.LogBuffer))),
        ("offsetof(union bpf_attr, btf_size)", Offset<BtfLoadAttributes>(nameof(BtfLoadAttributes.BtfSize))),
        ("offsetof(union bpf_attr, btf_log_size)", Offset<BtfLoadAttributes>(nameof(BtfLoadAttributes.LogSize))),
        ("offsetof(union bpf_attr, btf_log_level)", Offset<BtfLoadAttributes>(nameof(BtfLoadAttributes.LogLevel))),

        ("offsetof(union bpf_attr, link_create.prog_fd)", Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.ProgramFd))),
        ("offsetof(union bpf_attr, link_create.target_fd)", Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.Target))),
        ("offsetof(union bpf_attr, link_create.attach_type)", Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.AttachType))),
        ("offsetof(union bpf_attr, link_create.flags)", Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.Flags))),
        ("offsetof(union bpf_attr, link_create.perf_event.bpf_cookie)", Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.PerfEventCookie))),
        ("offsetof(union bpf_attr, link_detach.link_fd)", Offset<LinkDetachAttributes>(nameof(LinkDetachAttributes.LinkFd))),
        ("offsetof(union bpf_attr, raw_tracepoint.name)", Offset<RawTracepointOpenAttributes>(nameof(RawTracepointOpenAttributes.Name))),
        ("offsetof(union bpf_attr, raw_tracepoint.prog_fd)", Offset<RawTracepointOpenAttributes>(nameof(RawTracepointOpenAttributes.ProgramFd))),

        ("offsetof(struct perf_event_attr, type)", Offset<PerfEventAttributes>(nameof(PerfEventAttributes.Type))),
        ("offsetof(struct perf_event_attr, size)", Offset<PerfEventAttributes>(nameof(PerfEventAttributes.AttributesSize))),
        ("offsetof(struct perf_event_attr, config)", Offset<PerfEventAttributes>(nameof(PerfEventAttributes.Config))),
        ("offsetof(struct perf_event_attr, sample_period)", Offset<PerfEventAttributes>(nameof(PerfEventAttributes.SamplePeriod))),
        ("offsetof(struct perf_event_attr, sample_type)", Offset<PerfEventAttributes>(nameof(PerfEventAttributes.SampleType))),
        ("offsetof(struct perf_event_attr, wakeup_events)", Offset<PerfEventAttributes>(nameof(PerfEventAttributes.WakeupEvents))),
        ("offsetof(struct perf_event_attr, config1)", Offset<PerfEventAttributes>(nameof(PerfEventAttributes.Config1))),
        ("offsetof(struct perf_event_attr, config2)", Offset<PerfEventAttributes>(nameof(PerfEventAttributes.Config2))),

        ("PERF_TYPE_SOFTWARE", (int)PerfEventAttributes.TypeSoftware),
        ("PERF_COUNT_SW_BPF_OUTPUT == 10 && PERF_SAMPLE_RAW == 1024 && PERF_RECORD_SAMPLE == 9 && PERF_RECORD_LOST == 2", 1),
        ("offsetof(struct perf_event_mmap_page, data_head)", PerfEventBuffers.DataHeadOffset),
        ("offsetof(struct perf_event_mmap_page, data_tail)", PerfEventBuffers.DataTailOffset),
        ("BPF_RINGBUF_BUSY_BIT >> 1", (int)(RingBufferConsumer.BusyBit >> 1)),
        ("BPF_RINGBUF_DISCARD_BIT", (int)RingBufferConsumer.DiscardBit),
        ("BPF_RINGBUF_HDR_SZ", RingBufferConsumer.HeaderSize),

        ("sizeof(struct epoll_event)", LibC.EpollEventSize),
        ("offsetof(struct epoll_event, data)", LibC.EpollEventDataOffset),
        ("EPOLL_CLOEXEC", LibC.EpollCloseOnExec),
        ("EPOLLIN", (int)LibC.EpollIn),
        ("EPOLL_CTL_ADD", LibC.EpollControlAdd),
        ("EFD_CLOEXEC", LibC.EventFdCloseOnExec),
        ("EFD_NONBLOCK", LibC.EventFdNonBlocking),

        ("sizeof(struct ifinfomsg)", Marshal.SizeOf<InterfaceInfoMessage>()),
        ("offsetof(struct ifinfomsg, ifi_index)", Offset<InterfaceInfoMessage>(nameof(InterfaceInfoMessage.Index))),
        ("sizeof(struct ifaddrmsg)", Marshal.SizeOf<InterfaceAddressMessage>()),
        ("offsetof(struct ifaddrmsg, ifa_index)", Offset<InterfaceAddressMessage>(nameof(InterfaceAddressMessage.Index))),

        ("offsetof(struct statfs, f_type)", 0),
        ("sizeof(struct statfs) <= 256", 1),
        ("BPF_FS_MAGIC == 0xcafe4a11", 1),
        ("BPF_ANY == 0 && BPF_NOEXIST == 1 && BPF_EXIST == 2 && BPF_F_LOCK == 4", 1),
    ];

    [ToolFact("gcc")]
    public void Kernel_struct_layouts_match_the_installed_headers()
    {
        var directory = Directory.CreateTempSubdirectory("ebpfsharp-layout-");
        try
        {
            var source = new StringBuilder("""
                #include <stddef.h>
                #include <stdio.h>
                #include <sys/statfs.h>
                #include <sys/epoll.h>
                #include <sys/eventfd.h>
                #include <linux/bpf.h>
                #include <linux/magic.h>
                #include <linux/perf_event.h>
                #include <linux/rtnetlink.h>
                #include <linux/if_addr.h>
                int main(void)
                {

                """);
            foreach (var (c, _) in Layout)
                source.AppendLine($"    printf(\"%zu\\n\", (size_t)({c}));");
            source.AppendLine("    return 0;\n}");
            string sourcePath = Path.Combine(directory.FullName, "layout.c");
            string program = Path.Combine(directory.FullName, "layout");
            File.WriteAllText(sourcePath, source.ToString());
            Tools.RunChecked("gcc", "-o", program, sourcePath);

            var printed = Tools.RunChecked(program).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(Layout.Length, printed.Length);
            var mismatches = Layout.Zip(printed)
                .Where(pair => pair.First.CSharp.ToString() != pair.Second)
                .Select(pair => $"{pair.First.C}: C says {pair.Second}, C# says {pair.First.CSharp}")
                .ToList();
            Assert.Empty(mismatches);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
