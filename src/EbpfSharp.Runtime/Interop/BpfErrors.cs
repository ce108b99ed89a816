namespace EbpfSharp.Runtime.Interop;

/// <summary>Maps errno values from bpf() and perf_event_open() to typed exceptions, in one place.</summary>
internal static class BpfErrors
{
    /// <summary>The exception for a failed bpf() command.</summary>
    public static BpfException FromErrno(int errno, BpfCommand command, string operation) =>
        FromErrno(errno, $"{operation} failed: bpf({CommandName(command)}) returned {Errno.Name(errno)}");

    /// <summary>The exception for a failed call described by <paramref name="what"/>.</summary>
    public static BpfException FromErrno(int errno, string what) => errno switch
    {
        Errno.EPERM or Errno.EACCES => new BpfPermissionException(
            $"{what}. Loading eBPF needs root, or CAP_BPF with CAP_PERFMON (tracing) and CAP_NET_ADMIN (networking).", errno),
        Errno.EOPNOTSUPP or Errno.ENOTSUPP or Errno.ENOSYS => new BpfNotSupportedException(
            $"{what}. This kernel does not support the operation.", errno),
        Errno.ENOENT or Errno.ESRCH or Errno.ENODEV => new BpfNotFoundException($"{what}.", errno),
        Errno.E2BIG or Errno.ENOSPC or Errno.ENOMEM or Errno.EMFILE or Errno.ERANGE => new BpfLimitException(
            errno == Errno.EMFILE ? $"{what}. The process has run out of file descriptors." : $"{what}.", errno),
        Errno.EBUSY or Errno.EEXIST => new BpfConflictException($"{what}.", errno),
        _ => new BpfInvalidArgumentException($"{what}.", errno),
    };

    internal static string CommandName(BpfCommand command) => command switch
    {
        BpfCommand.MapCreate => "BPF_MAP_CREATE",
        BpfCommand.MapLookupElement => "BPF_MAP_LOOKUP_ELEM",
        BpfCommand.MapUpdateElement => "BPF_MAP_UPDATE_ELEM",
        BpfCommand.MapDeleteElement => "BPF_MAP_DELETE_ELEM",
        BpfCommand.MapGetNextKey => "BPF_MAP_GET_NEXT_KEY",
        BpfCommand.ProgramLoad => "BPF_PROG_LOAD",
        BpfCommand.ObjectPin => "BPF_OBJ_PIN",
        BpfCommand.ObjectGet => "BPF_OBJ_GET",
        BpfCommand.ProgramTestRun => "BPF_PROG_TEST_RUN",
        BpfCommand.ObjectGetInfoByFd => "BPF_OBJ_GET_INFO_BY_FD",
        BpfCommand.RawTracepointOpen => "BPF_RAW_TRACEPOINT_OPEN",
        BpfCommand.BtfLoad => "BPF_BTF_LOAD",
        BpfCommand.MapLookupAndDeleteElement => "BPF_MAP_LOOKUP_AND_DELETE_ELEM",
        BpfCommand.MapFreeze => "BPF_MAP_FREEZE",
        BpfCommand.MapLookupBatch => "BPF_MAP_LOOKUP_BATCH",
        BpfCommand.MapLookupAndDeleteBatch => "BPF_MAP_LOOKUP_AND_DELETE_BATCH",
        BpfCommand.MapUpdateBatch => "BPF_MAP_UPDATE_BATCH",
        BpfCommand.MapDeleteBatch => "BPF_MAP_DELETE_BATCH",
        BpfCommand.LinkCreate => "BPF_LINK_CREATE",
        BpfCommand.LinkDetach => "BPF_LINK_DETACH",
        BpfCommand.ProgramBindMap => "BPF_PROG_BIND_MAP",
        var other => $"command {(int)other}",
    };
}
