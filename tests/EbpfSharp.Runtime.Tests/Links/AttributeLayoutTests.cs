using System.Runtime.InteropServices;
using EbpfSharp.Runtime.Interop.Attributes;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>The attach structs' field offsets match the C headers installed on this machine, as gcc lays them out.</summary>
public class AttributeLayoutTests
{
    private const string Program = """
        #include <stdio.h>
        #include <stddef.h>
        #include <linux/bpf.h>
        #include <linux/perf_event.h>
        #include <linux/rtnetlink.h>
        #include <linux/if_addr.h>
        #define SHOW(key, value) printf("%s=%zu\n", key, (size_t)(value))
        int main(void) {
            SHOW("LinkCreate.ProgramFd", offsetof(union bpf_attr, link_create.prog_fd));
            SHOW("LinkCreate.Target", offsetof(union bpf_attr, link_create.target_fd));
            SHOW("LinkCreate.AttachType", offsetof(union bpf_attr, link_create.attach_type));
            SHOW("LinkCreate.Flags", offsetof(union bpf_attr, link_create.flags));
            SHOW("LinkCreate.PerfEventCookie", offsetof(union bpf_attr, link_create.perf_event.bpf_cookie));
            SHOW("LinkDetach.LinkFd", offsetof(union bpf_attr, link_detach.link_fd));
            SHOW("RawTracepoint.Name", offsetof(union bpf_attr, raw_tracepoint.name));
            SHOW("RawTracepoint.ProgramFd", offsetof(union bpf_attr, raw_tracepoint.prog_fd));
            SHOW("PerfEvent.Type", offsetof(struct perf_event_attr, type));
            SHOW("PerfEvent.AttributesSize", offsetof(struct perf_event_attr, size));
            SHOW("PerfEvent.Config", offsetof(struct perf_event_attr, config));
            SHOW("PerfEvent.WakeupEvents", offsetof(struct perf_event_attr, wakeup_events));
            SHOW("PerfEvent.Config1", offsetof(struct perf_event_attr, config1));
            SHOW("PerfEvent.Config2", offsetof(struct perf_event_attr, config2));
            SHOW("ifinfomsg", sizeof(struct ifinfomsg));
            SHOW("ifaddrmsg", sizeof(struct ifaddrmsg));
            SHOW("ifinfomsg.ifi_index", offsetof(struct ifinfomsg, ifi_index));
            SHOW("ifaddrmsg.ifa_index", offsetof(struct ifaddrmsg, ifa_index));
            return 0;
        }
        """;

    [ToolFact("gcc")]
    public void Attach_and_netlink_structs_match_the_kernel_headers()
    {
        var expected = CompileAndRun();

        Assert.Equal(expected["LinkCreate.ProgramFd"], Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.ProgramFd)));
        Assert.Equal(expected["LinkCreate.Target"], Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.Target)));
        Assert.Equal(expected["LinkCreate.AttachType"], Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.AttachType)));
        Assert.Equal(expected["LinkCreate.Flags"], Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.Flags)));
        Assert.Equal(expected["LinkCreate.PerfEventCookie"], Offset<LinkCreateAttributes>(nameof(LinkCreateAttributes.PerfEventCookie)));
        Assert.Equal(expected["LinkDetach.LinkFd"], Offset<LinkDetachAttributes>(nameof(LinkDetachAttributes.LinkFd)));
        Assert.Equal(expected["RawTracepoint.Name"], Offset<RawTracepointOpenAttributes>(nameof(RawTracepointOpenAttributes.Name)));
        Assert.Equal(expected["RawTracepoint.ProgramFd"], Offset<RawTracepointOpenAttributes>(nameof(RawTracepointOpenAttributes.ProgramFd)));
        foreach (var field in new[] { "Type", "AttributesSize", "Config", "WakeupEvents", "Config1", "Config2" })
            Assert.Equal(expected[$"PerfEvent.{field}"], Offset<PerfEventAttributes>(field));
        Assert.Equal(expected["ifinfomsg"], Marshal.SizeOf<InterfaceInfoMessage>());
        Assert.Equal(expected["ifaddrmsg"], Marshal.SizeOf<InterfaceAddressMessage>());
        Assert.Equal(expected["ifinfomsg.ifi_index"], Offset<InterfaceInfoMessage>(nameof(InterfaceInfoMessage.Index)));
        Assert.Equal(expected["ifaddrmsg.ifa_index"], Offset<InterfaceAddressMessage>(nameof(InterfaceAddressMessage.Index)));
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    private static Dictionary<string, int> CompileAndRun()
    {
        var directory = Directory.CreateTempSubdirectory("ebpfsharp-layout-");
        try
        {
            string source = Path.Combine(directory.FullName, "layout.c");
            string executable = Path.Combine(directory.FullName, "layout");
            File.WriteAllText(source, Program);
            Tools.RunChecked("gcc", "-o", executable, source);
            return Tools.RunChecked(executable)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('='))
                .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
