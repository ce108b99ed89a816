using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using EbpfSharp.Runtime.Interop.Attributes;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

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

        ("offsetof(union bpf_attr, pathname)", Offset<MapPinAttributes>(nameof(MapPinAttributes.PathName))),
        ("offsetof(union bpf_attr, bpf_fd)", Offset<MapPinAttributes>(nameof(MapPinAttributes.BpfFd))),
        ("offsetof(union bpf_attr, file_flags)", Offset<MapPinAttributes>(nameof(MapPinAttributes.FileFlags))),

        ("offsetof(union bpf_attr, info.bpf_fd)", Offset<MapInfoAttributes>(nameof(MapInfoAttributes.BpfFd))),
        ("offsetof(union bpf_attr, info.info_len)", Offset<MapInfoAttributes>(nameof(MapInfoAttributes.InfoLength))),
        ("offsetof(union bpf_attr, info.info)", Offset<MapInfoAttributes>(nameof(MapInfoAttributes.Info))),
        ("sizeof(((union bpf_attr *)0)->info)", Unsafe.SizeOf<MapInfoAttributes>()),

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

        ("offsetof(struct statfs, f_type)", 0),
        ("sizeof(struct statfs) <= 256", 1),
        ("BPF_FS_MAGIC == 0xcafe4a11", 1),
        ("BPF_ANY == 0 && BPF_NOEXIST == 1 && BPF_EXIST == 2 && BPF_F_LOCK == 4", 1),
    ];

    [ToolFact("gcc")]
    public void Map_attribute_layouts_match_the_kernel_header()
    {
        var directory = Directory.CreateTempSubdirectory("ebpfsharp-layout-");
        try
        {
            var source = new StringBuilder("""
                #include <stddef.h>
                #include <stdio.h>
                #include <sys/statfs.h>
                #include <linux/bpf.h>
                #include <linux/magic.h>
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
